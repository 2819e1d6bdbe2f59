#include "states/api/request_fields.h"

#include "aws/request_fields.h"
#include "base/format.h"
#include "states/api/errors.h"

namespace stratus::states::api {
namespace {

constexpr int64_t kMaxPageSize = 1000;

Status WrongType(std::string_view member, std::string_view type) {
  return StatesApiError::Validation(
      Format("Invalid type for parameter {}, expected {}", member, type));
}

Status WrongFieldType(std::string_view member, aws::FieldType expected) {
  return WrongType(member, aws::DescribeFieldType(expected));
}

Status Missing(std::string_view member) {
  return StatesApiError::Validation(
      Format("1 validation error detected: Value null at '{}' failed to satisfy constraint: "
             "Member must not be null",
             member));
}

constexpr aws::FieldErrors kErrors{.missing = Missing, .wrong_type = WrongFieldType};

const Json* Member(const Json& input, std::string_view member) {
  return aws::PresentMember(input, member);
}

}  // namespace

Result<std::string> RequiredString(const Json& input, std::string_view member) {
  return aws::RequiredString(input, member, kErrors);
}

Result<std::optional<std::string>> OptionalString(const Json& input, std::string_view member) {
  return aws::OptionalString(input, member, kErrors);
}

Result<bool> OptionalBool(const Json& input, std::string_view member, bool fallback) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> value, aws::OptionalBool(input, member, kErrors));
  return value.value_or(fallback);
}

Result<std::optional<int64_t>> OptionalInteger(const Json& input, std::string_view member) {
  return aws::OptionalInteger(input, member, kErrors);
}

Result<std::optional<double>> OptionalNumber(const Json& input, std::string_view member) {
  return aws::OptionalNumber(input, member, kErrors);
}

Result<int64_t> MaxResults(const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> value, OptionalInteger(input, "maxResults"));
  if (!value.has_value()) {
    return int64_t{0};
  }
  const int64_t max_results = *value;
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
  return aws::OptionalObject(input, member, kErrors);
}

Result<Json> OptionalArray(const Json& input, std::string_view member) {
  return aws::OptionalArray(input, member, kErrors);
}

std::string StringMember(const Json& object, std::string_view member) {
  const Json* value = Member(object, member);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

Json MemberOrNull(const Json& object, std::string_view member) {
  const Json* value = Member(object, member);
  return value != nullptr ? *value : Json();
}

Json EpochSeconds(int64_t millis) {
  return static_cast<double>(millis) / 1000.0;
}

}  // namespace stratus::states::api
