#include "logs/errors.h"

#include <utility>

namespace stratus::logs {
namespace {

constexpr int kBadRequest = 400;
constexpr int kServerError = 500;

Status Tagged(const Status& status, std::string type, int http_status = kBadRequest) {
  return status.WithAwsType(std::move(type), http_status);
}

}  // namespace

Status LogsError::GroupNotFound() {
  return Tagged(Status::NotFound("The specified log group does not exist."),
                "ResourceNotFoundException");
}

Status LogsError::StreamNotFound() {
  return Tagged(Status::NotFound("The specified log stream does not exist."),
                "ResourceNotFoundException");
}

Status LogsError::GroupExists() {
  return Tagged(Status::AlreadyExists("The specified log group already exists"),
                "ResourceAlreadyExistsException");
}

Status LogsError::StreamExists() {
  return Tagged(Status::AlreadyExists("The specified log stream already exists"),
                "ResourceAlreadyExistsException");
}

Status LogsError::InvalidParameter(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "InvalidParameterException");
}

Status LogsError::ServiceUnavailable(std::string message) {
  return Tagged(Status::Internal(std::move(message)), "ServiceUnavailableException", kServerError);
}

Status LogsError::FromEngine(const Status& status) {
  if (status.ok() || !status.aws_type().empty()) {
    return status;
  }
  switch (status.code()) {
    case StatusCode::kNotFound:
      return Tagged(status, "ResourceNotFoundException");
    case StatusCode::kAlreadyExists:
      return Tagged(status, "ResourceAlreadyExistsException");
    case StatusCode::kInvalidArgument:
    case StatusCode::kFailedPrecondition:
      return Tagged(status, "InvalidParameterException");
    default:
      return Tagged(status, "ServiceUnavailableException", kServerError);
  }
}

}  // namespace stratus::logs
