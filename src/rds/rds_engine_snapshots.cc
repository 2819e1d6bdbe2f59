// RdsEngine: DB snapshots.

#include <filesystem>
#include <utility>

#include "base/clock.h"
#include "base/format.h"
#include "rds/directory_copy.h"
#include "rds/errors.h"
#include "rds/log.h"
#include "rds/rds_engine.h"
#include "rds/rds_engine_internal.h"
#include "rds/rds_store.h"

namespace stratus::rds {

using internal::InstanceKey;

namespace {

constexpr std::string_view kSnapshotData = "/data";

}  // namespace

DbSnapshot RdsEngine::SnapshotOf(const DbInstance& instance, std::string_view snapshot_id) const {
  return DbSnapshot{
      .id = std::string(snapshot_id),
      .instance_id = instance.id,
      .instance_resource_id = instance.resource_id,
      .type = "manual",
      .status = std::string(internal::kCreating),
      .source_snapshot = {},
      .engine = instance.engine,
      .engine_version = instance.engine_version,
      .instance_class = instance.instance_class,
      .allocated_storage = instance.allocated_storage,
      .port = instance.endpoint_port > 0 ? instance.endpoint_port : instance.requested_port,
      .master_username = instance.master_username,
      .master_password = instance.master_password,
      .admin_password = instance.admin_password,
      .database_name = instance.database_name,
      .parameter_group = instance.parameter_group,
      .instance_created_millis = instance.created_millis,
      .created_millis = options_.clock->NowMillis(),
      .tags = {}};
}

Result<DbSnapshot> RdsEngine::CreateSnapshot(std::string_view instance_id,
                                             std::string_view snapshot_id,
                                             Tags tags) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = instances_.find(std::string(instance_id));
  if (found == instances_.end()) {
    return RdsError::InstanceNotFound(instance_id);
  }
  if (snapshots_.contains(std::string(snapshot_id))) {
    return RdsError::SnapshotExists(snapshot_id);
  }
  DbInstance& instance = found->second;
  if (!instance.cluster_id.empty()) {
    // AWS: an Aurora member's data is its cluster's; CreateDBClusterSnapshot takes it.
    return RdsError::InvalidInstanceState(
        Format("The specified instance {} is a member of DB cluster {}: snapshot the cluster.",
               instance_id, instance.cluster_id));
  }
  if (instance.status != internal::kAvailable) {
    // AWS: "Cannot create a snapshot because the database instance X is not
    // currently in the available state." Pinned by
    // test/wire/test_rds_snapshots.py::test_snapshot_errors.
    return RdsError::InvalidInstanceState(
        Format("Cannot create a snapshot because the database instance {} is not currently in "
               "the available state.",
               instance_id));
  }
  DbSnapshot snapshot = SnapshotOf(instance, snapshot_id);
  snapshot.tags = std::move(tags);
  STRATUS_RETURN_IF_ERROR(store_->PutSnapshot(snapshot));
  snapshots_.emplace(snapshot.id, snapshot);
  STRATUS_RETURN_IF_ERROR(SetInstanceStatusLocked(instance, std::string(internal::kBackingUp)));
  Enqueue([this, id = snapshot.id] { SnapshotInstanceTask(id); });
  return snapshot;
}

Result<DbSnapshot> RdsEngine::GetSnapshot(std::string_view id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = snapshots_.find(std::string(id));
  if (found == snapshots_.end()) {
    return RdsError::SnapshotNotFound(id);
  }
  return found->second;
}

std::vector<DbSnapshot> RdsEngine::ListSnapshots() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<DbSnapshot> snapshots;
  snapshots.reserve(snapshots_.size());
  for (const auto& [id, snapshot] : snapshots_) {
    snapshots.push_back(snapshot);
  }
  return snapshots;
}

Result<DbSnapshot> RdsEngine::DeleteSnapshot(std::string_view id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = snapshots_.find(std::string(id));
  if (found == snapshots_.end()) {
    return RdsError::SnapshotNotFound(id);
  }
  if (found->second.status == internal::kCreating) {
    return RdsError::InvalidSnapshotState(
        Format("Cannot delete the snapshot because the snapshot {} is not in the available or "
               "failed state.",
               id));
  }
  for (const auto& [instance_id, instance] : instances_) {
    if (instance.restore_snapshot == found->first && instance.status == internal::kCreating) {
      return RdsError::InvalidSnapshotState(
          Format("DB snapshot {} is being restored to DB instance {}.", id, instance_id));
    }
  }
  for (const auto& [other_id, other] : snapshots_) {
    if (other.source_snapshot == found->first && other.status == internal::kCreating) {
      return RdsError::InvalidSnapshotState(
          Format("DB snapshot {} is being copied to {}.", id, other_id));
    }
  }
  STRATUS_RETURN_IF_ERROR(store_->DeleteSnapshot(found->first));
  // The record went first: files left by a crash here are removed at start.
  if (Status removed = RemoveDirectory(SnapshotDir(found->first)); !removed.ok()) {
    kRdsLog.Warn("snapshot={} files not removed: {}", found->first, removed.ToString());
  }
  DbSnapshot deleted = std::move(found->second);
  snapshots_.erase(found);
  deleted.status = "deleted";
  return deleted;
}

Result<DbSnapshot> RdsEngine::CopySnapshot(std::string_view source_id,
                                           std::string_view target_id,
                                           Tags tags,
                                           bool copy_tags) {
  std::lock_guard<std::mutex> lock(mu_);
  auto source = snapshots_.find(std::string(source_id));
  if (source == snapshots_.end()) {
    return RdsError::SnapshotNotFound(source_id);
  }
  if (snapshots_.contains(std::string(target_id))) {
    return RdsError::SnapshotExists(target_id);
  }
  if (source->second.status != internal::kAvailable) {
    return RdsError::InvalidSnapshotState(
        Format("Snapshot {} is not in the available state.", source_id));
  }
  DbSnapshot copy = source->second;
  copy.id = std::string(target_id);
  copy.type = "manual";
  copy.status = std::string(internal::kCreating);
  copy.source_snapshot = source->first;
  copy.created_millis = options_.clock->NowMillis();
  if (!copy_tags || !tags.empty()) {
    copy.tags = std::move(tags);
  }
  STRATUS_RETURN_IF_ERROR(store_->PutSnapshot(copy));
  snapshots_.emplace(copy.id, copy);
  Enqueue([this, id = copy.id] { CopySnapshotTask(id); });
  return copy;
}

Result<DbInstance> RdsEngine::RestoreInstance(DbInstance instance, std::string_view snapshot_id) {
  DbSnapshot snapshot;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto found = snapshots_.find(std::string(snapshot_id));
    if (found == snapshots_.end()) {
      return RdsError::SnapshotNotFound(snapshot_id);
    }
    if (found->second.status != internal::kAvailable) {
      return RdsError::InvalidSnapshotState(
          Format("Snapshot {} is not in the available state.", snapshot_id));
    }
    snapshot = found->second;
  }
  instance.cluster_id.clear();
  instance.engine = snapshot.engine;
  instance.engine_version = snapshot.engine_version;
  if (instance.instance_class.empty()) {
    instance.instance_class = snapshot.instance_class;
  }
  if (instance.allocated_storage <= 0) {
    instance.allocated_storage = snapshot.allocated_storage;
  }
  instance.master_username = snapshot.master_username;
  instance.master_password = snapshot.master_password;
  instance.database_name = snapshot.database_name;
  instance.restore_snapshot = snapshot.id;
  // The copied data holds the snapshot's admin account: keep its password.
  instance.admin_password = snapshot.admin_password;
  return CreateInstance(std::move(instance));
}

// Tasks ------------------------------------------------------------------------

void RdsEngine::SnapshotInstanceTask(const std::string& snapshot_id) {
  Result<DbSnapshot> snapshot = GetSnapshot(snapshot_id);
  if (!snapshot.ok() || snapshot->status != internal::kCreating) {
    return;
  }
  Result<DbInstance> instance = GetInstance(snapshot->instance_id);
  if (!instance.ok()) {
    FinishSnapshot(snapshot_id, "");
    return;
  }
  if (instance->status == internal::kDeleting) {
    return;  // The delete task copies the stopped server's data.
  }
  const std::string key = InstanceKey(instance->id);
  // A clean stop makes the data dir consistent: InnoDB's and Aria's files are
  // flushed and closed, so a plain copy is a server that starts as it was.
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto record = instances_.find(instance->id);
    if (record == instances_.end() || record->second.status == internal::kDeleting) {
      return;
    }
    if (record->second.status != internal::kBackingUp) {
      // A snapshot resumed after a restart: the instance is available again.
      if (Status stored =
              SetInstanceStatusLocked(record->second, std::string(internal::kBackingUp));
          !stored.ok()) {
        kRdsLog.Error("instance={} status not stored: {}", instance->id, stored.ToString());
      }
    }
  }
  HaltServer(key);
  FinishSnapshot(snapshot_id, MariaDbPaths::For(InstanceDir(instance->id)).data_dir);
  std::shared_ptr<MariaDbServer> server =
      ServerFor(key, InstanceDir(instance->id), instance->admin_password);
  if (Status running = RunServer(key, server, instance->master_username, instance->master_password,
                                 instance->database_name);
      !running.ok()) {
    kRdsLog.Error("instance={} server failed after a snapshot: {}", instance->id,
                  running.ToString());
    SetInstanceStatus(instance->id, std::string(internal::kFailed));
    RecordEvent(instance->id, "db-instance", "failure",
                Format("DB instance failed to start after a snapshot: {}", running.message()));
    return;
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto record = instances_.find(instance->id);
  // A delete that came meanwhile keeps its status.
  if (record != instances_.end() && record->second.status == internal::kBackingUp) {
    if (Status stored = SetInstanceStatusLocked(record->second, std::string(internal::kAvailable));
        !stored.ok()) {
      kRdsLog.Error("instance={} status not stored: {}", instance->id, stored.ToString());
    }
  }
}

void RdsEngine::CopySnapshotTask(const std::string& snapshot_id) {
  Result<DbSnapshot> snapshot = GetSnapshot(snapshot_id);
  if (!snapshot.ok() || snapshot->status != internal::kCreating) {
    return;
  }
  Result<DbSnapshot> source = GetSnapshot(snapshot->source_snapshot);
  FinishSnapshot(snapshot_id, source.ok() && source->status == internal::kAvailable
                                  ? SnapshotDir(source->id) + std::string(kSnapshotData)
                                  : std::string());
}

void RdsEngine::TakePendingSnapshots(const std::string& instance_id) {
  std::vector<std::string> pending;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [id, snapshot] : snapshots_) {
      if (snapshot.instance_id == instance_id && snapshot.status == internal::kCreating &&
          snapshot.source_snapshot.empty()) {
        pending.push_back(id);
      }
    }
  }
  for (const std::string& id : pending) {
    FinishSnapshot(id, MariaDbPaths::For(InstanceDir(instance_id)).data_dir);
  }
}

void RdsEngine::FinishSnapshot(const std::string& snapshot_id, const std::string& from) {
  const auto started = std::chrono::steady_clock::now();
  Status copied = from.empty() ? Status::NotFound("the snapshot's source is gone")
                               : CopyDirectoryWhole(
                                     from, SnapshotDir(snapshot_id) + std::string(kSnapshotData));
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
  std::string instance_id;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto found = snapshots_.find(snapshot_id);
    if (found == snapshots_.end()) {
      return;
    }
    DbSnapshot updated = found->second;
    updated.status = std::string(copied.ok() ? internal::kAvailable : internal::kFailed);
    if (Status stored = store_->PutSnapshot(updated); !stored.ok()) {
      kRdsLog.Error("snapshot={} status not stored: {}", snapshot_id, stored.ToString());
      return;
    }
    instance_id = updated.instance_id;
    found->second = std::move(updated);
  }
  if (copied.ok()) {
    kRdsLog.Info("snapshot={} available copy_ms={}", snapshot_id, millis);
    RecordEvent(instance_id, "db-instance", "backup",
                Format("Manual snapshot {} created", snapshot_id));
  } else {
    kRdsLog.Error("snapshot={} failed: {}", snapshot_id, copied.ToString());
    RecordEvent(instance_id, "db-instance", "failure",
                Format("Snapshot {} failed: {}", snapshot_id, copied.message()));
  }
}

void RdsEngine::ResumeSnapshots() {
  std::vector<std::pair<std::string, bool>> creating;  // (id, is a copy)
  std::error_code error;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [id, snapshot] : snapshots_) {
      if (snapshot.status == internal::kCreating) {
        creating.emplace_back(id, !snapshot.source_snapshot.empty());
      }
    }
    // Files of snapshots whose record is gone (a crash during a delete).
    const std::string root = options_.root_dir + "/snapshots";
    for (const auto& entry : std::filesystem::directory_iterator(root, error)) {
      if (!snapshots_.contains(entry.path().filename().string())) {
        if (Status removed = RemoveDirectory(entry.path().string()); !removed.ok()) {
          kRdsLog.Warn("{}", removed.ToString());
        }
      }
    }
  }
  // A copy a restart interrupted is taken again from the start; its record
  // stayed "creating", so it was never listed as available.
  for (auto& [id, is_copy] : creating) {
    if (is_copy) {
      Enqueue([this, id = std::move(id)] { CopySnapshotTask(id); });
    } else {
      Enqueue([this, id = std::move(id)] { SnapshotInstanceTask(id); });
    }
  }
}

}  // namespace stratus::rds
