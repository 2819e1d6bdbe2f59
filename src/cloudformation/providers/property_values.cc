#include "cloudformation/providers/property_values.h"

#include <charconv>

#include "base/format.h"
#include "cloudformation/providers/resource_provider.h"

namespace stratus::cloudformation {
namespace {

const Json* Find(const Json& properties, std::string_view name) {
  if (!properties.is_object()) {
    return nullptr;
  }
  auto it = properties.find(std::string(name));
  if (it == properties.end() || it->is_null()) {
    return nullptr;
  }
  return &*it;
}

Status WrongType(std::string_view name, std::string_view expected) {
  return Status::InvalidArgument(
      Format("Property validation failure: value of property {} must be {}", name, expected));
}

std::string ScalarText(const Json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_boolean()) {
    return value.get<bool>() ? "true" : "false";
  }
  return DumpJson(value);
}

}  // namespace

Result<std::optional<std::string>> OptionalString(const Json& properties, std::string_view name) {
  const Json* value = Find(properties, name);
  if (value == nullptr) {
    return std::optional<std::string>();
  }
  if (value->is_object() || value->is_array()) {
    return WrongType(name, "a string");
  }
  return std::optional<std::string>(ScalarText(*value));
}

bool HasProperty(const Json& properties, std::string_view name) {
  return Find(properties, name) != nullptr;
}

Result<std::string> RequiredString(const Json& properties, std::string_view name) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(properties, name));
  if (!value.has_value()) {
    return Status::InvalidArgument(
        Format("Property validation failure: required key [{}] not found", name));
  }
  return *value;
}

Result<std::optional<int64_t>> OptionalInteger(const Json& properties, std::string_view name) {
  const Json* value = Find(properties, name);
  if (value == nullptr) {
    return std::optional<int64_t>();
  }
  if (value->is_number_integer()) {
    return std::optional<int64_t>(value->get<int64_t>());
  }
  if (value->is_number_float()) {
    const double number = value->get<double>();
    if (number == static_cast<double>(static_cast<int64_t>(number))) {
      return std::optional<int64_t>(static_cast<int64_t>(number));
    }
  }
  if (value->is_string()) {
    const std::string& text = value->get_ref<const std::string&>();
    int64_t number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc() && end == text.data() + text.size() && !text.empty()) {
      return std::optional<int64_t>(number);
    }
  }
  return WrongType(name, "an integer");
}

Result<std::optional<bool>> OptionalBool(const Json& properties, std::string_view name) {
  const Json* value = Find(properties, name);
  if (value == nullptr) {
    return std::optional<bool>();
  }
  if (value->is_boolean()) {
    return std::optional<bool>(value->get<bool>());
  }
  if (value->is_string()) {
    const std::string& text = value->get_ref<const std::string&>();
    if (text == "true" || text == "True") {
      return std::optional<bool>(true);
    }
    if (text == "false" || text == "False") {
      return std::optional<bool>(false);
    }
  }
  return WrongType(name, "a boolean");
}

Result<std::optional<Json>> OptionalDocument(const Json& properties, std::string_view name) {
  const Json* value = Find(properties, name);
  if (value == nullptr) {
    return std::optional<Json>();
  }
  if (value->is_object() || value->is_array()) {
    return std::optional<Json>(*value);
  }
  if (value->is_string()) {
    Result<Json> parsed = ParseJson(value->get_ref<const std::string&>());
    if (parsed.ok() && (parsed->is_object() || parsed->is_array())) {
      return std::optional<Json>(std::move(*parsed));
    }
  }
  return WrongType(name, "a JSON object");
}

Result<std::vector<std::string>> StringList(const Json& properties, std::string_view name) {
  std::vector<std::string> out;
  const Json* value = Find(properties, name);
  if (value == nullptr) {
    return out;
  }
  if (!value->is_array()) {
    return WrongType(name, "a list of strings");
  }
  for (const Json& item : *value) {
    if (item.is_object() || item.is_array() || item.is_null()) {
      return WrongType(name, "a list of strings");
    }
    out.push_back(ScalarText(item));
  }
  return out;
}

Result<Json> TagMap(const Json& properties, std::string_view name) {
  Json tags = Json::object();
  const Json* value = Find(properties, name);
  if (value == nullptr) {
    return tags;
  }
  if (!value->is_array()) {
    return WrongType(name, "a list of {Key, Value} objects");
  }
  for (const Json& tag : *value) {
    STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(tag, "Key"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> text, OptionalString(tag, "Value"));
    tags[key] = text.value_or("");
  }
  return tags;
}

Json StringifyScalars(const Json& value) {
  if (value.is_object()) {
    Json out = Json::object();
    for (const auto& [key, item] : value.items()) {
      out[key] = StringifyScalars(item);
    }
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& item : value) {
      out.push_back(StringifyScalars(item));
    }
    return out;
  }
  return value.is_null() ? value : Json(ScalarText(value));
}

Status CheckSupported(const Json& properties,
                      std::string_view type,
                      std::span<const std::string_view> supported) {
  if (!properties.is_object()) {
    return Status::InvalidArgument(Format("Properties of {} must be an object", type));
  }
  for (const auto& [key, value] : properties.items()) {
    bool known = false;
    for (std::string_view name : supported) {
      known = known || name == key;
    }
    if (!known) {
      return Status::InvalidArgument(Format(
          "Encountered unsupported property {} (stratus's {} does not support it)", key, type));
    }
  }
  return Status::Ok();
}

bool PropertyChanged(const ResourceRequest& request, std::string_view name) {
  const Json* before = Find(request.previous_properties, name);
  const Json* after = Find(request.properties, name);
  if (before == nullptr || after == nullptr) {
    return (before == nullptr) != (after == nullptr);
  }
  return *before != *after;
}

bool AnyPropertyChanged(const ResourceRequest& request,
                        std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    if (PropertyChanged(request, name)) {
      return true;
    }
  }
  return false;
}

}  // namespace stratus::cloudformation
