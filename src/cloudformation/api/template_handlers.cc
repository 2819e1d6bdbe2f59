#include <set>

#include "cloudformation/api/cfn_json.h"
#include "cloudformation/api/handlers.h"
#include "cloudformation/engine/stack_engine.h"
#include "cloudformation/errors.h"
#include "cloudformation/template/capabilities.h"
#include "cloudformation/template/template.h"

namespace stratus::cloudformation::api {
namespace {

Result<Template> Load(const std::string& text) {
  Result<Template> parsed = LoadTemplateText(text);
  if (!parsed.ok()) {
    return CfnError::Validation(std::string(parsed.status().message()));
  }
  return parsed;
}

// The template named by TemplateBody, TemplateURL, or the stack's (StackName).
Result<std::string> TemplateText(StackEngine& engine, const Json& input) {
  std::string body = OptionalMember(input, "TemplateBody");
  if (!body.empty()) {
    return body;
  }
  std::string name = OptionalMember(input, "StackName");
  if (!name.empty()) {
    STRATUS_ASSIGN_OR_RETURN(Stack stack, engine.FindStack(name));
    return stack.template_text;
  }
  std::string url = OptionalMember(input, "TemplateURL");
  if (!url.empty()) {
    return engine.FetchTemplate(url);
  }
  return CfnError::Validation("Either Template URL or Template Body must be specified.");
}

void AddCapabilities(const Template& parsed, Json& out) {
  std::string capability = RequiredCapability(parsed);
  out["Capabilities"] = Json::array();
  if (!capability.empty()) {
    out["Capabilities"].push_back(capability);
    std::set<std::string> names;
    for (const auto& [id, resource] : parsed.resources) {
      if (resource.type.rfind("AWS::IAM::", 0) == 0) {
        names.insert(id);
      }
    }
    std::string list;
    for (const std::string& name : names) {
      list += (list.empty() ? "" : ", ") + name;
    }
    out["CapabilitiesReason"] = "The following resource(s) require capabilities: [" + list + "]";
  }
}

// What GetTemplateSummary and ValidateTemplate both say of a parameter.
Json ParameterDeclarationJson(const ParameterDeclaration& parameter) {
  Json entry{{"ParameterKey", parameter.name}, {"NoEcho", parameter.no_echo}};
  if (parameter.default_value.has_value()) {
    entry["DefaultValue"] = *parameter.default_value;
  }
  if (!parameter.description.empty()) {
    entry["Description"] = parameter.description;
  }
  return entry;
}

}  // namespace

Result<Json> GetTemplate(StackEngine& engine,
                         const aws::RequestContext& /*context*/,
                         const Json& input) {
  std::string change_set = OptionalMember(input, "ChangeSetName");
  std::string name = OptionalMember(input, "StackName");
  std::string text;
  if (!change_set.empty()) {
    STRATUS_ASSIGN_OR_RETURN(auto found, engine.FindChangeSet(change_set, name));
    text = found.second.template_text;
  } else {
    STRATUS_ASSIGN_OR_RETURN(name, RequiredMember(input, "StackName"));
    STRATUS_ASSIGN_OR_RETURN(Stack stack, engine.FindStack(name));
    text = stack.template_text;
  }
  return Json{{"TemplateBody", text}, {"StagesAvailable", Json::array({"Original", "Processed"})}};
}

Result<Json> GetTemplateSummary(StackEngine& engine,
                                const aws::RequestContext& /*context*/,
                                const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string text, TemplateText(engine, input));
  STRATUS_ASSIGN_OR_RETURN(Template parsed, Load(text));
  Json parameters = Json::array();
  for (const ParameterDeclaration& parameter : parsed.parameters) {
    Json entry = ParameterDeclarationJson(parameter);
    entry["ParameterType"] = parameter.type;
    entry["ParameterConstraints"] = Json::object();
    if (!parameter.allowed_values.empty()) {
      entry["ParameterConstraints"]["AllowedValues"] = parameter.allowed_values;
    }
    parameters.push_back(std::move(entry));
  }
  std::set<std::string> types;
  std::map<std::string, std::vector<std::string>> by_type;
  for (const auto& [id, resource] : parsed.resources) {
    types.insert(resource.type);
    by_type[resource.type].push_back(id);
  }
  Json identifiers = Json::array();
  for (const auto& [type, ids] : by_type) {
    identifiers.push_back(Json{{"ResourceType", type}, {"LogicalResourceIds", ids}});
  }
  Json out{{"Parameters", std::move(parameters)},
           {"ResourceTypes", std::vector<std::string>(types.begin(), types.end())},
           {"Version", parsed.body.value("AWSTemplateFormatVersion", Json("2010-09-09"))},
           {"DeclaredTransforms", Json::array()},
           {"ResourceIdentifierSummaries", std::move(identifiers)}};
  if (!parsed.description.empty()) {
    out["Description"] = parsed.description;
  }
  if (parsed.body.contains("Metadata")) {
    out["Metadata"] = DumpJson(parsed.body["Metadata"]);
  }
  AddCapabilities(parsed, out);
  return out;
}

Result<Json> ValidateTemplate(StackEngine& engine,
                              const aws::RequestContext& /*context*/,
                              const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string text, TemplateText(engine, input));
  STRATUS_ASSIGN_OR_RETURN(Template parsed, Load(text));
  Json parameters = Json::array();
  for (const ParameterDeclaration& parameter : parsed.parameters) {
    parameters.push_back(ParameterDeclarationJson(parameter));
  }
  Json out{{"Parameters", std::move(parameters)}, {"DeclaredTransforms", Json::array()}};
  if (!parsed.description.empty()) {
    out["Description"] = parsed.description;
  }
  AddCapabilities(parsed, out);
  return out;
}

}  // namespace stratus::cloudformation::api
