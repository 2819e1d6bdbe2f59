#include "rds/errors.h"

#include <utility>

#include "base/format.h"

namespace stratus::rds {
namespace {

constexpr int kBadRequest = 400;
constexpr int kNotFound = 404;
constexpr int kServerError = 500;

Status Tagged(const Status& status, std::string type, int http_status) {
  return status.WithAwsType(std::move(type), http_status);
}

}  // namespace

Status RdsError::InstanceNotFound(std::string_view id) {
  return Tagged(Status::NotFound(Format("DBInstance {} not found.", id)), "DBInstanceNotFound",
                kNotFound);
}

Status RdsError::InstanceExists() {
  return Tagged(Status::AlreadyExists("DB instance already exists"), "DBInstanceAlreadyExists",
                kBadRequest);
}

Status RdsError::ClusterNotFound(std::string_view id) {
  return Tagged(Status::NotFound(Format("DBCluster {} not found.", id)), "DBClusterNotFoundFault",
                kNotFound);
}

Status RdsError::ClusterExists() {
  return Tagged(Status::AlreadyExists("DB Cluster already exists"), "DBClusterAlreadyExistsFault",
                kBadRequest);
}

Status RdsError::SnapshotNotFound(std::string_view id) {
  return Tagged(Status::NotFound(Format("DBSnapshot {} not found.", id)), "DBSnapshotNotFound",
                kNotFound);
}

Status RdsError::SnapshotExists(std::string_view id) {
  return Tagged(Status::AlreadyExists(Format("Cannot create the snapshot because a snapshot with "
                                             "the identifier {} already exists.",
                                             id)),
                "DBSnapshotAlreadyExists", kBadRequest);
}

Status RdsError::InvalidSnapshotState(std::string message) {
  return Tagged(Status::FailedPrecondition(std::move(message)), "InvalidDBSnapshotState",
                kBadRequest);
}

Status RdsError::ParameterGroupNotFound(std::string_view name) {
  return Tagged(Status::NotFound(Format("DBParameterGroup not found: {}", name)),
                "DBParameterGroupNotFound", kNotFound);
}

Status RdsError::ParameterGroupExists(std::string_view name) {
  return Tagged(Status::AlreadyExists(Format("Parameter group {} already exists", name)),
                "DBParameterGroupAlreadyExists", kBadRequest);
}

Status RdsError::ClusterParameterGroupNotFound(std::string_view name) {
  return Tagged(Status::NotFound(Format("DBClusterParameterGroup not found: {}", name)),
                "DBParameterGroupNotFound", kNotFound);
}

Status RdsError::InvalidInstanceState(std::string message) {
  return Tagged(Status::FailedPrecondition(std::move(message)), "InvalidDBInstanceState",
                kBadRequest);
}

Status RdsError::InvalidClusterState(std::string message) {
  return Tagged(Status::FailedPrecondition(std::move(message)), "InvalidDBClusterStateFault",
                kBadRequest);
}

Status RdsError::InvalidParameterValue(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "InvalidParameterValue", kBadRequest);
}

Status RdsError::MissingParameter(std::string_view member) {
  return Tagged(
      Status::InvalidArgument(Format("The request must contain the parameter {}", member)),
      "MissingParameter", kBadRequest);
}

Status RdsError::InvalidParameterCombination(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "InvalidParameterCombination",
                kBadRequest);
}

Status RdsError::RoleExists(std::string_view role_arn, std::string_view cluster) {
  return Tagged(Status::AlreadyExists(
                    Format("Role {} is already associated with DB Cluster {}", role_arn, cluster)),
                "DBClusterRoleAlreadyExists", kBadRequest);
}

Status RdsError::RoleNotFound(std::string_view role_arn, std::string_view cluster) {
  return Tagged(
      Status::NotFound(Format("Role {} is not associated with DB Cluster {}", role_arn, cluster)),
      "DBClusterRoleNotFound", kNotFound);
}

Status RdsError::InvalidParameterGroupState(std::string message) {
  return Tagged(Status::FailedPrecondition(std::move(message)), "InvalidDBParameterGroupState",
                kBadRequest);
}

Status RdsError::ResourceNotFound(std::string message) {
  return Tagged(Status::NotFound(std::move(message)), "ResourceNotFoundFault", kNotFound);
}

Status RdsError::Internal(std::string message) {
  return Tagged(Status::Internal(std::move(message)), "InternalFailure", kServerError);
}

Status RdsError::FromEngine(const Status& status) {
  if (status.ok() || !status.aws_type().empty()) {
    return status;
  }
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return InvalidParameterValue(status.message());
    default:
      return Internal(status.message());
  }
}

}  // namespace stratus::rds
