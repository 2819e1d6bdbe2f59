#include "iam/errors.h"

#include <utility>

namespace stratus::iam {
namespace {

constexpr int kBadRequest = 400;
constexpr int kNotFound = 404;
constexpr int kConflict = 409;
constexpr int kServerError = 500;

Status Tagged(const Status& status, std::string type, int http_status) {
  return status.WithAwsType(std::move(type), http_status);
}

}  // namespace

Status IamError::AlreadyExists(std::string message) {
  return Tagged(Status::AlreadyExists(std::move(message)), "EntityAlreadyExists", kConflict);
}

Status IamError::NoSuchEntity(std::string message) {
  return Tagged(Status::NotFound(std::move(message)), "NoSuchEntity", kNotFound);
}

Status IamError::MalformedPolicy(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "MalformedPolicyDocument",
                kBadRequest);
}

Status IamError::Validation(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "ValidationError", kBadRequest);
}

Status IamError::InvalidInput(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "InvalidInput", kBadRequest);
}

Status IamError::DeleteConflict(std::string message) {
  return Tagged(Status::FailedPrecondition(std::move(message)), "DeleteConflict", kConflict);
}

Status IamError::LimitExceeded(std::string message) {
  return Tagged(Status::ResourceExhausted(std::move(message)), "LimitExceeded", kConflict);
}

Status IamError::FromEngine(const Status& status) {
  if (status.ok() || !status.aws_type().empty()) {
    return status;
  }
  switch (status.code()) {
    case StatusCode::kNotFound:
      return Tagged(status, "NoSuchEntity", kNotFound);
    case StatusCode::kAlreadyExists:
      return Tagged(status, "EntityAlreadyExists", kConflict);
    case StatusCode::kInvalidArgument:
      return Tagged(status, "InvalidInput", kBadRequest);
    default:
      return Tagged(status, "ServiceFailure", kServerError);
  }
}

}  // namespace stratus::iam
