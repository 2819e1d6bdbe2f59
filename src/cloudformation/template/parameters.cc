#include "cloudformation/template/parameters.h"

#include <cstdlib>
#include <regex>
#include <vector>

#include "base/format.h"
#include "cloudformation/template/template.h"

namespace stratus::cloudformation {
namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  size_t at = 0;
  while (true) {
    size_t comma = text.find(',', at);
    std::string item = text.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    size_t first = item.find_first_not_of(' ');
    size_t last = item.find_last_not_of(' ');
    items.push_back(first == std::string::npos ? "" : item.substr(first, last - first + 1));
    if (comma == std::string::npos) {
      return items;
    }
    at = comma + 1;
  }
}

bool IsNumber(const std::string& text) {
  if (text.empty()) {
    return false;
  }
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return end != nullptr && *end == '\0';
}

// AWS: with a ConstraintDescription, a constraint failure shows it instead
// of the constraint.
Status Violation(const ParameterDeclaration& parameter, const std::string& what) {
  if (!parameter.constraint_description.empty()) {
    return Status::InvalidArgument(Format("Parameter '{}' failed to satisfy constraint: {}",
                                          parameter.name, parameter.constraint_description));
  }
  return Status::InvalidArgument(Format("Parameter '{}' {}", parameter.name, what));
}

Status CheckOne(const ParameterDeclaration& parameter, const std::string& value) {
  if (!parameter.allowed_values.empty() &&
      std::find(parameter.allowed_values.begin(), parameter.allowed_values.end(), value) ==
          parameter.allowed_values.end()) {
    return Violation(parameter, "must be one of AllowedValues");
  }
  if (parameter.allowed_pattern.has_value()) {
    bool matches = false;
    try {
      matches = std::regex_match(value, std::regex(*parameter.allowed_pattern));
    } catch (const std::exception&) {
      return Status::InvalidArgument(Format(
          "Template format error: Parameter '{}' has an invalid AllowedPattern", parameter.name));
    }
    if (!matches) {
      return Violation(parameter, "must match pattern " + *parameter.allowed_pattern);
    }
  }
  if (parameter.min_length.has_value() &&
      static_cast<int64_t>(value.size()) < *parameter.min_length) {
    return Violation(parameter,
                     Format("must contain at least {} characters", *parameter.min_length));
  }
  if (parameter.max_length.has_value() &&
      static_cast<int64_t>(value.size()) > *parameter.max_length) {
    return Violation(parameter,
                     Format("must contain at most {} characters", *parameter.max_length));
  }
  bool numeric = parameter.type == "Number" || parameter.type == "List<Number>";
  if (numeric && !IsNumber(value)) {
    return Status::InvalidArgument(Format("Parameter '{}' must be a number", parameter.name));
  }
  if (numeric || parameter.min_value.has_value() || parameter.max_value.has_value()) {
    double number = std::strtod(value.c_str(), nullptr);
    if (parameter.min_value.has_value() && number < *parameter.min_value) {
      return Violation(parameter,
                       Format("must be a number not less than {}", *parameter.min_value));
    }
    if (parameter.max_value.has_value() && number > *parameter.max_value) {
      return Violation(parameter,
                       Format("must be a number not greater than {}", *parameter.max_value));
    }
  }
  return Status::Ok();
}

}  // namespace

std::string ParameterText(const Json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  std::string out;
  if (value.is_array()) {
    for (const Json& item : value) {
      out +=
          (out.empty() ? "" : ",") + (item.is_string() ? item.get<std::string>() : DumpJson(item));
    }
    return out;
  }
  return DumpJson(value);
}

Result<std::map<std::string, Json>> ResolveParameters(
    const Template& parsed,
    const std::map<std::string, std::string>& given,
    const std::map<std::string, std::string>& previous,
    const std::set<std::string>& use_previous) {
  std::vector<std::string> unknown;
  for (const auto& [name, unused] : given) {
    if (FindParameter(parsed, name) == nullptr) {
      unknown.push_back(name);
    }
  }
  for (const std::string& name : use_previous) {
    if (FindParameter(parsed, name) == nullptr) {
      unknown.push_back(name);
    }
  }
  if (!unknown.empty()) {
    return Status::InvalidArgument(
        Format("Parameters: [{}] do not exist in the template", JoinNames(unknown)));
  }
  std::map<std::string, Json> values;
  std::vector<std::string> missing;
  for (const ParameterDeclaration& parameter : parsed.parameters) {
    std::optional<std::string> text;
    if (auto it = given.find(parameter.name); it != given.end()) {
      text = it->second;
    } else if (use_previous.count(parameter.name) != 0 && previous.count(parameter.name) != 0) {
      text = previous.at(parameter.name);
    } else {
      text = parameter.default_value;
    }
    if (!text.has_value()) {
      missing.push_back(parameter.name);
      continue;
    }
    if (IsListParameterType(parameter.type)) {
      Json list = Json::array();
      for (const std::string& item :
           text->empty() ? std::vector<std::string>{} : SplitList(*text)) {
        if (parameter.type == "List<Number>" && !IsNumber(item)) {
          return Status::InvalidArgument(
              Format("Parameter '{}' must be a list of numbers", parameter.name));
        }
        if (!parameter.allowed_values.empty()) {
          STRATUS_RETURN_IF_ERROR(CheckOne(parameter, item));
        }
        list.push_back(item);
      }
      values[parameter.name] = std::move(list);
      continue;
    }
    STRATUS_RETURN_IF_ERROR(CheckOne(parameter, *text));
    values[parameter.name] = *text;
  }
  if (!missing.empty()) {
    return Status::InvalidArgument(Format("Parameters: [{}] must have values", JoinNames(missing)));
  }
  return values;
}

}  // namespace stratus::cloudformation
