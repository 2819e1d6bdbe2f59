#include "athena/api/request_fields.h"

#include <algorithm>

#include "athena/errors.h"
#include "aws/request_fields.h"
#include "base/format.h"

namespace stratus::athena::api {
namespace {

Status WrongType(std::string_view member, aws::FieldType expected) {
  return AthenaError::InvalidRequest(Format("Invalid type for parameter {}, expected {}", member,
                                            aws::DescribeFieldType(expected)));
}

Status Missing(std::string_view member) {
  return AthenaError::InvalidRequest(Format("{} is required", member));
}

constexpr aws::FieldErrors kErrors{.missing = Missing, .wrong_type = WrongType};

}  // namespace

Result<std::string> RequiredString(const Json& input, std::string_view member) {
  return aws::RequiredString(input, member, kErrors);
}

Result<std::string> StringOr(const Json& input, std::string_view member, std::string fallback) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                           aws::OptionalString(input, member, kErrors));
  return value.has_value() ? *std::move(value) : std::move(fallback);
}

Result<std::optional<bool>> OptionalBool(const Json& input, std::string_view member) {
  return aws::OptionalBool(input, member, kErrors);
}

Result<std::optional<int64_t>> OptionalInteger(const Json& input, std::string_view member) {
  return aws::OptionalInteger(input, member, kErrors);
}

Result<Json> OptionalObject(const Json& input, std::string_view member) {
  return aws::OptionalObject(input, member, kErrors);
}

Result<std::vector<std::string>> StringList(const Json& input, std::string_view member) {
  return aws::StringList(input, member, kErrors);
}

Result<PreparedStatement> PreparedStatementOf(const Json& input, int64_t now_millis) {
  PreparedStatement statement;
  STRATUS_ASSIGN_OR_RETURN(statement.name, RequiredString(input, "StatementName"));
  STRATUS_ASSIGN_OR_RETURN(statement.work_group, RequiredString(input, "WorkGroup"));
  STRATUS_ASSIGN_OR_RETURN(statement.query, RequiredString(input, "QueryStatement"));
  STRATUS_ASSIGN_OR_RETURN(statement.description, StringOr(input, "Description", ""));
  statement.last_modified_millis = now_millis;
  return statement;
}

Result<int> MaxResultsOf(const Json& input, int fallback, int max) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> requested, OptionalInteger(input, "MaxResults"));
  if (!requested.has_value()) {
    return fallback;
  }
  return static_cast<int>(std::clamp<int64_t>(*requested, 1, max));
}

}  // namespace stratus::athena::api
