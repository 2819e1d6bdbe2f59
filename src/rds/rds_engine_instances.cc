// RdsEngine: DB instances.

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
#include "rds/server_supervisor.h"

namespace stratus::rds {

using internal::ClusterKey;
using internal::GroupKey;
using internal::InstanceKey;
using internal::ServerKeyOf;

namespace {

constexpr size_t kAdminPasswordBytes = 16;

}  // namespace

Result<DbInstance> RdsEngine::CreateInstance(DbInstance instance) {
  std::lock_guard<std::mutex> lock(mu_);
  if (instances_.contains(instance.id)) {
    return RdsError::InstanceExists();
  }
  if (!instance.cluster_id.empty()) {
    auto cluster = clusters_.find(instance.cluster_id);
    if (cluster == clusters_.end()) {
      return RdsError::ClusterNotFound(instance.cluster_id);
    }
    if (cluster->second.status == internal::kDeleting) {
      return RdsError::InvalidClusterState(
          Format("DB cluster {} is being deleted", instance.cluster_id));
    }
    instance.master_username = cluster->second.master_username;
    instance.master_password.clear();
    instance.engine_version = cluster->second.engine_version;
    instance.database_name = cluster->second.database_name;
  } else if (instance.admin_password.empty()) {
    // A restored instance keeps the one its snapshot's data holds.
    instance.admin_password = options_.ids->Hex(kAdminPasswordBytes);
  }
  if (!instance.parameter_group.empty() &&
      !groups_.contains(GroupKey(instance.parameter_group, false))) {
    return RdsError::ParameterGroupNotFound(instance.parameter_group);
  }
  instance.resource_id = NewResourceId("db-");
  instance.status = internal::kCreating;
  instance.endpoint_port = 0;
  instance.created_millis = options_.clock->NowMillis();
  STRATUS_RETURN_IF_ERROR(store_->PutInstance(instance));
  instances_.emplace(instance.id, instance);
  Enqueue([this, id = instance.id] { ProvisionInstance(id); });
  return instance;
}

Result<DbInstance> RdsEngine::GetInstance(std::string_view id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = instances_.find(std::string(id));
  if (found == instances_.end()) {
    return RdsError::InstanceNotFound(id);
  }
  return found->second;
}

std::vector<DbInstance> RdsEngine::ListInstances() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<DbInstance> instances;
  instances.reserve(instances_.size());
  for (const auto& [id, instance] : instances_) {
    instances.push_back(instance);
  }
  return instances;
}

Result<DbInstance> RdsEngine::ModifyInstance(std::string_view id, const InstanceChanges& changes) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = instances_.find(std::string(id));
  if (found == instances_.end()) {
    return RdsError::InstanceNotFound(id);
  }
  DbInstance& instance = found->second;
  if (instance.status != internal::kAvailable) {
    return RdsError::InvalidInstanceState(Format("Database instance is not in available state."));
  }
  if (changes.master_password.has_value() && !instance.cluster_id.empty()) {
    return RdsError::InvalidParameterCombination(
        "The specified DB instance is a member of a DB cluster. Modify the master user "
        "password for the DB cluster using the ModifyDbCluster API.");
  }
  if (changes.parameter_group.has_value() && !changes.parameter_group->empty() &&
      !groups_.contains(GroupKey(*changes.parameter_group, false))) {
    return RdsError::ParameterGroupNotFound(*changes.parameter_group);
  }
  DbInstance updated = instance;
  if (changes.master_password.has_value()) {
    // Stored before it is applied, and applied again at start-up until the
    // server took it: a kill -9 in between loses nothing acknowledged.
    updated.master_password = *changes.master_password;
    updated.password_pending = true;
  }
  if (changes.parameter_group.has_value()) {
    updated.parameter_group = *changes.parameter_group;
  }
  if (changes.instance_class.has_value()) {
    updated.instance_class = *changes.instance_class;
  }
  if (changes.allocated_storage.has_value()) {
    updated.allocated_storage = *changes.allocated_storage;
  }
  if (changes.backup_retention_days.has_value()) {
    updated.backup_retention_days = *changes.backup_retention_days;
  }
  updated.status = internal::kModifying;
  STRATUS_RETURN_IF_ERROR(store_->PutInstance(updated));
  instance = updated;
  Enqueue([this, id = instance.id] { ModifyInstanceTask(id); });
  return instance;
}

Result<DbInstance> RdsEngine::DeleteInstance(std::string_view id,
                                             const std::optional<std::string>& final_snapshot) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = instances_.find(std::string(id));
  if (found == instances_.end()) {
    return RdsError::InstanceNotFound(id);
  }
  if (found->second.status == internal::kDeleting) {
    return RdsError::InvalidInstanceState(Format("Instance {} is already being deleted.", id));
  }
  if (final_snapshot.has_value()) {
    if (snapshots_.contains(*final_snapshot)) {
      return RdsError::SnapshotExists(*final_snapshot);
    }
    if (found->second.status == internal::kCreating || found->second.status == internal::kFailed) {
      return RdsError::InvalidInstanceState(Format(
          "Cannot take a final snapshot of instance {} in state {}.", id, found->second.status));
    }
    // The snapshot is recorded first: the delete task copies the stopped
    // server's data into it before the data goes.
    DbSnapshot snapshot = SnapshotOf(found->second, *final_snapshot);
    STRATUS_RETURN_IF_ERROR(store_->PutSnapshot(snapshot));
    snapshots_.emplace(snapshot.id, snapshot);
  }
  STRATUS_RETURN_IF_ERROR(SetInstanceStatusLocked(found->second, std::string(internal::kDeleting)));
  Enqueue([this, id = found->first] { DeleteInstanceTask(id); });
  return found->second;
}

Result<DbInstance> RdsEngine::RebootInstance(std::string_view id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = instances_.find(std::string(id));
  if (found == instances_.end()) {
    return RdsError::InstanceNotFound(id);
  }
  if (found->second.status != internal::kAvailable) {
    return RdsError::InvalidInstanceState(Format("Instance {} is not in available state.", id));
  }
  STRATUS_RETURN_IF_ERROR(
      SetInstanceStatusLocked(found->second, std::string(internal::kRebooting)));
  Enqueue([this, id = found->first] { RebootInstanceTask(id); });
  return found->second;
}

Result<DbInstance> RdsEngine::StopInstance(std::string_view id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = instances_.find(std::string(id));
  if (found == instances_.end()) {
    return RdsError::InstanceNotFound(id);
  }
  if (!found->second.cluster_id.empty()) {
    return RdsError::InvalidInstanceState(
        Format("DB instance {} is a member of DB cluster {}: stop the cluster instead.", id,
               found->second.cluster_id));
  }
  if (found->second.status != internal::kAvailable) {
    return RdsError::InvalidInstanceState(Format("Instance {} is not in available state.", id));
  }
  STRATUS_RETURN_IF_ERROR(SetInstanceStatusLocked(found->second, std::string(internal::kStopping)));
  Enqueue([this, id = found->first] { StopInstanceTask(id); });
  return found->second;
}

Result<DbInstance> RdsEngine::StartInstance(std::string_view id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = instances_.find(std::string(id));
  if (found == instances_.end()) {
    return RdsError::InstanceNotFound(id);
  }
  if (!found->second.cluster_id.empty()) {
    return RdsError::InvalidInstanceState(
        Format("DB instance {} is a member of DB cluster {}: start the cluster instead.", id,
               found->second.cluster_id));
  }
  if (found->second.status != internal::kStopped) {
    return RdsError::InvalidInstanceState(
        Format("Instance {} is not stopped, cannot be started.", id));
  }
  STRATUS_RETURN_IF_ERROR(SetInstanceStatusLocked(found->second, std::string(internal::kStarting)));
  Enqueue([this, id = found->first] { ProvisionInstance(id); });
  return found->second;
}

// Tasks ------------------------------------------------------------------------

void RdsEngine::ProvisionInstance(const std::string& id) {
  Result<DbInstance> found = GetInstance(id);
  if (!found.ok() || found->status == internal::kDeleting) {
    return;
  }
  const DbInstance instance = *std::move(found);
  const bool created = instance.status == internal::kCreating;
  const bool started = instance.status == internal::kStarting;
  std::string socket;
  if (instance.cluster_id.empty()) {
    std::shared_ptr<MariaDbServer> server =
        ServerFor(InstanceKey(id), InstanceDir(id), instance.admin_password);
    Status running = Status::Ok();
    if (!server->initialized() && !instance.restore_snapshot.empty()) {
      running = server->InitializeFrom(SnapshotDir(instance.restore_snapshot) + "/data");
    }
    if (running.ok()) {
      running = RunServer(InstanceKey(id), server, instance.master_username,
                          instance.master_password, instance.database_name);
    }
    if (running.ok()) {
      ApplyPendingPassword(InstanceKey(id));
    }
    if (!running.ok()) {
      kRdsLog.Error("instance={} server failed: {}", id, running.ToString());
      SetInstanceStatus(id, std::string(internal::kFailed));
      RecordEvent(id, "db-instance", "failure",
                  Format("DB instance failed to start: {}", running.message()));
      return;
    }
    socket = server->paths().socket;
  } else {
    // A member serves its cluster's server, which the cluster's task started.
    socket = MariaDbPaths::For(ClusterDir(instance.cluster_id)).socket;
    if (Status applied = ApplyParameters(ClusterKey(instance.cluster_id)); !applied.ok()) {
      kRdsLog.Warn("instance={} parameters not applied: {}", id, applied.ToString());
    }
  }
  Result<int> port =
      OpenFront(InstanceKey(id), instance.endpoint_port, instance.requested_port, socket);
  if (!port.ok()) {
    kRdsLog.Error("instance={} endpoint failed: {}", id, port.status().ToString());
    SetInstanceStatus(id, std::string(internal::kFailed));
    RecordEvent(id, "db-instance", "failure",
                Format("DB instance endpoint failed: {}", port.status().message()));
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto record = instances_.find(id);
    if (record == instances_.end()) {
      return;
    }
    record->second.endpoint_port = *port;
    if (Status stored = SetInstanceStatusLocked(record->second, std::string(internal::kAvailable));
        !stored.ok()) {
      kRdsLog.Error("instance={} status not stored: {}", id, stored.ToString());
    }
  }
  kRdsLog.Info("instance={} available port={}", id, *port);
  if (created) {
    RecordEvent(id, "db-instance", "creation", "DB instance created");
  } else if (started) {
    RecordEvent(id, "db-instance", "notification", "DB instance started");
  }
}

void RdsEngine::StopInstanceTask(const std::string& id) {
  Result<DbInstance> instance = GetInstance(id);
  if (!instance.ok()) {
    return;
  }
  const bool was_stopped = instance->status == internal::kStopped;
  CloseFront(InstanceKey(id));
  if (instance->cluster_id.empty()) {
    HaltServer(InstanceKey(id));
  }
  SetInstanceStatus(id, std::string(internal::kStopped));
  if (!was_stopped) {
    RecordEvent(id, "db-instance", "notification", "DB instance stopped");
  }
}

void RdsEngine::DeleteInstanceTask(const std::string& id) {
  Result<DbInstance> instance = GetInstance(id);
  if (!instance.ok()) {
    return;
  }
  CloseFront(InstanceKey(id));
  if (instance->cluster_id.empty()) {
    HaltServer(InstanceKey(id));
    TakePendingSnapshots(id);
    std::lock_guard<std::mutex> lock(mu_);
    servers_.erase(InstanceKey(id));
  }
  if (instance->cluster_id.empty()) {
    std::error_code error;
    std::filesystem::remove_all(InstanceDir(id), error);
    const std::string socket = MariaDbPaths::For(InstanceDir(id)).socket;
    std::filesystem::remove(socket, error);
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (Status deleted = store_->DeleteInstance(id); !deleted.ok()) {
      kRdsLog.Error("instance={} not deleted: {}", id, deleted.ToString());
      return;
    }
    instances_.erase(id);
  }
  RecordEvent(id, "db-instance", "deletion", "DB instance deleted");
}

void RdsEngine::RebootInstanceTask(const std::string& id) {
  Result<DbInstance> instance = GetInstance(id);
  if (!instance.ok() || instance->status != internal::kRebooting) {
    return;
  }
  if (instance->cluster_id.empty()) {
    HaltServer(InstanceKey(id));
  }
  SetInstanceStatus(id, std::string(internal::kStarting));
  ProvisionInstance(id);
  RecordEvent(id, "db-instance", "availability", "DB instance restarted");
}

void RdsEngine::ModifyInstanceTask(const std::string& id) {
  Result<DbInstance> instance = GetInstance(id);
  if (!instance.ok() || instance->status != internal::kModifying) {
    return;
  }
  const std::string server_key = ServerKeyOf(*instance);
  ApplyPendingPassword(server_key);
  if (Status applied = ApplyParameters(server_key); !applied.ok()) {
    kRdsLog.Warn("instance={} parameters not applied: {}", id, applied.ToString());
  }
  SetInstanceStatus(id, std::string(internal::kAvailable));
  RecordEvent(id, "db-instance", "configuration change", "DB instance modified");
}

}  // namespace stratus::rds
