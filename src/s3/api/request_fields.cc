#include "s3/api/request_fields.h"

#include "aws/request_fields.h"
#include "base/format.h"
#include "s3/errors.h"

namespace stratus::s3::api {
namespace {

Status Missing(std::string_view member) {
  return S3Error::InvalidRequest(Format("Missing required parameter: {}", member));
}

Status WrongType(std::string_view member, aws::FieldType /*expected*/) {
  return S3Error::InvalidArgument(Format("Invalid value for {}", member));
}

constexpr aws::FieldErrors kErrors{.missing = &Missing, .wrong_type = &WrongType};

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

Result<std::optional<double>> OptionalNumber(const Json& input, std::string_view member) {
  return aws::OptionalNumber(input, member, kErrors);
}

Result<std::optional<bool>> OptionalBool(const Json& input, std::string_view member) {
  return aws::OptionalBool(input, member, kErrors);
}

Result<Json> OptionalObject(const Json& input, std::string_view member) {
  return aws::OptionalObject(input, member, kErrors);
}

Result<Json> OptionalArray(const Json& input, std::string_view member) {
  return aws::OptionalArray(input, member, kErrors);
}

Result<std::string> StringOr(const Json& input, std::string_view member, std::string fallback) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(input, member));
  return value.has_value() ? *std::move(value) : std::move(fallback);
}

}  // namespace stratus::s3::api
