#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace stratus::rds {

// The RDS control plane's records, as rds.db keeps them (docs/formats/rds.md).
// Identifiers are stored lowercase, as AWS stores them.

using Tags = std::map<std::string, std::string>;

/// An IAM role associated with a cluster (AddRoleToDBCluster).
struct ClusterRole {
  std::string role_arn = {};
  std::string feature_name = {};
};

/// An Aurora cluster: it owns one MariaDB server (its storage); member
/// instances serve that server on their own ports.
struct DbCluster {
  std::string id = {};
  std::string resource_id = {};  // "cluster-" + 26 upper-case characters.
  std::string engine = {};
  std::string engine_version = {};
  std::string master_username = {};
  std::string master_password = {};
  std::string database_name = {};
  /// creating, available, modifying, rebooting, stopping, stopped, starting, deleting.
  std::string status = {};
  int requested_port = 3306;
  int endpoint_port = 0;  // The port the cluster endpoint listens on; 0 before the first start.
  std::string parameter_group = {};  // DB cluster parameter group name.
  std::string admin_password = {};   // The control plane's own account on the server.
  int64_t created_millis = 0;
  Tags tags = {};
  std::vector<ClusterRole> roles = {};
  /// The master password was stored but the server has not confirmed it yet.
  bool password_pending = false;
};

/// A DB instance: a plain mysql/mariadb instance owning its own server, or a
/// member of a cluster serving the cluster's server.
struct DbInstance {
  std::string id = {};
  std::string resource_id = {};  // "db-" + 26 upper-case characters.
  std::string cluster_id = {};   // Empty for a standalone instance.
  std::string engine = {};
  std::string engine_version = {};
  std::string instance_class = {};
  int allocated_storage = 0;
  std::string master_username = {};  // A member's is its cluster's.
  std::string master_password = {};  // Empty for a member.
  std::string database_name = {};
  std::string status = {};  // As DbCluster::status.
  int requested_port = 3306;
  int endpoint_port = 0;
  std::string parameter_group = {};
  std::string admin_password = {};  // Empty for a member.
  int backup_retention_days = 1;
  bool multi_az = false;
  bool publicly_accessible = false;
  int64_t created_millis = 0;
  Tags tags = {};
  /// The master password was stored but the server has not confirmed it yet.
  bool password_pending = false;
  /// The DB snapshot the instance's data comes from (RestoreDBInstanceFromDBSnapshot);
  /// empty for an instance created empty.
  std::string restore_snapshot = {};
};

/// A DB snapshot: a copy of a standalone instance's MariaDB data dir, taken
/// with the server cleanly stopped, with what a restore needs to serve it
/// again (the master user, the admin account's password).
struct DbSnapshot {
  std::string id = {};
  std::string instance_id = {};           // The source DBInstanceIdentifier.
  std::string instance_resource_id = {};  // DbiResourceId of the source.
  std::string type = "manual";            // manual | automated
  std::string status = {};                // creating, available, failed
  std::string source_snapshot = {};       // CopyDBSnapshot's source; empty otherwise.
  std::string engine = {};
  std::string engine_version = {};
  std::string instance_class = {};
  int allocated_storage = 0;
  int port = 3306;
  std::string master_username = {};
  std::string master_password = {};
  std::string admin_password = {};
  std::string database_name = {};
  std::string parameter_group = {};
  int64_t instance_created_millis = 0;
  int64_t created_millis = 0;
  Tags tags = {};
};

/// One parameter a user set in a group.
struct Parameter {
  std::string value = {};
  std::string apply_method = "immediate";  // immediate | pending-reboot
};

/// A DB parameter group or DB cluster parameter group.
struct ParameterGroup {
  std::string name = {};  // Lowercase.
  std::string family = {};
  std::string description = {};
  bool cluster = false;
  std::map<std::string, Parameter> parameters = {};
  Tags tags = {};
};

/// An RDS event (DescribeEvents).
struct RdsEvent {
  int64_t id = 0;
  std::string source_id = {};
  std::string source_type = {};  // db-instance | db-cluster | db-parameter-group
  std::string message = {};
  std::string category = {};  // creation, deletion, availability, notification, ...
  int64_t time_millis = 0;
};

/// Everything the store holds except events, as loaded at start.
struct RdsState {
  std::vector<DbCluster> clusters = {};
  std::vector<DbInstance> instances = {};
  std::vector<ParameterGroup> parameter_groups = {};
  std::vector<DbSnapshot> snapshots = {};
};

}  // namespace stratus::rds
