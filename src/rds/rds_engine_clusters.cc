// RdsEngine: Aurora clusters and their roles.

#include <algorithm>
#include <filesystem>
#include <utility>

#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "rds/errors.h"
#include "rds/log.h"
#include "rds/rds_engine.h"
#include "rds/rds_engine_internal.h"
#include "rds/rds_store.h"

namespace stratus::rds {

using internal::ClusterKey;
using internal::GroupKey;
using internal::InstanceKey;

namespace {

constexpr size_t kAdminPasswordBytes = 16;

}  // namespace

Result<DbCluster> RdsEngine::CreateCluster(DbCluster cluster) {
  std::lock_guard<std::mutex> lock(mu_);
  if (clusters_.contains(cluster.id)) {
    return RdsError::ClusterExists();
  }
  if (!cluster.parameter_group.empty() &&
      !groups_.contains(GroupKey(cluster.parameter_group, true))) {
    return RdsError::ClusterParameterGroupNotFound(cluster.parameter_group);
  }
  cluster.resource_id = NewResourceId("cluster-");
  cluster.admin_password = options_.ids->Hex(kAdminPasswordBytes);
  cluster.status = internal::kCreating;
  cluster.endpoint_port = 0;
  cluster.created_millis = options_.clock->NowMillis();
  STRATUS_RETURN_IF_ERROR(store_->PutCluster(cluster));
  clusters_.emplace(cluster.id, cluster);
  Enqueue([this, id = cluster.id] { ProvisionCluster(id); });
  return cluster;
}

Result<DbCluster> RdsEngine::GetCluster(std::string_view id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = clusters_.find(std::string(id));
  if (found == clusters_.end()) {
    return RdsError::ClusterNotFound(id);
  }
  return found->second;
}

std::vector<DbCluster> RdsEngine::ListClusters() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<DbCluster> clusters;
  clusters.reserve(clusters_.size());
  for (const auto& [id, cluster] : clusters_) {
    clusters.push_back(cluster);
  }
  return clusters;
}

std::vector<std::string> RdsEngine::ClusterMembers(std::string_view id) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> members;
  for (const auto& [instance_id, instance] : instances_) {
    if (instance.cluster_id == id) {
      members.push_back(instance_id);
    }
  }
  return members;
}

Result<DbCluster> RdsEngine::ModifyCluster(std::string_view id, const ClusterChanges& changes) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = clusters_.find(std::string(id));
  if (found == clusters_.end()) {
    return RdsError::ClusterNotFound(id);
  }
  if (found->second.status != internal::kAvailable) {
    return RdsError::InvalidClusterState(Format("DB cluster {} is not in available state.", id));
  }
  if (changes.parameter_group.has_value() && !changes.parameter_group->empty() &&
      !groups_.contains(GroupKey(*changes.parameter_group, true))) {
    return RdsError::ClusterParameterGroupNotFound(*changes.parameter_group);
  }
  DbCluster updated = found->second;
  if (changes.master_password.has_value()) {
    // Stored before it is applied; applied again at start-up until taken.
    updated.master_password = *changes.master_password;
    updated.password_pending = true;
  }
  if (changes.parameter_group.has_value()) {
    updated.parameter_group = *changes.parameter_group;
  }
  updated.status = internal::kModifying;
  STRATUS_RETURN_IF_ERROR(store_->PutCluster(updated));
  found->second = updated;
  Enqueue([this, id = updated.id] { ModifyClusterTask(id); });
  return updated;
}

Result<DbCluster> RdsEngine::DeleteCluster(std::string_view id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = clusters_.find(std::string(id));
  if (found == clusters_.end()) {
    return RdsError::ClusterNotFound(id);
  }
  for (const auto& [instance_id, instance] : instances_) {
    if (instance.cluster_id == found->first && instance.status != internal::kDeleting) {
      return RdsError::InvalidClusterState(
          "Cluster cannot be deleted, it still contains DB instances in non-deleting state.");
    }
  }
  if (found->second.status == internal::kDeleting) {
    return RdsError::InvalidClusterState(Format("DB cluster {} is already being deleted.", id));
  }
  STRATUS_RETURN_IF_ERROR(SetClusterStatusLocked(found->second, std::string(internal::kDeleting)));
  Enqueue([this, id = found->first] { DeleteClusterTask(id); });
  return found->second;
}

Result<DbCluster> RdsEngine::StopCluster(std::string_view id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = clusters_.find(std::string(id));
  if (found == clusters_.end()) {
    return RdsError::ClusterNotFound(id);
  }
  if (found->second.status != internal::kAvailable) {
    return RdsError::InvalidClusterState(
        Format("DbCluster {} is in {} state but expected it to "
               "be one of available.",
               id, found->second.status));
  }
  STRATUS_RETURN_IF_ERROR(SetClusterStatusLocked(found->second, std::string(internal::kStopping)));
  for (auto& [instance_id, instance] : instances_) {
    if (instance.cluster_id == found->first && instance.status == internal::kAvailable) {
      STRATUS_RETURN_IF_ERROR(SetInstanceStatusLocked(instance, std::string(internal::kStopping)));
    }
  }
  Enqueue([this, id = found->first] { StopClusterTask(id); });
  return found->second;
}

Result<DbCluster> RdsEngine::StartCluster(std::string_view id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = clusters_.find(std::string(id));
  if (found == clusters_.end()) {
    return RdsError::ClusterNotFound(id);
  }
  if (found->second.status != internal::kStopped) {
    return RdsError::InvalidClusterState(
        Format("DbCluster {} is in {} state but expected it to "
               "be one of stopped.",
               id, found->second.status));
  }
  STRATUS_RETURN_IF_ERROR(SetClusterStatusLocked(found->second, std::string(internal::kStarting)));
  std::vector<std::string> members;
  for (auto& [instance_id, instance] : instances_) {
    if (instance.cluster_id == found->first && instance.status == internal::kStopped) {
      STRATUS_RETURN_IF_ERROR(SetInstanceStatusLocked(instance, std::string(internal::kStarting)));
      members.push_back(instance_id);
    }
  }
  Enqueue([this, id = found->first] { ProvisionCluster(id); });
  for (std::string& member : members) {
    Enqueue([this, member = std::move(member)] { ProvisionInstance(member); });
  }
  return found->second;
}

Status RdsEngine::AddRole(std::string_view cluster_id, ClusterRole role) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = clusters_.find(std::string(cluster_id));
  if (found == clusters_.end()) {
    return RdsError::ClusterNotFound(cluster_id);
  }
  DbCluster updated = found->second;
  for (const ClusterRole& existing : updated.roles) {
    if (existing.role_arn == role.role_arn) {
      return RdsError::RoleExists(role.role_arn, cluster_id);
    }
  }
  updated.roles.push_back(std::move(role));
  STRATUS_RETURN_IF_ERROR(store_->PutCluster(updated));
  found->second = std::move(updated);
  return Status::Ok();
}

Status RdsEngine::RemoveRole(std::string_view cluster_id, std::string_view role_arn) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = clusters_.find(std::string(cluster_id));
  if (found == clusters_.end()) {
    return RdsError::ClusterNotFound(cluster_id);
  }
  DbCluster updated = found->second;
  auto role =
      std::find_if(updated.roles.begin(), updated.roles.end(),
                   [&](const ClusterRole& existing) { return existing.role_arn == role_arn; });
  if (role == updated.roles.end()) {
    return RdsError::RoleNotFound(role_arn, cluster_id);
  }
  updated.roles.erase(role);
  STRATUS_RETURN_IF_ERROR(store_->PutCluster(updated));
  found->second = std::move(updated);
  return Status::Ok();
}

// Tasks ------------------------------------------------------------------------

void RdsEngine::ProvisionCluster(const std::string& id) {
  Result<DbCluster> found = GetCluster(id);
  if (!found.ok() || found->status == internal::kDeleting) {
    return;
  }
  const DbCluster cluster = *std::move(found);
  const bool created = cluster.status == internal::kCreating;
  const bool started = cluster.status == internal::kStarting;
  std::shared_ptr<MariaDbServer> server =
      ServerFor(ClusterKey(id), ClusterDir(id), cluster.admin_password);
  Status running = RunServer(ClusterKey(id), server, cluster.master_username,
                             cluster.master_password, cluster.database_name);
  if (running.ok()) {
    ApplyPendingPassword(ClusterKey(id));
  }
  Result<int> port = running.ok() ? OpenFront(ClusterKey(id), cluster.endpoint_port,
                                              cluster.requested_port, server->paths().socket)
                                  : Result<int>(running);
  if (!port.ok()) {
    kRdsLog.Error("cluster={} failed: {}", id, port.status().ToString());
    SetClusterStatus(id, std::string(internal::kFailed));
    RecordEvent(id, "db-cluster", "failure",
                Format("DB cluster failed to start: {}", port.status().message()));
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto record = clusters_.find(id);
    if (record == clusters_.end()) {
      return;
    }
    record->second.endpoint_port = *port;
    if (Status stored = SetClusterStatusLocked(record->second, std::string(internal::kAvailable));
        !stored.ok()) {
      kRdsLog.Error("cluster={} status not stored: {}", id, stored.ToString());
    }
  }
  kRdsLog.Info("cluster={} available port={}", id, *port);
  if (created) {
    RecordEvent(id, "db-cluster", "creation", "DB cluster created");
  } else if (started) {
    RecordEvent(id, "db-cluster", "notification", "DB cluster started");
  }
}

void RdsEngine::StopClusterTask(const std::string& id) {
  Result<DbCluster> cluster = GetCluster(id);
  if (!cluster.ok()) {
    return;
  }
  const bool was_stopped = cluster->status == internal::kStopped;
  for (const std::string& member : ClusterMembers(id)) {
    CloseFront(InstanceKey(member));
    Result<DbInstance> instance = GetInstance(member);
    if (instance.ok() && instance->status != internal::kDeleting) {
      SetInstanceStatus(member, std::string(internal::kStopped));
    }
  }
  CloseFront(ClusterKey(id));
  HaltServer(ClusterKey(id));
  SetClusterStatus(id, std::string(internal::kStopped));
  if (!was_stopped) {
    RecordEvent(id, "db-cluster", "notification", "DB cluster stopped");
  }
}

void RdsEngine::DeleteClusterTask(const std::string& id) {
  CloseFront(ClusterKey(id));
  HaltServer(ClusterKey(id));
  {
    std::lock_guard<std::mutex> lock(mu_);
    servers_.erase(ClusterKey(id));
  }
  std::error_code error;
  std::filesystem::remove_all(ClusterDir(id), error);
  std::filesystem::remove(MariaDbPaths::For(ClusterDir(id)).socket, error);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (Status deleted = store_->DeleteCluster(id); !deleted.ok()) {
      kRdsLog.Error("cluster={} not deleted: {}", id, deleted.ToString());
      return;
    }
    clusters_.erase(id);
  }
  RecordEvent(id, "db-cluster", "deletion", "DB cluster deleted");
}

void RdsEngine::ModifyClusterTask(const std::string& id) {
  Result<DbCluster> cluster = GetCluster(id);
  if (!cluster.ok() || cluster->status != internal::kModifying) {
    return;
  }
  ApplyPendingPassword(ClusterKey(id));
  if (Status applied = ApplyParameters(ClusterKey(id)); !applied.ok()) {
    kRdsLog.Warn("cluster={} parameters not applied: {}", id, applied.ToString());
  }
  SetClusterStatus(id, std::string(internal::kAvailable));
  RecordEvent(id, "db-cluster", "configuration change", "DB cluster modified");
}

}  // namespace stratus::rds
