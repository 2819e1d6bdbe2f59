#include "athena/errors.h"

#include <utility>

#include "base/format.h"

namespace stratus::athena {
namespace {

constexpr int kBadRequest = 400;
constexpr int kServerError = 500;

Status Tagged(Status status, std::string_view type, int http_status = kBadRequest) {
  return status.WithAwsType(std::string(type), http_status);
}

Status Invalid(Status status) {
  return Tagged(std::move(status), "InvalidRequestException");
}

}  // namespace

Status AthenaError::InvalidRequest(std::string message) {
  return Invalid(Status::InvalidArgument(std::move(message)));
}

Status AthenaError::QueryExecutionNotFound(std::string_view id) {
  return Invalid(Status::NotFound(Format("QueryExecution {} was not found", id)));
}

Status AthenaError::WorkGroupNotFound(std::string_view name) {
  return Invalid(Status::NotFound(Format("WorkGroup {} is not found.", name)));
}

Status AthenaError::WorkGroupExists(std::string_view name) {
  return Invalid(Status::AlreadyExists(Format("WorkGroup {} is already created", name)));
}

Status AthenaError::NamedQueryNotFound(std::string_view id) {
  return Invalid(Status::NotFound(Format("NamedQuery {} was not found", id)));
}

Status AthenaError::PreparedStatementNotFound(std::string_view name) {
  return Tagged(Status::NotFound(Format("Prepared statement {} was not found", name)),
                "ResourceNotFoundException");
}

Status AthenaError::PreparedStatementExists(std::string_view name) {
  return Invalid(Status::AlreadyExists(Format("Prepared statement {} already exists", name)));
}

Status AthenaError::DataCatalogNotFound(std::string_view name) {
  return Invalid(Status::NotFound(Format("Catalog {} was not found", name)));
}

Status AthenaError::DataCatalogExists(std::string_view name) {
  return Invalid(Status::AlreadyExists(Format("Catalog {} already exists", name)));
}

Status AthenaError::ResourceNotFound(std::string_view arn) {
  return Tagged(Status::NotFound(Format("Resource {} was not found", arn)),
                "ResourceNotFoundException");
}

Status AthenaError::DatabaseNotFound(std::string_view name) {
  return Tagged(Status::NotFound(Format("Database {} does not exist", name)), "MetadataException");
}

Status AthenaError::TableNotFound(std::string_view name) {
  return Tagged(Status::NotFound(Format("Table {} does not exist", name)), "MetadataException");
}

Status AthenaError::NoOutputLocation() {
  return InvalidRequest(
      "No output location provided. An output location is required either through the "
      "Workgroup result configuration setting or as an API input.");
}

Status AthenaError::TooManyRequests(std::string message) {
  return Tagged(Status::Throttled(std::move(message)), "TooManyRequestsException");
}

Status AthenaError::InternalServer(std::string message) {
  return Tagged(Status::Internal(std::move(message)), "InternalServerException", kServerError);
}

Status AthenaError::FromEngine(const Status& status) {
  if (status.ok() || !status.aws_type().empty()) {
    return status;
  }
  switch (status.code()) {
    case StatusCode::kNotFound:
    case StatusCode::kInvalidArgument:
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return Invalid(status);
    case StatusCode::kThrottled:
    case StatusCode::kResourceExhausted:
      return Tagged(status, "TooManyRequestsException");
    default:
      return Tagged(status, "InternalServerException", kServerError);
  }
}

}  // namespace stratus::athena
