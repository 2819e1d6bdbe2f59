#include "iam/api/request_fields.h"

#include "aws/request_fields.h"
#include "base/format.h"
#include "iam/errors.h"
#include "iam/policy_document.h"

namespace stratus::iam::api {
namespace {

// AWS: IAM words a missing or mistyped member as a validation error.
Status Missing(std::string_view member) {
  return IamError::Validation(
      Format("1 validation error detected: Value null at '{}' failed to satisfy constraint: Member "
             "must not be null",
             member));
}

Status WrongType(std::string_view member, aws::FieldType expected) {
  return IamError::Validation(Format("{} must be {}", member, aws::DescribeFieldType(expected)));
}

constexpr aws::FieldErrors kErrors{.missing = &Missing, .wrong_type = &WrongType};

bool IsNameCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '-';
}

// Returns IAM's member name as the error text spells it: "roleName".
std::string LowerFirst(std::string_view member) {
  std::string name(member);
  if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z') {
    name[0] = static_cast<char>(name[0] - 'A' + 'a');
  }
  return name;
}

}  // namespace

Result<std::string> RequiredString(const Json& input, std::string_view member) {
  return aws::RequiredString(input, member, kErrors);
}

Result<std::optional<std::string>> OptionalString(const Json& input, std::string_view member) {
  return aws::OptionalString(input, member, kErrors);
}

Result<std::optional<int64_t>> OptionalInteger(const Json& input, std::string_view member) {
  return aws::OptionalInteger(input, member, kErrors);
}

Result<std::optional<bool>> OptionalBool(const Json& input, std::string_view member) {
  return aws::OptionalBool(input, member, kErrors);
}

Result<std::vector<std::string>> StringList(const Json& input, std::string_view member) {
  return aws::StringList(input, member, kErrors);
}

Result<Tags> TagsOf(const Json& input, std::string_view member) {
  STRATUS_ASSIGN_OR_RETURN(Json list, aws::OptionalArray(input, member, kErrors));
  Tags tags;
  for (const Json& tag : list) {
    STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(tag, "Key"));
    STRATUS_ASSIGN_OR_RETURN(std::string value, RequiredString(tag, "Value"));
    tags.insert_or_assign(std::move(key), std::move(value));
  }
  return tags;
}

Result<PageRequest> PageOf(const Json& input) {
  PageRequest page;
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> marker, OptionalString(input, "Marker"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> max_items, OptionalInteger(input, "MaxItems"));
  page.marker = marker.value_or("");
  if (max_items.has_value()) {
    page.max_items = static_cast<int>(*max_items);
  }
  return page;
}

Result<std::string> RequiredName(const Json& input, std::string_view member) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, member));
  for (char c : name) {
    if (!IsNameCharacter(c)) {
      // AWS: "1 validation error detected: Value 'bad name' at 'roleName' failed
      // to satisfy constraint: Member must satisfy regular expression pattern:
      // [\w+=,.@-]+". Pinned by test/wire/test_iam.py::test_invalid_names.
      return IamError::Validation(
          Format("1 validation error detected: Value '{}' at '{}' failed to satisfy constraint: "
                 "Member must satisfy regular expression pattern: [\\w+=,.@-]+",
                 name, LowerFirst(member)));
    }
  }
  return name;
}

Result<std::string> PathOf(const Json& input, std::string_view member) {
  const Json* present = aws::PresentMember(input, member);
  if (present == nullptr) {
    return std::string("/");
  }
  if (!present->is_string()) {
    return WrongType(member, aws::FieldType::kString);
  }
  const std::string& value = present->get_ref<const std::string&>();
  bool valid =
      value == "/" || (value.size() >= 2 && value.starts_with('/') && value.ends_with('/'));
  for (char c : value) {
    valid = valid && c >= '!' && c <= '~';
  }
  if (!valid) {
    return IamError::Validation(
        Format("1 validation error detected: Value '{}' at '{}' failed to satisfy constraint: "
               "Member must satisfy regular expression pattern: "
               "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
               value, LowerFirst(member)));
  }
  return value;
}

Result<std::string> RequiredPolicyDocument(const Json& input, std::string_view member) {
  STRATUS_ASSIGN_OR_RETURN(std::string document, RequiredString(input, member));
  STRATUS_RETURN_IF_ERROR(ValidatePolicyDocument(document));
  return document;
}

}  // namespace stratus::iam::api
