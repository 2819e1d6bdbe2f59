#include "logs/api/request_fields.h"

#include <utility>

#include "aws/request_fields.h"
#include "base/format.h"
#include "logs/errors.h"

namespace stratus::logs::api {
namespace {

Status Missing(std::string_view member) {
  return LogsError::InvalidParameter(Format("Missing required parameter {}", member));
}

Status WrongType(std::string_view member, aws::FieldType expected) {
  return LogsError::InvalidParameter(
      Format("{} must be {}", member, aws::DescribeFieldType(expected)));
}

constexpr aws::FieldErrors kErrors{.missing = &Missing, .wrong_type = &WrongType};

}  // namespace

Result<std::string> RequiredString(const Json& input, std::string_view member) {
  return aws::RequiredString(input, member, kErrors);
}

Result<std::string> StringOr(const Json& input, std::string_view member, std::string fallback) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                           aws::OptionalString(input, member, kErrors));
  return value.has_value() ? *std::move(value) : std::move(fallback);
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

Result<std::map<std::string, std::string>> StringMap(const Json& input, std::string_view member) {
  STRATUS_ASSIGN_OR_RETURN(Json object, aws::OptionalObject(input, member, kErrors));
  std::map<std::string, std::string> values;
  for (const auto& [key, value] : object.items()) {
    if (!value.is_string()) {
      return WrongType(member, aws::FieldType::kString);
    }
    values.emplace(key, value.get<std::string>());
  }
  return values;
}

Result<std::string> GroupNameOfArn(std::string_view arn) {
  constexpr std::string_view kMarker = ":log-group:";
  const size_t at = arn.find(kMarker);
  if (!arn.starts_with("arn:") || at == std::string_view::npos) {
    return LogsError::InvalidParameter(Format("Invalid log group ARN: {}", arn));
  }
  std::string_view name = arn.substr(at + kMarker.size());
  if (name.ends_with(":*")) {
    name.remove_suffix(2);
  }
  return std::string(name);
}

Result<std::string> GroupNameOf(const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, StringOr(input, "logGroupName", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string identifier, StringOr(input, "logGroupIdentifier", ""));
  if (!name.empty() && !identifier.empty()) {
    return LogsError::InvalidParameter(
        "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
  }
  if (!name.empty()) {
    return name;
  }
  if (identifier.empty()) {
    return LogsError::InvalidParameter(
        "Should provide either name or ARN for the LogGroup, but not both");
  }
  if (identifier.starts_with("arn:")) {
    return GroupNameOfArn(identifier);
  }
  return identifier;
}

}  // namespace stratus::logs::api
