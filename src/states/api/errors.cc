#include "states/api/errors.h"

#include "base/format.h"

namespace stratus::states::api {
namespace {

constexpr int kBadRequest = 400;

Status Tagged(StatusCode code, std::string message, std::string_view type) {
  return Status(code, std::move(message)).WithAwsType(std::string(type), kBadRequest);
}

}  // namespace

Status StatesApiError::InvalidArn(std::string_view detail) {
  return Tagged(StatusCode::kInvalidArgument, Format("Invalid Arn: '{}'", detail), "InvalidArn");
}

// AWS: recorded as "An error occurred (InvalidArn) when calling the
// CreateStateMachine operation: Invalid Role Arn: '<execution-role-arn>'"
// (aws/amazon-sagemaker-examples#2432, a CI run against AWS).
Status StatesApiError::InvalidRoleArn(std::string_view arn) {
  return Tagged(StatusCode::kInvalidArgument, Format("Invalid Role Arn: '{}'", arn), "InvalidArn");
}

Status StatesApiError::InvalidName(std::string_view name) {
  return Tagged(StatusCode::kInvalidArgument, Format("Invalid Name: '{}'", name), "InvalidName");
}

Status StatesApiError::InvalidDefinition(std::string message) {
  return Tagged(StatusCode::kInvalidArgument, std::move(message), "InvalidDefinition");
}

Status StatesApiError::InvalidExecutionInput(std::string_view detail) {
  return Tagged(StatusCode::kInvalidArgument,
                Format("Invalid State Machine Execution Input: '{}'", detail),
                "InvalidExecutionInput");
}

Status StatesApiError::InvalidOutput(std::string_view detail) {
  return Tagged(StatusCode::kInvalidArgument, Format("Invalid Output: '{}'", detail),
                "InvalidOutput");
}

Status StatesApiError::InvalidToken(std::string_view detail) {
  return Tagged(StatusCode::kInvalidArgument, Format("Invalid Token: '{}'", detail),
                "InvalidToken");
}

Status StatesApiError::InvalidEncryptionConfiguration(std::string message) {
  return Tagged(StatusCode::kInvalidArgument, std::move(message), "InvalidEncryptionConfiguration");
}

Status StatesApiError::ActivityDoesNotExist(std::string_view arn) {
  return Tagged(StatusCode::kNotFound, Format("Activity Does Not Exist: '{}'", arn),
                "ActivityDoesNotExist");
}

Status StatesApiError::ActivityAlreadyExists(std::string_view arn) {
  return Tagged(StatusCode::kAlreadyExists, Format("Activity Already Exists: '{}'", arn),
                "ActivityAlreadyExists");
}

Status StatesApiError::ActivityLimitExceeded(std::string message) {
  return Tagged(StatusCode::kResourceExhausted, std::move(message), "ActivityLimitExceeded");
}

Status StatesApiError::ActivityWorkerLimitExceeded(std::string message) {
  return Tagged(StatusCode::kResourceExhausted, std::move(message), "ActivityWorkerLimitExceeded");
}

Status StatesApiError::StateMachineDoesNotExist(std::string_view arn) {
  return Tagged(StatusCode::kNotFound, Format("State Machine Does Not Exist: '{}'", arn),
                "StateMachineDoesNotExist");
}

Status StatesApiError::StateMachineAlreadyExists(std::string_view arn) {
  return Tagged(StatusCode::kAlreadyExists, Format("State Machine Already Exists: '{}'", arn),
                "StateMachineAlreadyExists");
}

Status StatesApiError::StateMachineTypeNotSupported() {
  return Tagged(StatusCode::kInvalidArgument,
                "This operation is not supported by this type of state machine",
                "StateMachineTypeNotSupported");
}

Status StatesApiError::StateMachineDeleting(std::string_view arn) {
  return Tagged(StatusCode::kFailedPrecondition,
                Format("State Machine is being deleted: '{}'", arn), "StateMachineDeleting");
}

Status StatesApiError::ExecutionDoesNotExist(std::string_view arn) {
  return Tagged(StatusCode::kNotFound, Format("Execution Does Not Exist: '{}'", arn),
                "ExecutionDoesNotExist");
}

Status StatesApiError::ExecutionAlreadyExists(std::string_view arn) {
  return Tagged(StatusCode::kAlreadyExists, Format("Execution Already Exists: '{}'", arn),
                "ExecutionAlreadyExists");
}

Status StatesApiError::ExecutionNotRedrivable(std::string message) {
  return Tagged(StatusCode::kFailedPrecondition, std::move(message), "ExecutionNotRedrivable");
}

Status StatesApiError::ExecutionLimitExceeded(std::string message) {
  return Tagged(StatusCode::kResourceExhausted, std::move(message), "ExecutionLimitExceeded");
}

Status StatesApiError::TaskDoesNotExist(std::string message) {
  return Tagged(StatusCode::kNotFound, std::move(message), "TaskDoesNotExist");
}

Status StatesApiError::TaskTimedOut(std::string message) {
  return Tagged(StatusCode::kFailedPrecondition, std::move(message), "TaskTimedOut");
}

Status StatesApiError::ResourceNotFound(std::string message) {
  return Tagged(StatusCode::kNotFound, std::move(message), "ResourceNotFound");
}

Status StatesApiError::Conflict(std::string message) {
  return Tagged(StatusCode::kFailedPrecondition, std::move(message), "ConflictException");
}

Status StatesApiError::Validation(std::string message) {
  return Tagged(StatusCode::kInvalidArgument, std::move(message), "ValidationException");
}

Status StatesApiError::MissingRequiredParameter(std::string message) {
  return Tagged(StatusCode::kInvalidArgument, std::move(message), "MissingRequiredParameter");
}

Status StatesApiError::TooManyTags(std::string message) {
  return Tagged(StatusCode::kInvalidArgument, std::move(message), "TooManyTags");
}

Status StatesApiError::ServiceQuotaExceeded(std::string message) {
  return Tagged(StatusCode::kResourceExhausted, std::move(message),
                "ServiceQuotaExceededException");
}

Status StatesApiError::ValidationConstraint(std::string_view value,
                                            std::string_view member,
                                            std::string_view constraint) {
  return Validation(
      Format("1 validation error detected: Value '{}' at '{}' failed to satisfy "
             "constraint: {}",
             value, member, constraint));
}

Status StatesApiError::FromEngine(const Status& status) {
  if (status.ok() || !status.aws_type().empty() || !IsUserError(status.code())) {
    return status;
  }
  if (status.code() == StatusCode::kNotFound) {
    return ResourceNotFound(status.message());
  }
  return Validation(status.message());
}

}  // namespace stratus::states::api
