#include "lambda/api/request_fields.h"

#include <utility>

#include "aws/request_fields.h"
#include "base/format.h"
#include "lambda/errors.h"

namespace stratus::lambda::api {
namespace {

Status Missing(std::string_view member) {
  return LambdaError::InvalidParameter(Format("{} is required", member));
}

Status WrongType(std::string_view member, aws::FieldType expected) {
  return LambdaError::InvalidParameter(
      Format("{} must be {}", member, aws::DescribeFieldType(expected)));
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

Result<Json> OptionalObject(const Json& input, std::string_view member) {
  return aws::OptionalObject(input, member, kErrors);
}

Result<std::map<std::string, std::string>> StringMap(const Json& input, std::string_view member) {
  STRATUS_ASSIGN_OR_RETURN(Json object, OptionalObject(input, member));
  std::map<std::string, std::string> values;
  for (const auto& [key, value] : object.items()) {
    if (!value.is_string()) {
      return WrongType(member, aws::FieldType::kString);
    }
    values.emplace(key, value.get<std::string>());
  }
  return values;
}

std::string FunctionTarget::Reference() const {
  return qualifier.empty() ? name : Format("{}:{}", name, qualifier);
}

bool FunctionTarget::IsVersion() const {
  return !qualifier.empty() && qualifier.find_first_not_of("0123456789") == std::string::npos;
}

bool FunctionTarget::IsAlias() const {
  return !qualifier.empty() && qualifier != "$LATEST" && !IsVersion();
}

Result<FunctionTarget> FunctionTargetOf(const Json& input, std::string_view /*arn_prefix*/) {
  STRATUS_ASSIGN_OR_RETURN(std::string given, RequiredString(input, "FunctionName"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> qualifier,
                           OptionalString(input, "Qualifier"));
  std::string_view name = given;
  constexpr std::string_view kMarker = ":function:";
  if (const size_t at = name.find(kMarker); at != std::string_view::npos) {
    name = name.substr(at + kMarker.size());
  }
  std::optional<std::string> derived;
  if (const size_t colon = name.find(':'); colon != std::string_view::npos) {
    derived = std::string(name.substr(colon + 1));
    name = name.substr(0, colon);
  }
  if (derived.has_value() && qualifier.has_value() && *derived != *qualifier) {
    // AWS: a qualified ARN and a different Qualifier member.
    return LambdaError::InvalidParameter(
        "The derived qualifier from the function name does not match the specified qualifier.");
  }
  FunctionTarget target{.name = std::string(name),
                        .qualifier = derived.value_or(qualifier.value_or(""))};
  if (target.name.empty() || (derived.has_value() && derived->empty())) {
    return LambdaError::InvalidParameter(Format("Invalid function name: {}", given));
  }
  return target;
}

Result<std::string> FunctionNameOf(const Json& input, std::string_view arn_prefix) {
  STRATUS_ASSIGN_OR_RETURN(FunctionTarget target, FunctionTargetOf(input, arn_prefix));
  if (!target.qualifier.empty() && target.qualifier != "$LATEST") {
    return LambdaError::FunctionNotFound(Format("{}{}", arn_prefix, target.Reference()));
  }
  return target.name;
}

}  // namespace stratus::lambda::api
