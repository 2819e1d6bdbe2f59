#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace stratus::rds {

/// The RDS errors, each tagged with the code and HTTP status of the model's
/// error shape: the only place in rds/ that sets AWS error types.
///
/// AWS: "DBInstance mydb not found.", "DB instance already exists",
/// "DBCluster c1 not found.". Pinned by test/wire/test_rds.py.
class RdsError {
 public:
  static Status InstanceNotFound(std::string_view id);
  static Status InstanceExists();
  static Status ClusterNotFound(std::string_view id);
  static Status ClusterExists();
  static Status SnapshotNotFound(std::string_view id);
  static Status SnapshotExists(std::string_view id);
  static Status InvalidSnapshotState(std::string message);
  static Status ParameterGroupNotFound(std::string_view name);
  static Status ParameterGroupExists(std::string_view name);
  static Status ClusterParameterGroupNotFound(std::string_view name);
  static Status InvalidInstanceState(std::string message);
  static Status InvalidClusterState(std::string message);
  static Status InvalidParameterValue(std::string message);
  static Status MissingParameter(std::string_view member);
  static Status InvalidParameterCombination(std::string message);
  static Status RoleExists(std::string_view role_arn, std::string_view cluster);
  static Status RoleNotFound(std::string_view role_arn, std::string_view cluster);
  static Status InvalidParameterGroupState(std::string message);
  static Status ResourceNotFound(std::string message);
  static Status Internal(std::string message);

  /// Keeps tagged statuses; maps untagged ones by code (InvalidArgument →
  /// InvalidParameterValue, the rest → InternalFailure).
  static Status FromEngine(const Status& status);
};

}  // namespace stratus::rds
