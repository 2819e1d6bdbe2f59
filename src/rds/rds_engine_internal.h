#pragma once

#include <string>
#include <string_view>

#include "rds/rds_types.h"

// Names shared by the RdsEngine's source files.
namespace stratus::rds::internal {

inline constexpr std::string_view kCreating = "creating";
inline constexpr std::string_view kAvailable = "available";
inline constexpr std::string_view kModifying = "modifying";
inline constexpr std::string_view kRebooting = "rebooting";
inline constexpr std::string_view kStopping = "stopping";
inline constexpr std::string_view kStopped = "stopped";
inline constexpr std::string_view kStarting = "starting";
inline constexpr std::string_view kDeleting = "deleting";
inline constexpr std::string_view kFailed = "failed";
inline constexpr std::string_view kBackingUp = "backing-up";

/// The key of a standalone instance's server and endpoint: "db:<id>".
inline std::string InstanceKey(std::string_view id) {
  return "db:" + std::string(id);
}

/// The key of a cluster's server and endpoint: "cluster:<id>".
inline std::string ClusterKey(std::string_view id) {
  return "cluster:" + std::string(id);
}

/// The key of the server an instance serves.
inline std::string ServerKeyOf(const DbInstance& instance) {
  return instance.cluster_id.empty() ? InstanceKey(instance.id) : ClusterKey(instance.cluster_id);
}

/// The key of a parameter group in RdsEngine::groups_.
inline std::string GroupKey(std::string_view name, bool cluster) {
  return (cluster ? "cpg:" : "pg:") + std::string(name);
}

}  // namespace stratus::rds::internal
