#include "lambda/errors.h"

#include <utility>

#include "base/format.h"

namespace stratus::lambda {
namespace {

constexpr int kBadRequest = 400;
constexpr int kNotFound = 404;
constexpr int kConflict = 409;
constexpr int kPreconditionFailed = 412;
constexpr int kTooLarge = 413;
constexpr int kTooMany = 429;
constexpr int kServerError = 500;

Status Tagged(const Status& status, std::string type, int http_status) {
  return status.WithAwsType(std::move(type), http_status);
}

}  // namespace

Status LambdaError::FunctionNotFound(std::string_view arn) {
  return Tagged(Status::NotFound(Format("Function not found: {}", arn)),
                "ResourceNotFoundException", kNotFound);
}

Status LambdaError::FunctionExists(std::string_view name) {
  return Tagged(Status::AlreadyExists(Format("Function already exist: {}", name)),
                "ResourceConflictException", kConflict);
}

Status LambdaError::InvalidParameter(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "InvalidParameterValueException",
                kBadRequest);
}

Status LambdaError::AliasNotFound(std::string_view arn) {
  return Tagged(Status::NotFound(Format("Cannot find alias arn: {}", arn)),
                "ResourceNotFoundException", kNotFound);
}

Status LambdaError::PreconditionFailed(std::string message) {
  return Tagged(Status::FailedPrecondition(std::move(message)), "PreconditionFailedException",
                kPreconditionFailed);
}

Status LambdaError::RequestTooLarge(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "RequestTooLargeException", kTooLarge);
}

Status LambdaError::InvalidRequestContent(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "InvalidRequestContentException",
                kBadRequest);
}

Status LambdaError::TooManyRequests(std::string message) {
  return Tagged(Status::ResourceExhausted(std::move(message)), "TooManyRequestsException",
                kTooMany);
}

Status LambdaError::ReservedConcurrencyExceeded() {
  return Tagged(Status::Throttled("Rate Exceeded."), "TooManyRequestsException", kTooMany);
}

std::string_view LambdaError::ThrottleReason(const Status& status) {
  if (status.aws_type() != "TooManyRequestsException") {
    return {};
  }
  return status.code() == StatusCode::kThrottled
             ? "ReservedFunctionConcurrentInvocationLimitExceeded"
             : "ConcurrentInvocationLimitExceeded";
}

Status LambdaError::UnreservedBelowMinimum(int minimum) {
  // AWS: the exact message PutFunctionConcurrency answers.
  return InvalidParameter(
      Format("Specified ReservedConcurrentExecutions for function decreases account's "
             "UnreservedConcurrentExecution below its minimum value of [{}].",
             minimum));
}

Status LambdaError::Service(std::string message) {
  return Tagged(Status::Internal(std::move(message)), "ServiceException", kServerError);
}

Status LambdaError::FromEngine(const Status& status) {
  if (status.ok() || !status.aws_type().empty()) {
    return status;
  }
  switch (status.code()) {
    case StatusCode::kNotFound:
      return Tagged(status, "ResourceNotFoundException", kNotFound);
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return Tagged(status, "ResourceConflictException", kConflict);
    case StatusCode::kInvalidArgument:
      return Tagged(status, "InvalidParameterValueException", kBadRequest);
    case StatusCode::kThrottled:
    case StatusCode::kResourceExhausted:
      return Tagged(status, "TooManyRequestsException", kTooMany);
    default:
      return Tagged(status, "ServiceException", kServerError);
  }
}

}  // namespace stratus::lambda
