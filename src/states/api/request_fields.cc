#include "states/api/request_fields.h"

#include "base/digest.h"
#include "base/format.h"
#include "states/api/errors.h"

namespace stratus::states::api {
namespace {

constexpr int64_t kMaxPageSize = 1000;
constexpr std::string_view kTokenPrefix = "sfn1:";

const Json* Member(const Json& input, std::string_view member) {
  if (!input.is_object()) {
    return nullptr;
  }
  auto it = input.find(member);
  if (it == input.end() || it->is_null()) {
    return nullptr;
  }
  return &*it;
}

Status WrongType(std::string_view member, std::string_view type) {
  return StatesApiError::Validation(
      Format("Invalid type for parameter {}, expected {}", member, type));
}

}  // namespace

Result<std::string> RequiredString(const Json& input, std::string_view member) {
  const Json* value = Member(input, member);
  if (value == nullptr) {
    return StatesApiError::Validation(
        Format("1 validation error detected: Value null at '{}' failed to satisfy constraint: "
               "Member must not be null",
               member));
  }
  if (!value->is_string()) {
    return WrongType(member, "a string");
  }
  return value->get<std::string>();
}

Result<std::optional<std::string>> OptionalString(const Json& input, std::string_view member) {
  const Json* value = Member(input, member);
  if (value == nullptr) {
    return std::optional<std::string>();
  }
  if (!value->is_string()) {
    return WrongType(member, "a string");
  }
  return std::optional<std::string>(value->get<std::string>());
}

Result<bool> OptionalBool(const Json& input, std::string_view member, bool fallback) {
  const Json* value = Member(input, member);
  if (value == nullptr) {
    return fallback;
  }
  if (!value->is_boolean()) {
    return WrongType(member, "a boolean");
  }
  return value->get<bool>();
}

Result<int64_t> MaxResults(const Json& input) {
  const Json* value = Member(input, "maxResults");
  if (value == nullptr) {
    return int64_t{0};
  }
  if (!value->is_number_integer()) {
    return WrongType("maxResults", "an integer");
  }
  const auto max_results = value->get<int64_t>();
  if (max_results > kMaxPageSize) {
    return StatesApiError::ValidationConstraint(
        std::to_string(max_results), "maxResults",
        "Member must have value less than or equal to 1000");
  }
  if (max_results < 0) {
    return StatesApiError::ValidationConstraint(
        std::to_string(max_results), "maxResults",
        "Member must have value greater than or equal to 0");
  }
  return max_results;
}

Result<std::string> NextToken(const Json& input, size_t max_length) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> token, OptionalString(input, "nextToken"));
  if (!token.has_value()) {
    return std::string();
  }
  if (token->size() > max_length) {
    return StatesApiError::ValidationConstraint(
        *token, "nextToken",
        Format("Member must have length less than or equal to {}", max_length));
  }
  if (token->empty()) {
    return StatesApiError::ValidationConstraint(
        *token, "nextToken", "Member must have length greater than or equal to 1");
  }
  return std::move(*token);
}

Result<Json> OptionalObject(const Json& input, std::string_view member) {
  const Json* value = Member(input, member);
  if (value == nullptr) {
    return Json::object();
  }
  if (!value->is_object()) {
    return WrongType(member, "a structure");
  }
  return *value;
}

Result<Json> OptionalArray(const Json& input, std::string_view member) {
  const Json* value = Member(input, member);
  if (value == nullptr) {
    return Json::array();
  }
  if (!value->is_array()) {
    return WrongType(member, "a list");
  }
  return *value;
}

std::string StringMember(const Json& object, std::string_view member) {
  const Json* value = Member(object, member);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

Json MemberOrNull(const Json& object, std::string_view member) {
  const Json* value = Member(object, member);
  return value != nullptr ? *value : Json();
}

std::string EncodePageToken(std::string_view position) {
  return Base64Encode(std::string(kTokenPrefix) + std::string(position));
}

Result<std::string> DecodePageToken(std::string_view token) {
  std::string decoded;
  if (!Base64Decode(token, &decoded) || !decoded.starts_with(kTokenPrefix)) {
    return StatesApiError::InvalidToken("Invalid token");
  }
  return decoded.substr(kTokenPrefix.size());
}

Json EpochSeconds(int64_t millis) {
  return static_cast<double>(millis) / 1000.0;
}

}  // namespace stratus::states::api
