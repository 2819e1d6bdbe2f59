#include "aws/request_fields.h"

namespace stratus::aws {
namespace {

// Returns the present member when `matches` accepts it, nullptr when absent,
// and the wrong-type error otherwise.
template <typename Matches>
Result<const Json*> Typed(const Json& input,
                          std::string_view member,
                          FieldType type,
                          const FieldErrors& errors,
                          Matches matches) {
  const Json* value = PresentMember(input, member);
  if (value != nullptr && !matches(*value)) {
    return errors.wrong_type(member, type);
  }
  return value;
}

Result<Json> Container(const Json& input,
                       std::string_view member,
                       FieldType type,
                       const FieldErrors& errors) {
  const bool object = type == FieldType::kObject;
  STRATUS_ASSIGN_OR_RETURN(const Json* value,
                           Typed(input, member, type, errors, [object](const Json& v) {
                             return object ? v.is_object() : v.is_array();
                           }));
  if (value == nullptr) {
    return object ? Json::object() : Json::array();
  }
  return *value;
}

}  // namespace

std::string_view DescribeFieldType(FieldType type) {
  switch (type) {
    case FieldType::kString:
      return "a string";
    case FieldType::kBoolean:
      return "a boolean";
    case FieldType::kInteger:
      return "an integer";
    case FieldType::kNumber:
      return "a number";
    case FieldType::kObject:
      return "a structure";
    case FieldType::kArray:
    case FieldType::kStringList:
      return "a list";
  }
  return "a value";
}

const Json* PresentMember(const Json& input, std::string_view member) {
  if (!input.is_object()) {
    return nullptr;
  }
  auto it = input.find(member);
  if (it == input.end() || it->is_null()) {
    return nullptr;
  }
  return &*it;
}

Result<std::string> RequiredString(const Json& input,
                                   std::string_view member,
                                   const FieldErrors& errors) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(input, member, errors));
  if (!value.has_value()) {
    return errors.missing(member);
  }
  return std::move(*value);
}

Result<std::optional<std::string>> OptionalString(const Json& input,
                                                  std::string_view member,
                                                  const FieldErrors& errors) {
  STRATUS_ASSIGN_OR_RETURN(const Json* value, Typed(input, member, FieldType::kString, errors,
                                                    [](const Json& v) { return v.is_string(); }));
  if (value == nullptr) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(value->get<std::string>());
}

Result<std::optional<bool>> OptionalBool(const Json& input,
                                         std::string_view member,
                                         const FieldErrors& errors) {
  STRATUS_ASSIGN_OR_RETURN(const Json* value, Typed(input, member, FieldType::kBoolean, errors,
                                                    [](const Json& v) { return v.is_boolean(); }));
  if (value == nullptr) {
    return std::optional<bool>();
  }
  return std::optional<bool>(value->get<bool>());
}

Result<std::optional<int64_t>> OptionalInteger(const Json& input,
                                               std::string_view member,
                                               const FieldErrors& errors) {
  STRATUS_ASSIGN_OR_RETURN(const Json* value,
                           Typed(input, member, FieldType::kInteger, errors,
                                 [](const Json& v) { return v.is_number_integer(); }));
  if (value == nullptr) {
    return std::optional<int64_t>();
  }
  return std::optional<int64_t>(value->get<int64_t>());
}

Result<std::optional<double>> OptionalNumber(const Json& input,
                                             std::string_view member,
                                             const FieldErrors& errors) {
  STRATUS_ASSIGN_OR_RETURN(const Json* value, Typed(input, member, FieldType::kNumber, errors,
                                                    [](const Json& v) { return v.is_number(); }));
  if (value == nullptr) {
    return std::optional<double>();
  }
  return std::optional<double>(value->get<double>());
}

Result<Json> OptionalObject(const Json& input, std::string_view member, const FieldErrors& errors) {
  return Container(input, member, FieldType::kObject, errors);
}

Result<Json> OptionalArray(const Json& input, std::string_view member, const FieldErrors& errors) {
  return Container(input, member, FieldType::kArray, errors);
}

Result<std::vector<std::string>> StringList(const Json& input,
                                            std::string_view member,
                                            const FieldErrors& errors) {
  STRATUS_ASSIGN_OR_RETURN(const Json* value,
                           Typed(input, member, FieldType::kStringList, errors, [](const Json& v) {
                             if (!v.is_array()) {
                               return false;
                             }
                             for (const Json& item : v) {
                               if (!item.is_string()) {
                                 return false;
                               }
                             }
                             return true;
                           }));
  std::vector<std::string> strings;
  if (value != nullptr) {
    strings.reserve(value->size());
    for (const Json& item : *value) {
      strings.push_back(item.get<std::string>());
    }
  }
  return strings;
}

}  // namespace stratus::aws
