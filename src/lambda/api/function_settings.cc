#include "lambda/api/function_settings.h"

#include <array>
#include <string_view>

#include "lambda/api/request_fields.h"
#include "lambda/errors.h"
#include "lambda/runtime/runtime_catalog.h"

namespace stratus::lambda::api {
namespace {

constexpr std::array<std::string_view, 18> kReservedVariables = {
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_DEFAULT_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_LAMBDA_RUNTIME_API",
    "AWS_REGION",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "LAMBDA_RUNTIME_DIR",
    "LAMBDA_TASK_ROOT",
};

Status CheckVariables(const std::map<std::string, std::string>& variables) {
  std::string reserved;
  for (const auto& [key, value] : variables) {
    for (std::string_view name : kReservedVariables) {
      if (key == name) {
        reserved += reserved.empty() ? "" : ", ";
        reserved += key;
      }
    }
  }
  if (reserved.empty()) {
    return Status::Ok();
  }
  return LambdaError::InvalidParameter(
      "Lambda was unable to configure your environment variables because the environment "
      "variables you have provided contains reserved keys that are currently not supported for "
      "modification. Reserved keys used in this request: " +
      reserved);
}

}  // namespace

Status ApplyFunctionSettings(const Json& input, FunctionConfig& function) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> runtime, OptionalString(input, "Runtime"));
  if (runtime.has_value()) {
    STRATUS_RETURN_IF_ERROR(RuntimeFamilyOf(*runtime).status());
    function.runtime = *runtime;
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> handler, OptionalString(input, "Handler"));
  function.handler = handler.value_or(function.handler);
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> role, OptionalString(input, "Role"));
  function.role = role.value_or(function.role);
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> description,
                           OptionalString(input, "Description"));
  function.description = description.value_or(function.description);
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> timeout, OptionalInteger(input, "Timeout"));
  function.timeout_seconds = static_cast<int>(timeout.value_or(function.timeout_seconds));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> memory, OptionalInteger(input, "MemorySize"));
  function.memory_mb = static_cast<int>(memory.value_or(function.memory_mb));
  STRATUS_ASSIGN_OR_RETURN(Json storage, OptionalObject(input, "EphemeralStorage"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> storage_mb, OptionalInteger(storage, "Size"));
  function.ephemeral_storage_mb =
      static_cast<int>(storage_mb.value_or(function.ephemeral_storage_mb));
  if (input.contains("Environment")) {
    STRATUS_ASSIGN_OR_RETURN(Json environment, OptionalObject(input, "Environment"));
    STRATUS_ASSIGN_OR_RETURN(function.environment, StringMap(environment, "Variables"));
    STRATUS_RETURN_IF_ERROR(CheckVariables(function.environment));
  }
  return Status::Ok();
}

}  // namespace stratus::lambda::api
