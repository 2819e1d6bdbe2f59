#include "cloudformation/template/template.h"

#include <cstdlib>
#include <functional>
#include <set>
#include <utility>

#include "base/format.h"
#include "cloudformation/template/dependencies.h"
#include "cloudformation/template/template_text.h"

namespace stratus::cloudformation {
namespace {

Status FormatError(const std::string& what) {
  return Status::InvalidArgument("Template format error: " + what);
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

// A scalar as CloudFormation reads it where a string is expected.
std::optional<std::string> ScalarText(const Json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_boolean()) {
    return value.get<bool>() ? "true" : "false";
  }
  if (value.is_number_integer()) {
    return std::to_string(value.get<int64_t>());
  }
  if (value.is_number()) {
    std::string text = Format("{}", value.get<double>());
    return text;
  }
  return std::nullopt;
}

Result<std::optional<double>> NumberField(const Json& declaration,
                                          const std::string& name,
                                          const char* field) {
  if (!declaration.contains(field)) {
    return std::optional<double>();
  }
  std::optional<std::string> text = ScalarText(declaration[field]);
  char* end = nullptr;
  double number = text.has_value() ? std::strtod(text->c_str(), &end) : 0;
  if (!text.has_value() || text->empty() || end == nullptr || *end != '\0') {
    return FormatError(Format("Parameter '{}' has an invalid {}", name, field));
  }
  return std::optional<double>(number);
}

Result<ParameterDeclaration> LoadParameter(const std::string& name, const Json& declaration) {
  if (!declaration.is_object()) {
    return FormatError(Format("Every Parameters object must contain a Type member."));
  }
  ParameterDeclaration parameter;
  parameter.name = name;
  if (!declaration.contains("Type") || !declaration["Type"].is_string()) {
    return FormatError("Every Parameters object must contain a Type member.");
  }
  parameter.type = declaration["Type"].get<std::string>();
  static constexpr std::string_view kTypes[] = {"String", "Number", "List<Number>",
                                                "CommaDelimitedList"};
  bool known = parameter.type.rfind("AWS::", 0) == 0 || parameter.type.rfind("List<AWS::", 0) == 0;
  for (std::string_view type : kTypes) {
    known = known || parameter.type == type;
  }
  if (!known) {
    return FormatError(Format("Unrecognized parameter type: {}", parameter.type));
  }
  if (declaration.contains("Default")) {
    if (declaration["Default"].is_array()) {
      std::string joined;
      for (const Json& item : declaration["Default"]) {
        joined += (joined.empty() ? "" : ",") + ScalarText(item).value_or("");
      }
      parameter.default_value = joined;
    } else {
      parameter.default_value = ScalarText(declaration["Default"]);
    }
  }
  if (declaration.contains("Description")) {
    parameter.description = ScalarText(declaration["Description"]).value_or("");
  }
  if (declaration.contains("AllowedValues")) {
    if (!declaration["AllowedValues"].is_array()) {
      return FormatError(Format("Parameter '{}' AllowedValues must be a list", name));
    }
    for (const Json& value : declaration["AllowedValues"]) {
      parameter.allowed_values.push_back(ScalarText(value).value_or(""));
    }
  }
  if (declaration.contains("AllowedPattern")) {
    parameter.allowed_pattern = ScalarText(declaration["AllowedPattern"]);
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<double> min_length,
                           NumberField(declaration, name, "MinLength"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<double> max_length,
                           NumberField(declaration, name, "MaxLength"));
  if (min_length.has_value()) {
    parameter.min_length = static_cast<int64_t>(*min_length);
  }
  if (max_length.has_value()) {
    parameter.max_length = static_cast<int64_t>(*max_length);
  }
  STRATUS_ASSIGN_OR_RETURN(parameter.min_value, NumberField(declaration, name, "MinValue"));
  STRATUS_ASSIGN_OR_RETURN(parameter.max_value, NumberField(declaration, name, "MaxValue"));
  if (declaration.contains("ConstraintDescription")) {
    parameter.constraint_description =
        ScalarText(declaration["ConstraintDescription"]).value_or("");
  }
  if (declaration.contains("NoEcho")) {
    parameter.no_echo = ScalarText(declaration["NoEcho"]).value_or("false") == "true";
  }
  return parameter;
}

Result<std::vector<std::string>> StringList(const Json& value, const std::string& what) {
  std::vector<std::string> out;
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
    return out;
  }
  if (!value.is_array()) {
    return FormatError(what + " must be a string or a list of strings");
  }
  for (const Json& item : value) {
    if (!item.is_string()) {
      return FormatError(what + " must be a string or a list of strings");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<ResourceDeclaration> LoadResource(const std::string& id, const Json& declaration) {
  if (!declaration.is_object() || !declaration.contains("Type") ||
      !declaration["Type"].is_string()) {
    return FormatError(
        Format("[/Resources/{}] Every Resources object must contain a Type member.", id));
  }
  ResourceDeclaration resource;
  resource.logical_id = id;
  resource.type = declaration["Type"].get<std::string>();
  if (declaration.contains("Properties")) {
    if (!declaration["Properties"].is_object()) {
      return FormatError(Format("[/Resources/{}/Properties] properties must be an object", id));
    }
    resource.properties = declaration["Properties"];
  }
  if (declaration.contains("DependsOn")) {
    STRATUS_ASSIGN_OR_RETURN(resource.depends_on,
                             StringList(declaration["DependsOn"], "DependsOn of " + id));
  }
  if (declaration.contains("Condition")) {
    if (!declaration["Condition"].is_string()) {
      return FormatError(Format("[/Resources/{}/Condition] must be a string", id));
    }
    resource.condition = declaration["Condition"].get<std::string>();
  }
  for (const char* field : {"DeletionPolicy", "UpdateReplacePolicy"}) {
    if (!declaration.contains(field)) {
      continue;
    }
    std::string policy = ScalarText(declaration[field]).value_or("");
    if (policy != "Delete" && policy != "Retain" && policy != "Snapshot" &&
        policy != "RetainExceptOnCreate") {
      return FormatError(Format("Unrecognized {} {} for resource {}", field, policy, id));
    }
    (std::string_view(field) == "DeletionPolicy" ? resource.deletion_policy
                                                 : resource.update_replace_policy) = policy;
  }
  if (declaration.contains("Metadata")) {
    resource.metadata = declaration["Metadata"];
  }
  return resource;
}

// Orders the resources so that each comes after its dependencies; a cycle
// is AWS's "Circular dependency" error naming the resources on it.
Result<std::vector<std::string>> Order(
    const std::map<std::string, std::vector<std::string>>& deps) {
  std::map<std::string, int> state;  // 0 new, 1 on the path, 2 done.
  std::vector<std::string> order;
  std::vector<std::string> path;
  std::function<Status(const std::string&)> visit = [&](const std::string& id) -> Status {
    int& mark = state[id];
    if (mark == 2) {
      return Status::Ok();
    }
    if (mark == 1) {
      std::vector<std::string> cycle(std::find(path.begin(), path.end(), id), path.end());
      std::sort(cycle.begin(), cycle.end());
      return Status::InvalidArgument(
          Format("Circular dependency between resources: [{}]", JoinNames(cycle)));
    }
    mark = 1;
    path.push_back(id);
    for (const std::string& dep : deps.at(id)) {
      STRATUS_RETURN_IF_ERROR(visit(dep));
    }
    path.pop_back();
    state[id] = 2;
    order.push_back(id);
    return Status::Ok();
  };
  for (const auto& [id, unused] : deps) {
    STRATUS_RETURN_IF_ERROR(visit(id));
  }
  return order;
}

Status LoadOutputs(const Json& body, Template& parsed) {
  if (!body.contains("Outputs")) {
    return Status::Ok();
  }
  if (!body["Outputs"].is_object()) {
    return FormatError("Outputs must be an object");
  }
  for (auto it = body["Outputs"].begin(); it != body["Outputs"].end(); ++it) {
    if (!it->is_object() || !it->contains("Value")) {
      return FormatError(
          Format("[/Outputs/{}] 'null' values are not allowed in templates", it.key()));
    }
    OutputDeclaration output;
    output.name = it.key();
    output.value = (*it)["Value"];
    output.description = ScalarText(it->value("Description", Json(""))).value_or("");
    if (it->contains("Export")) {
      if (!(*it)["Export"].is_object() || !(*it)["Export"].contains("Name")) {
        return FormatError(Format("[/Outputs/{}/Export] Export must have a Name", it.key()));
      }
      output.export_name = (*it)["Export"]["Name"];
    }
    if (it->contains("Condition") && (*it)["Condition"].is_string()) {
      output.condition = (*it)["Condition"].get<std::string>();
    }
    parsed.outputs.push_back(std::move(output));
  }
  return Status::Ok();
}

Status CheckReferences(Template& parsed) {
  std::set<std::string> parameters;
  for (const ParameterDeclaration& parameter : parsed.parameters) {
    parameters.insert(parameter.name);
  }
  std::set<std::string> unresolved;
  auto check = [&](const References& refs, std::set<std::string>& deps) {
    for (const std::string& name : refs.refs) {
      if (parsed.resources.count(name) != 0) {
        deps.insert(name);
      } else if (parameters.count(name) == 0) {
        unresolved.insert(name);
      }
    }
    for (const std::string& name : refs.get_atts) {
      if (parsed.resources.count(name) != 0) {
        deps.insert(name);
      } else {
        unresolved.insert(name);
      }
    }
  };
  for (auto& [id, resource] : parsed.resources) {
    std::set<std::string> deps;
    check(CollectReferences(resource.properties), deps);
    for (const std::string& name : resource.depends_on) {
      if (parsed.resources.count(name) == 0) {
        unresolved.insert(name);
      }
      deps.insert(name);
    }
    if (!resource.condition.empty() && !parsed.conditions.contains(resource.condition)) {
      return FormatError(
          Format("Unresolved dependencies [{}]. Cannot reference resources in "
                 "the Conditions block of the template",
                 resource.condition));
    }
    parsed.dependencies[id] = std::vector<std::string>(deps.begin(), deps.end());
  }
  if (!unresolved.empty()) {
    return FormatError(
        Format("Unresolved resource dependencies [{}] in the Resources block of the template",
               JoinNames(std::vector<std::string>(unresolved.begin(), unresolved.end()))));
  }
  std::set<std::string> ignored;
  for (const OutputDeclaration& output : parsed.outputs) {
    check(CollectReferences(output.value), ignored);
    check(CollectReferences(output.export_name), ignored);
  }
  if (!unresolved.empty()) {
    return FormatError(
        Format("Unresolved resource dependencies [{}] in the Outputs block of the template",
               JoinNames(std::vector<std::string>(unresolved.begin(), unresolved.end()))));
  }
  return Status::Ok();
}

}  // namespace

bool IsListParameterType(std::string_view type) {
  return type == "CommaDelimitedList" || type.rfind("List<", 0) == 0 ||
         type.rfind("AWS::SSM::Parameter::Value<List<", 0) == 0;
}

const ParameterDeclaration* FindParameter(const Template& parsed, std::string_view name) {
  for (const ParameterDeclaration& parameter : parsed.parameters) {
    if (parameter.name == name) {
      return &parameter;
    }
  }
  return nullptr;
}

Result<Template> LoadTemplate(Json body) {
  if (!body.is_object()) {
    return FormatError("the template is not an object");
  }
  Template parsed;
  if (body.contains("Transform")) {
    std::string name = body["Transform"].is_string() ? body["Transform"].get<std::string>()
                                                     : DumpJson(body["Transform"]);
    // AWS runs macros here; stratus has none yet, so the deploy stops clearly.
    return Status::InvalidArgument(Format("Transform {} is not supported yet", name));
  }
  if (body.contains("AWSTemplateFormatVersion")) {
    std::optional<std::string> version = ScalarText(body["AWSTemplateFormatVersion"]);
    if (!version.has_value() || *version != "2010-09-09") {
      return FormatError("Unsupported template version: " +
                         version.value_or(DumpJson(body["AWSTemplateFormatVersion"])));
    }
  }
  static constexpr std::string_view kSections[] = {"AWSTemplateFormatVersion",
                                                   "Description",
                                                   "Metadata",
                                                   "Parameters",
                                                   "Rules",
                                                   "Mappings",
                                                   "Conditions",
                                                   "Resources",
                                                   "Outputs",
                                                   "Transform",
                                                   "Hooks"};
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (std::find(std::begin(kSections), std::end(kSections), it.key()) == std::end(kSections)) {
      return FormatError(Format("Invalid template property or properties [{}]", it.key()));
    }
  }
  if (body.contains("Description")) {
    parsed.description = ScalarText(body["Description"]).value_or("");
  }
  if (!body.contains("Resources") || !body["Resources"].is_object() || body["Resources"].empty()) {
    return FormatError("At least one Resources member must be defined.");
  }
  if (body.contains("Parameters")) {
    if (!body["Parameters"].is_object()) {
      return FormatError("Parameters must be an object");
    }
    for (auto it = body["Parameters"].begin(); it != body["Parameters"].end(); ++it) {
      STRATUS_ASSIGN_OR_RETURN(ParameterDeclaration parameter, LoadParameter(it.key(), *it));
      parsed.parameters.push_back(std::move(parameter));
    }
  }
  for (const char* section : {"Mappings", "Conditions", "Rules"}) {
    if (body.contains(section) && !body[section].is_object()) {
      return FormatError(Format("{} must be an object", section));
    }
  }
  parsed.mappings = body.value("Mappings", Json::object());
  parsed.conditions = body.value("Conditions", Json::object());
  parsed.rules = body.value("Rules", Json::object());
  for (auto it = body["Resources"].begin(); it != body["Resources"].end(); ++it) {
    STRATUS_ASSIGN_OR_RETURN(ResourceDeclaration resource, LoadResource(it.key(), *it));
    parsed.resources.emplace(it.key(), std::move(resource));
  }
  STRATUS_RETURN_IF_ERROR(LoadOutputs(body, parsed));
  STRATUS_RETURN_IF_ERROR(CheckReferences(parsed));
  STRATUS_ASSIGN_OR_RETURN(parsed.creation_order, Order(parsed.dependencies));
  parsed.body = std::move(body);
  return parsed;
}

Result<Template> LoadTemplateText(std::string_view text) {
  STRATUS_ASSIGN_OR_RETURN(Json body, ParseTemplateText(text));
  return LoadTemplate(std::move(body));
}

}  // namespace stratus::cloudformation
