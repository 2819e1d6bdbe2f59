#include "cloudformation/template/template_text.h"

#include <cstdlib>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "base/format.h"

namespace stratus::cloudformation {
namespace {

// Nesting beyond this is rejected rather than risking the stack.
constexpr int kMaxDepth = 200;

bool IsInteger(const std::string& text) {
  size_t start = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
  if (start >= text.size() || text.size() - start > 18) {
    return false;
  }
  for (size_t i = start; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
  }
  // AWS: a leading zero ("0123") keeps the scalar a string, as YAML 1.2 reads it.
  return !(text.size() - start > 1 && text[start] == '0');
}

bool IsDecimal(const std::string& text) {
  size_t start = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
  bool digits = false;
  bool dot = false;
  for (size_t i = start; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      digits = true;
    } else if (text[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits && dot && text.size() < 40;
}

Json PlainScalar(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") {
    return true;
  }
  if (text == "false" || text == "False" || text == "FALSE") {
    return false;
  }
  if (IsInteger(text)) {
    return std::strtoll(text.c_str(), nullptr, 10);
  }
  if (IsDecimal(text)) {
    return std::strtod(text.c_str(), nullptr);
  }
  return text;
}

Result<Json> Convert(const YAML::Node& node, int depth);

Result<Json> ConvertUntagged(const YAML::Node& node, int depth) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return Json(nullptr);
    case YAML::NodeType::Scalar:
      // yaml-cpp tags a quoted scalar "!" and a plain one "?".
      return node.Tag() == "!" ? Json(node.Scalar()) : PlainScalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      Json array = Json::array();
      for (const YAML::Node& item : node) {
        STRATUS_ASSIGN_OR_RETURN(Json value, Convert(item, depth + 1));
        array.push_back(std::move(value));
      }
      return array;
    }
    case YAML::NodeType::Map: {
      Json object = Json::object();
      for (const auto& entry : node) {
        if (!entry.first.IsScalar()) {
          return Status::InvalidArgument("Template format error: a mapping key is not a scalar");
        }
        STRATUS_ASSIGN_OR_RETURN(Json value, Convert(entry.second, depth + 1));
        object[entry.first.Scalar()] = std::move(value);
      }
      return object;
    }
  }
  return Json(nullptr);
}

// The short form's function name, or empty when `tag` is not one.
std::string LongForm(const std::string& tag) {
  static constexpr std::string_view kFunctions[] = {
      "Base64", "Cidr",   "FindInMap", "GetAtt", "GetAZs",    "ImportValue",
      "Join",   "Select", "Split",     "Sub",    "Transform", "And",
      "Equals", "If",     "Not",       "Or",     "Length",    "ToJsonString"};
  if (tag == "!Ref") {
    return "Ref";
  }
  if (tag == "!Condition") {
    return "Condition";
  }
  for (std::string_view name : kFunctions) {
    if (tag.size() == name.size() + 1 && std::string_view(tag).substr(1) == name) {
      return "Fn::" + std::string(name);
    }
  }
  return {};
}

Result<Json> Convert(const YAML::Node& node, int depth) {
  if (depth > kMaxDepth) {
    return Status::InvalidArgument("Template format error: the template nests too deeply");
  }
  const std::string& tag = node.Tag();
  if (tag.empty() || tag == "!" || tag == "?" || tag.rfind("tag:yaml.org,2002:", 0) == 0) {
    return ConvertUntagged(node, depth);
  }
  std::string function = LongForm(tag);
  if (function.empty()) {
    return Status::InvalidArgument(
        Format("Template format error: YAML not well-formed. Unknown tag {}", tag));
  }
  Json argument;
  if (node.IsScalar()) {
    // A tagged scalar is always a string ("!Ref 123" names "123").
    argument = node.Scalar();
  } else {
    STRATUS_ASSIGN_OR_RETURN(argument, ConvertUntagged(node, depth));
  }
  if (function == "Fn::GetAtt" && argument.is_string()) {
    const std::string text = argument.get<std::string>();
    size_t dot = text.find('.');
    if (dot == std::string::npos) {
      return Status::InvalidArgument(
          "Template error: every Fn::GetAtt object requires two non-empty parameters");
    }
    argument = Json::array({text.substr(0, dot), text.substr(dot + 1)});
  }
  if (function == "Fn::GetAZs" && argument.is_null()) {
    argument = "";
  }
  Json wrapped = Json::object();
  wrapped[function] = std::move(argument);
  return wrapped;
}

// Whether `value` nests deeper than kMaxDepth; iterative, so that a hostile
// document cannot exhaust the stack here either.
bool TooDeep(const Json& value) {
  std::vector<std::pair<const Json*, int>> pending = {{&value, 0}};
  while (!pending.empty()) {
    auto [at, depth] = pending.back();
    pending.pop_back();
    if (depth > kMaxDepth) {
      return true;
    }
    if (at->is_structured()) {
      for (const Json& child : *at) {
        pending.emplace_back(&child, depth + 1);
      }
    }
  }
  return false;
}

}  // namespace

Result<Json> ParseTemplateText(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return Status::InvalidArgument("Template format error: the template is empty");
  }
  if (text[first] == '{') {
    Result<Json> json = ParseJson(text);
    if (!json.ok()) {
      return Status::InvalidArgument("Template format error: JSON not well-formed. " +
                                     std::string(json.status().message()));
    }
    if (!json->is_object()) {
      return Status::InvalidArgument("Template format error: the template is not an object");
    }
    if (TooDeep(*json)) {
      return Status::InvalidArgument("Template format error: the template nests too deeply");
    }
    return json;
  }
  try {
    YAML::Node root = YAML::Load(std::string(text));
    STRATUS_ASSIGN_OR_RETURN(Json json, Convert(root, 0));
    if (!json.is_object()) {
      return Status::InvalidArgument(
          "Template format error: YAML not well-formed. "
          "The template is not a mapping");
    }
    return json;
  } catch (const YAML::Exception& error) {
    return Status::InvalidArgument(
        Format("Template format error: YAML not well-formed. (line {}, column {})",
               error.mark.line + 1, error.mark.column + 1));
  } catch (const std::exception& error) {
    return Status::InvalidArgument(
        Format("Template format error: YAML not well-formed. {}", error.what()));
  }
}

}  // namespace stratus::cloudformation
