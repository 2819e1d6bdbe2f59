#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/result.h"

namespace stratus {
class Clock;
}  // namespace stratus

namespace stratus::storage {
class Database;
}  // namespace stratus::storage

namespace stratus::console {

struct DashboardInput;

/// One line of the dashboards list.
struct DashboardSummary {
  std::string id = {};
  std::string name = {};
  int64_t updated_millis = 0;
  int64_t num_charts = 0;
};

/// The console's dashboards, kept in console.db (docs/formats/console.md).
/// A dashboard comes back as the JSON document the console uses: `{"id",
/// "name", "charts", "created", "updated"}` with the times in milliseconds
/// since the Unix epoch.
///
/// Durability: every write is one storage::Database work; its `done` runs
/// after the group commit, so a client acknowledged from `done` keeps its
/// write across kill -9.
///
/// Thread safety: all methods from any thread; `done` runs on the
/// database's writer thread and must not block.
class DashboardStore {
 public:
  DashboardStore(const DashboardStore&) = delete;
  DashboardStore& operator=(const DashboardStore&) = delete;
  ~DashboardStore();

  /// Opens (creating and migrating) the database at `path`. `clock` must
  /// outlive the store.
  static Result<std::unique_ptr<DashboardStore>> Open(const std::string& path, const Clock& clock);

  /// Returns every dashboard's summary, by name then id.
  Result<std::vector<DashboardSummary>> List() const;

  /// Returns the dashboard `id`, or nullopt when there is none.
  Result<std::optional<Json>> Get(std::string_view id) const;

  /// Creates or replaces the dashboard `id` (keeping its creation time when
  /// it exists); `done` gets the stored document once durable.
  void Put(std::string id, DashboardInput input, std::function<void(Result<Json>)> done);

  /// Deletes the dashboard `id`; `done` gets true once durable, or false
  /// when there was no such dashboard.
  void Delete(std::string id, std::function<void(Result<bool>)> done);

  /// Finishes queued writes and closes the database; idempotent.
  void Stop();

 private:
  DashboardStore(std::unique_ptr<storage::Database> database, const Clock& clock);
  std::unique_ptr<storage::Database> database_;
  const Clock& clock_;
};

}  // namespace stratus::console
