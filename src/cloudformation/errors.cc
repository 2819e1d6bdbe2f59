#include "cloudformation/errors.h"

#include <utility>

#include "base/format.h"

namespace stratus::cloudformation {
namespace {

constexpr int kBadRequest = 400;
constexpr int kNotFound = 404;
constexpr int kServerError = 500;

}  // namespace

Status CfnError::Validation(std::string message) {
  return Status::InvalidArgument(std::move(message)).WithAwsType("ValidationError", kBadRequest);
}

Status CfnError::StackNotFound(std::string_view name_or_id) {
  return Status::NotFound(Format("Stack with id {} does not exist", name_or_id))
      .WithAwsType("ValidationError", kBadRequest);
}

Status CfnError::StackExists(std::string_view name) {
  return Status::AlreadyExists(Format("Stack [{}] already exists", name))
      .WithAwsType("AlreadyExistsException", kBadRequest);
}

Status CfnError::InsufficientCapabilities(std::string_view capability) {
  return Status::PermissionDenied(Format("Requires capabilities : [{}]", capability))
      .WithAwsType("InsufficientCapabilitiesException", kBadRequest);
}

Status CfnError::ChangeSetNotFound(std::string_view name) {
  return Status::NotFound(Format("ChangeSet [{}] does not exist", name))
      .WithAwsType("ChangeSetNotFound", kNotFound);
}

Status CfnError::InvalidChangeSetStatus(std::string message) {
  return Status::FailedPrecondition(std::move(message))
      .WithAwsType("InvalidChangeSetStatus", kBadRequest);
}

Status CfnError::FromEngine(const Status& status) {
  if (status.ok() || !status.aws_type().empty()) {
    return status;
  }
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAlreadyExists:
      return status.WithAwsType("ValidationError", kBadRequest);
    default:
      return status.WithAwsType("InternalFailure", kServerError);
  }
}

}  // namespace stratus::cloudformation
