#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "rds/rds_types.h"

namespace stratus::storage {
class Database;
}  // namespace stratus::storage

namespace stratus::rds {

/// RDS's records in rds.db (docs/formats/rds.md): clusters with their roles,
/// instances, DB snapshots, parameter groups with the parameters users set, tags and
/// events. It persists what the control plane (RdsEngine) holds in memory:
/// every Put replaces the whole record (with its tags, roles, parameters) in
/// one transaction and returns after the commit, so a change the API
/// acknowledged survives kill -9.
///
/// Thread safety: every method is safe from any thread.
class RdsStore {
 public:
  RdsStore(const RdsStore&) = delete;
  RdsStore& operator=(const RdsStore&) = delete;
  ~RdsStore();

  /// Opens (creating and migrating) the database at `path`.
  static Result<std::unique_ptr<RdsStore>> Open(const std::string& path, bool fsync);

  /// Finishes queued writes and closes. Idempotent.
  void Stop();

  /// Reads every cluster, instance and parameter group.
  Result<RdsState> Load() const;

  Status PutCluster(const DbCluster& cluster);
  Status DeleteCluster(std::string_view id);
  Status PutInstance(const DbInstance& instance);
  Status DeleteInstance(std::string_view id);
  Status PutParameterGroup(const ParameterGroup& group);
  Status DeleteParameterGroup(std::string_view name, bool cluster);
  Status PutSnapshot(const DbSnapshot& snapshot);
  Status DeleteSnapshot(std::string_view id);

  /// Appends an event; returns it with its id.
  Result<RdsEvent> AddEvent(RdsEvent event);
  /// Returns the events with time in [from_millis, to_millis], oldest first.
  Result<std::vector<RdsEvent>> ListEvents(int64_t from_millis, int64_t to_millis) const;

 private:
  explicit RdsStore(std::unique_ptr<storage::Database> database);

  std::unique_ptr<storage::Database> database_;
};

}  // namespace stratus::rds
