#include "glue/errors.h"

#include <utility>

#include "base/format.h"

namespace stratus::glue {
namespace {

constexpr int kBadRequest = 400;
constexpr int kServerError = 500;

Status Tagged(Status status, std::string_view type, int http_status = kBadRequest) {
  return status.WithAwsType(std::string(type), http_status);
}

}  // namespace

Status GlueError::DatabaseNotFound(std::string_view name) {
  return Tagged(Status::NotFound(Format("Database {} not found.", name)),
                "EntityNotFoundException");
}

Status GlueError::TableNotFound(std::string_view name) {
  return Tagged(Status::NotFound(Format("Table {} not found.", name)), "EntityNotFoundException");
}

Status GlueError::PartitionNotFound() {
  return Tagged(Status::NotFound("Cannot find partition."), "EntityNotFoundException");
}

Status GlueError::VersionNotFound(std::string_view table, std::string_view version) {
  return Tagged(Status::NotFound(Format("Version {} of table {} not found.", version, table)),
                "EntityNotFoundException");
}

Status GlueError::AlreadyExists(std::string_view entity) {
  return Tagged(Status::AlreadyExists(Format("{} already exists.", entity)),
                "AlreadyExistsException");
}

Status GlueError::InvalidInput(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "InvalidInputException");
}

Status GlueError::ConcurrentModification(std::string message) {
  return Tagged(Status::FailedPrecondition(std::move(message)), "ConcurrentModificationException");
}

Status GlueError::InvalidExpression(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "InvalidInputException");
}

Status GlueError::InternalService(std::string message) {
  return Tagged(Status::Internal(std::move(message)), "InternalServiceException", kServerError);
}

Status GlueError::FromEngine(const Status& status) {
  if (status.ok() || !status.aws_type().empty()) {
    return status;
  }
  switch (status.code()) {
    case StatusCode::kNotFound:
      return Tagged(status, "EntityNotFoundException");
    case StatusCode::kInvalidArgument:
      return Tagged(status, "InvalidInputException");
    case StatusCode::kAlreadyExists:
      return Tagged(status, "AlreadyExistsException");
    case StatusCode::kFailedPrecondition:
      return Tagged(status, "ConcurrentModificationException");
    default:
      return Tagged(status, "InternalServiceException", kServerError);
  }
}

}  // namespace stratus::glue
