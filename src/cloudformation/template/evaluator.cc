#include "cloudformation/template/evaluator.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "base/digest.h"
#include "base/format.h"
#include "cloudformation/template/parameters.h"
#include "cloudformation/template/template.h"

namespace stratus::cloudformation {
namespace {

// Evaluation yields nullopt for AWS::NoValue.
using Value = std::optional<Json>;

Status TemplateError(const std::string& what) {
  return Status::InvalidArgument("Template error: " + what);
}

Result<std::string> Text(const Json& value, std::string_view function) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_number_integer()) {
    return std::to_string(value.get<int64_t>());
  }
  if (value.is_number()) {
    return Format("{}", value.get<double>());
  }
  if (value.is_boolean()) {
    return std::string(value.get<bool>() ? "true" : "false");
  }
  return TemplateError(Format("every {} value must resolve to a string", function));
}

class Evaluator {
 public:
  explicit Evaluator(const EvaluationContext& context) : context_(context) {}

  Result<Value> Eval(const Json& value) {
    if (value.is_array()) {
      Json out = Json::array();
      for (const Json& item : value) {
        STRATUS_ASSIGN_OR_RETURN(Value element, Eval(item));
        if (element.has_value()) {
          out.push_back(std::move(*element));
        }
      }
      return Value(std::move(out));
    }
    if (!value.is_object()) {
      return Value(value);
    }
    if (value.size() == 1) {
      const std::string& key = value.begin().key();
      if (key == "Ref" || key.rfind("Fn::", 0) == 0) {
        return Function(key, value.begin().value());
      }
    }
    Json out = Json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
      STRATUS_ASSIGN_OR_RETURN(Value member, Eval(it.value()));
      if (member.has_value()) {
        out[it.key()] = std::move(*member);
      }
    }
    return Value(std::move(out));
  }

  // A value that must be present (not AWS::NoValue).
  Result<Json> Required(const Json& value, std::string_view function) {
    STRATUS_ASSIGN_OR_RETURN(Value out, Eval(value));
    if (!out.has_value()) {
      return TemplateError(Format("AWS::NoValue is not allowed as an argument of {}", function));
    }
    return std::move(*out);
  }

  Result<bool> Condition(const Json& expression) {
    if (expression.is_object() && expression.size() == 1 &&
        expression.begin().key() == "Condition") {
      if (!expression.begin()->is_string()) {
        return TemplateError("Condition must name a condition");
      }
      return Named(expression.begin()->get<std::string>());
    }
    STRATUS_ASSIGN_OR_RETURN(Json value, Required(expression, "a condition"));
    if (value.is_boolean()) {
      return value.get<bool>();
    }
    if (value.is_string() && (value == "true" || value == "false")) {
      return value == "true";
    }
    return TemplateError("a condition must evaluate to a boolean");
  }

  Result<bool> Named(const std::string& name) {
    auto it = context_.conditions.find(name);
    if (it == context_.conditions.end()) {
      return TemplateError(Format("unresolved condition dependency {} in Fn::If", name));
    }
    return it->second;
  }

 private:
  Result<Value> Function(const std::string& name, const Json& argument) {
    if (name == "Ref") {
      return Ref(argument);
    }
    if (name == "Fn::GetAtt") {
      return GetAtt(argument);
    }
    if (name == "Fn::Sub") {
      return Sub(argument);
    }
    if (name == "Fn::Join") {
      return Join(argument);
    }
    if (name == "Fn::Select") {
      return Select(argument);
    }
    if (name == "Fn::Split") {
      return Split(argument);
    }
    if (name == "Fn::If") {
      return If(argument);
    }
    if (name == "Fn::Equals") {
      return Equals(argument);
    }
    if (name == "Fn::And" || name == "Fn::Or") {
      return AndOr(name, argument);
    }
    if (name == "Fn::Not") {
      if (!argument.is_array() || argument.size() != 1) {
        return TemplateError("Fn::Not requires a list of one condition");
      }
      STRATUS_ASSIGN_OR_RETURN(bool inner, Condition(argument[0]));
      return Value(Json(!inner));
    }
    if (name == "Fn::FindInMap") {
      return FindInMap(argument);
    }
    if (name == "Fn::Base64") {
      STRATUS_ASSIGN_OR_RETURN(Json text, Required(argument, name));
      STRATUS_ASSIGN_OR_RETURN(std::string plain, Text(text, name));
      return Value(Json(Base64Encode(plain)));
    }
    if (name == "Fn::GetAZs") {
      STRATUS_ASSIGN_OR_RETURN(Json region, Required(argument, name));
      std::string text = region.is_string() ? region.get<std::string>() : "";
      if (text.empty()) {
        text = context_.pseudo.count("AWS::Region") != 0
                   ? context_.pseudo.at("AWS::Region").get<std::string>()
                   : "us-east-1";
      }
      return Value(Json::array({text + "a", text + "b", text + "c"}));
    }
    if (name == "Fn::ImportValue") {
      STRATUS_ASSIGN_OR_RETURN(Json export_name, Required(argument, name));
      STRATUS_ASSIGN_OR_RETURN(std::string text, Text(export_name, name));
      if (!context_.import_value) {
        return TemplateError("Fn::ImportValue is not available here");
      }
      STRATUS_ASSIGN_OR_RETURN(Json imported, context_.import_value(text));
      return Value(std::move(imported));
    }
    if (name == "Fn::Cidr") {
      return Cidr(argument);
    }
    if (name == "Fn::Length") {
      STRATUS_ASSIGN_OR_RETURN(Json list, Required(argument, name));
      if (!list.is_array()) {
        return TemplateError("Fn::Length requires a list");
      }
      return Value(Json(list.size()));
    }
    if (name == "Fn::ToJsonString") {
      STRATUS_ASSIGN_OR_RETURN(Json inner, Required(argument, name));
      return Value(Json(DumpJson(inner)));
    }
    return TemplateError(Format("Unsupported intrinsic function {}", name));
  }

  Result<Value> Ref(const Json& argument) {
    if (!argument.is_string()) {
      return TemplateError("every Ref object must have a single String value.");
    }
    const std::string name = argument.get<std::string>();
    if (name == "AWS::NoValue") {
      return Value();
    }
    if (auto it = context_.pseudo.find(name); it != context_.pseudo.end()) {
      return Value(it->second);
    }
    if (auto it = context_.parameters.find(name); it != context_.parameters.end()) {
      return Value(it->second);
    }
    if (context_.ref_resource) {
      STRATUS_ASSIGN_OR_RETURN(Json ref, context_.ref_resource(name));
      return Value(std::move(ref));
    }
    return TemplateError(Format("Unresolved resource dependencies [{}]", name));
  }

  Result<Value> GetAtt(const Json& argument) {
    if (!argument.is_array() || argument.size() != 2 || !argument[0].is_string()) {
      return TemplateError("every Fn::GetAtt object requires two non-empty parameters.");
    }
    STRATUS_ASSIGN_OR_RETURN(Json attribute, Required(argument[1], "Fn::GetAtt"));
    STRATUS_ASSIGN_OR_RETURN(std::string attribute_name, Text(attribute, "Fn::GetAtt"));
    if (!context_.get_att) {
      return TemplateError(
          Format("Unresolved resource dependencies [{}]", argument[0].get<std::string>()));
    }
    STRATUS_ASSIGN_OR_RETURN(Json value,
                             context_.get_att(argument[0].get<std::string>(), attribute_name));
    return Value(std::move(value));
  }

  Result<std::string> SubVariable(const std::string& name,
                                  const std::map<std::string, Json>& vars) {
    if (auto it = vars.find(name); it != vars.end()) {
      if (it->second.is_array()) {
        return TemplateError(Format("Fn::Sub variable {} must resolve to a string", name));
      }
      return Text(it->second, "Fn::Sub");
    }
    size_t dot = name.find('.');
    Value value;
    if (dot != std::string::npos && name.rfind("AWS::", 0) != 0) {
      STRATUS_ASSIGN_OR_RETURN(value,
                               GetAtt(Json::array({name.substr(0, dot), name.substr(dot + 1)})));
    } else {
      STRATUS_ASSIGN_OR_RETURN(value, Ref(Json(name)));
    }
    if (!value.has_value()) {
      return std::string();
    }
    if (value->is_array()) {
      std::string joined;
      for (const Json& item : *value) {
        STRATUS_ASSIGN_OR_RETURN(std::string text, Text(item, "Fn::Sub"));
        joined += (joined.empty() ? "" : ",") + text;
      }
      return joined;
    }
    return Text(*value, "Fn::Sub");
  }

  Result<Value> Sub(const Json& argument) {
    std::string text;
    std::map<std::string, Json> vars;
    if (argument.is_string()) {
      text = argument.get<std::string>();
    } else if (argument.is_array() && argument.size() == 2 && argument[0].is_string() &&
               argument[1].is_object()) {
      text = argument[0].get<std::string>();
      for (auto it = argument[1].begin(); it != argument[1].end(); ++it) {
        STRATUS_ASSIGN_OR_RETURN(Json value, Required(it.value(), "Fn::Sub"));
        vars[it.key()] = std::move(value);
      }
    } else {
      return TemplateError(
          "One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a "
          "string as first argument, and an optional second argument to specify a mapping of "
          "values to replace in the string");
    }
    std::string out;
    size_t at = 0;
    while (at < text.size()) {
      size_t open = text.find("${", at);
      if (open == std::string::npos) {
        out += text.substr(at);
        break;
      }
      out += text.substr(at, open - at);
      size_t close = text.find('}', open + 2);
      if (close == std::string::npos) {
        out += text.substr(open);
        break;
      }
      std::string name = text.substr(open + 2, close - open - 2);
      if (!name.empty() && name[0] == '!') {
        out += "${" + name.substr(1) + "}";
      } else {
        STRATUS_ASSIGN_OR_RETURN(std::string replaced, SubVariable(name, vars));
        out += replaced;
      }
      at = close + 1;
    }
    return Value(Json(std::move(out)));
  }

  Result<Value> Join(const Json& argument) {
    if (!argument.is_array() || argument.size() != 2 || !argument[0].is_string()) {
      return TemplateError(
          "every Fn::Join object requires two parameters, (1) a string "
          "delimiter and (2) a list of strings to be joined or a function "
          "that returns a list of strings (such as Fn::GetAZs) to be joined.");
    }
    STRATUS_ASSIGN_OR_RETURN(Json list, Required(argument[1], "Fn::Join"));
    if (!list.is_array()) {
      return TemplateError("Fn::Join requires a list of strings");
    }
    std::string out;
    bool first = true;
    for (const Json& item : list) {
      STRATUS_ASSIGN_OR_RETURN(std::string text, Text(item, "Fn::Join"));
      out += (first ? "" : argument[0].get<std::string>()) + text;
      first = false;
    }
    return Value(Json(std::move(out)));
  }

  Result<Value> Select(const Json& argument) {
    if (!argument.is_array() || argument.size() != 2) {
      return TemplateError("Fn::Select requires a list of two elements");
    }
    STRATUS_ASSIGN_OR_RETURN(Json index, Required(argument[0], "Fn::Select"));
    STRATUS_ASSIGN_OR_RETURN(std::string index_text, Text(index, "Fn::Select"));
    STRATUS_ASSIGN_OR_RETURN(Json list, Required(argument[1], "Fn::Select"));
    char* end = nullptr;
    long long position = std::strtoll(index_text.c_str(), &end, 10);
    if (!list.is_array() || index_text.empty() || *end != '\0' || position < 0 ||
        static_cast<size_t>(position) >= list.size()) {
      return TemplateError("Fn::Select cannot select nonexistent value at index " + index_text);
    }
    return Value(list[static_cast<size_t>(position)]);
  }

  Result<Value> Split(const Json& argument) {
    if (!argument.is_array() || argument.size() != 2 || !argument[0].is_string() ||
        argument[0].get<std::string>().empty()) {
      return TemplateError("Fn::Split requires a delimiter and a string");
    }
    STRATUS_ASSIGN_OR_RETURN(Json source, Required(argument[1], "Fn::Split"));
    STRATUS_ASSIGN_OR_RETURN(std::string text, Text(source, "Fn::Split"));
    const std::string delimiter = argument[0].get<std::string>();
    Json out = Json::array();
    size_t at = 0;
    while (true) {
      size_t next = text.find(delimiter, at);
      out.push_back(text.substr(at, next == std::string::npos ? std::string::npos : next - at));
      if (next == std::string::npos) {
        break;
      }
      at = next + delimiter.size();
    }
    return Value(std::move(out));
  }

  Result<Value> If(const Json& argument) {
    if (!argument.is_array() || argument.size() != 3 || !argument[0].is_string()) {
      return TemplateError("Fn::If requires a list argument with three elements");
    }
    STRATUS_ASSIGN_OR_RETURN(bool chosen, Named(argument[0].get<std::string>()));
    return Eval(argument[chosen ? 1 : 2]);
  }

  Result<Value> Equals(const Json& argument) {
    if (!argument.is_array() || argument.size() != 2) {
      return TemplateError("Fn::Equals requires a list of two values");
    }
    STRATUS_ASSIGN_OR_RETURN(Json left, Required(argument[0], "Fn::Equals"));
    STRATUS_ASSIGN_OR_RETURN(Json right, Required(argument[1], "Fn::Equals"));
    // AWS compares as strings: "true" equals true, "1" equals 1.
    Result<std::string> left_text = Text(left, "Fn::Equals");
    Result<std::string> right_text = Text(right, "Fn::Equals");
    bool equal = left_text.ok() && right_text.ok() ? *left_text == *right_text : left == right;
    return Value(Json(equal));
  }

  Result<Value> AndOr(const std::string& name, const Json& argument) {
    if (!argument.is_array() || argument.size() < 2 || argument.size() > 10) {
      return TemplateError(name + " requires between 2 and 10 conditions");
    }
    bool is_and = name == "Fn::And";
    bool result = is_and;
    for (const Json& item : argument) {
      STRATUS_ASSIGN_OR_RETURN(bool value, Condition(item));
      result = is_and ? (result && value) : (result || value);
    }
    return Value(Json(result));
  }

  Result<Value> FindInMap(const Json& argument) {
    if (!argument.is_array() || argument.size() < 3) {
      return TemplateError("Fn::FindInMap requires a map name and two keys");
    }
    std::string keys[3];
    for (size_t i = 0; i < 3; ++i) {
      STRATUS_ASSIGN_OR_RETURN(Json key, Required(argument[i], "Fn::FindInMap"));
      STRATUS_ASSIGN_OR_RETURN(keys[i], Text(key, "Fn::FindInMap"));
    }
    const Json* mappings = context_.mappings;
    if (mappings == nullptr || !mappings->contains(keys[0])) {
      return TemplateError(
          Format("Mapping named '{}' is not present in the 'Mappings' section "
                 "of template.",
                 keys[0]));
    }
    const Json& map = (*mappings)[keys[0]];
    if (!map.is_object() || !map.contains(keys[1]) || !map[keys[1]].is_object() ||
        !map[keys[1]].contains(keys[2])) {
      if (argument.size() == 4 && argument[3].is_object() && argument[3].contains("DefaultValue")) {
        return Eval(argument[3]["DefaultValue"]);
      }
      return TemplateError(
          Format("Unable to get mapping for {}::{}::{}", keys[0], keys[1], keys[2]));
    }
    return Value(map[keys[1]][keys[2]]);
  }

  Result<Value> Cidr(const Json& argument) {
    if (!argument.is_array() || argument.size() != 3) {
      return TemplateError("Fn::Cidr requires an ipBlock, a count and cidrBits");
    }
    std::string parts[3];
    for (size_t i = 0; i < 3; ++i) {
      STRATUS_ASSIGN_OR_RETURN(Json part, Required(argument[i], "Fn::Cidr"));
      STRATUS_ASSIGN_OR_RETURN(parts[i], Text(part, "Fn::Cidr"));
    }
    unsigned a = 0, b = 0, c = 0, d = 0, prefix = 0;
    char tail = 0;
    if (std::sscanf(parts[0].c_str(), "%u.%u.%u.%u/%u%c", &a, &b, &c, &d, &prefix, &tail) != 5 ||
        a > 255 || b > 255 || c > 255 || d > 255 || prefix > 32) {
      return TemplateError("Fn::Cidr: invalid ipBlock " + parts[0]);
    }
    long count = std::strtol(parts[1].c_str(), nullptr, 10);
    long bits = std::strtol(parts[2].c_str(), nullptr, 10);
    if (count < 1 || count > 256 || bits < 0 || bits > 32 - static_cast<long>(prefix)) {
      return TemplateError("Fn::Cidr: invalid count or cidrBits");
    }
    uint64_t base = (uint64_t{a} << 24) | (b << 16) | (c << 8) | d;
    uint64_t size = uint64_t{1} << bits;
    uint64_t block_end = base + (uint64_t{1} << (32 - prefix));
    Json out = Json::array();
    for (long i = 0; i < count; ++i) {
      uint64_t start = base + static_cast<uint64_t>(i) * size;
      if (start + size > block_end) {
        return TemplateError("Fn::Cidr: the block cannot hold that many subnets");
      }
      out.push_back(Format("{}.{}.{}.{}/{}", (start >> 24) & 255, (start >> 16) & 255,
                           (start >> 8) & 255, start & 255, 32 - bits));
    }
    return Value(std::move(out));
  }

  const EvaluationContext& context_;
};

}  // namespace

std::map<std::string, Json> PseudoParameters(const std::string& region,
                                             const std::string& account_id,
                                             const std::string& stack_name,
                                             const std::string& stack_id) {
  return {{"AWS::Region", region},
          {"AWS::AccountId", account_id},
          {"AWS::StackName", stack_name},
          {"AWS::StackId", stack_id},
          {"AWS::Partition", "aws"},
          {"AWS::URLSuffix", "amazonaws.com"},
          {"AWS::NotificationARNs", Json::array()}};
}

Result<Json> Evaluate(const Json& value, const EvaluationContext& context) {
  Evaluator evaluator(context);
  STRATUS_ASSIGN_OR_RETURN(Value out, evaluator.Eval(value));
  return out.has_value() ? std::move(*out) : Json(nullptr);
}

Status EvaluateConditions(const Template& parsed, EvaluationContext& context) {
  std::set<std::string> visiting;
  std::function<Status(const std::string&)> resolve = [&](const std::string& name) -> Status {
    if (context.conditions.count(name) != 0) {
      return Status::Ok();
    }
    if (!parsed.conditions.contains(name)) {
      return Status::InvalidArgument(
          Format("Template format error: Unresolved dependencies [{}]. Cannot reference "
                 "resources in the Conditions block of the template",
                 name));
    }
    if (!visiting.insert(name).second) {
      return Status::InvalidArgument(
          Format("Template error: circular dependency between conditions involving {}", name));
    }
    // Resolve the conditions this one names first.
    std::function<Status(const Json&)> walk = [&](const Json& value) -> Status {
      if (value.is_object() && value.size() == 1 && value.begin().key() == "Condition" &&
          value.begin()->is_string()) {
        return resolve(value.begin()->get<std::string>());
      }
      if (value.is_object() && value.size() == 1 && value.begin().key() == "Fn::If" &&
          value.begin()->is_array() && !value.begin()->empty() && (*value.begin())[0].is_string()) {
        STRATUS_RETURN_IF_ERROR(resolve((*value.begin())[0].get<std::string>()));
      }
      if (value.is_structured()) {
        for (const Json& item : value) {
          STRATUS_RETURN_IF_ERROR(walk(item));
        }
      }
      return Status::Ok();
    };
    STRATUS_RETURN_IF_ERROR(walk(parsed.conditions[name]));
    Evaluator evaluator(context);
    STRATUS_ASSIGN_OR_RETURN(bool value, evaluator.Condition(parsed.conditions[name]));
    context.conditions[name] = value;
    visiting.erase(name);
    return Status::Ok();
  };
  for (auto it = parsed.conditions.begin(); it != parsed.conditions.end(); ++it) {
    STRATUS_RETURN_IF_ERROR(resolve(it.key()));
  }
  return Status::Ok();
}

Status CheckRules(const Template& parsed, const EvaluationContext& context) {
  for (auto rule = parsed.rules.begin(); rule != parsed.rules.end(); ++rule) {
    if (!rule->is_object()) {
      continue;
    }
    Evaluator evaluator(context);
    if (rule->contains("RuleCondition")) {
      STRATUS_ASSIGN_OR_RETURN(bool applies, evaluator.Condition((*rule)["RuleCondition"]));
      if (!applies) {
        continue;
      }
    }
    if (!rule->contains("Assertions") || !(*rule)["Assertions"].is_array()) {
      continue;
    }
    for (const Json& assertion : (*rule)["Assertions"]) {
      if (!assertion.is_object() || !assertion.contains("Assert")) {
        continue;
      }
      STRATUS_ASSIGN_OR_RETURN(bool holds, evaluator.Condition(assertion["Assert"]));
      if (!holds) {
        std::string description = assertion.value("AssertDescription", Json("")).is_string()
                                      ? assertion.value("AssertDescription", std::string())
                                      : std::string();
        return Status::InvalidArgument(
            description.empty() ? Format("Template rule {} failed", rule.key()) : description);
      }
    }
  }
  return Status::Ok();
}

}  // namespace stratus::cloudformation
