#pragma once

// The Map Runs of DISTRIBUTED Map states and their child executions, as the
// interpreter reports them (interpreter/map_run.h), in states.db: a
// `map_runs` row per Map Run, and an `executions` row (with history) per
// child execution, marked by its `map_run_arn`. The parent execution's state
// drives them: child rows are never recovered or advanced on their own.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "states/interpreter/map_run.h"

namespace stratus::storage {
class Database;
class Transaction;
}  // namespace stratus::storage

namespace stratus::states::api {

/// What the steps of one commit did to Map Runs: each Map Run and child
/// execution once, with the child's new events in order.
class MapRunChanges {
 public:
  bool empty() const { return map_runs_.empty() && children_.empty(); }

  /// Takes the map_runs and child_executions of one step.
  void Merge(std::vector<interpreter::MapRunUpdate> map_runs,
             std::vector<interpreter::ChildExecutionUpdate> children);

  /// Writes the changes; `revision_id` is the parent execution's revision.
  Status Write(storage::Transaction& txn, std::string_view revision_id) const;

 private:
  std::vector<interpreter::MapRunUpdate> map_runs_;
  std::vector<interpreter::ChildExecutionUpdate> children_;
  std::unordered_map<std::string, size_t> map_run_slots_;
  std::unordered_map<std::string, size_t> child_slots_;
};

/// One `map_runs` row.
struct MapRunRow {
  int64_t id = 0;
  std::string arn = {};
  std::string execution_arn = {};
  std::string state_machine_arn = {};
  int64_t start_millis = 0;
  int64_t stop_millis = 0;  // 0 while running.
  interpreter::MapRunStatus status = interpreter::MapRunStatus::kRunning;
  /// DescribeMapRun's answer (model-shaped, dates in epoch seconds).
  Json describe = Json::object();
};

Result<std::optional<MapRunRow>> FindMapRun(storage::Transaction& txn, std::string_view arn);

/// DescribeMapRun / UpdateMapRun's look-up: InvalidArn for an ARN that names
/// no Map Run, ResourceNotFound for one that does not exist. Also returns
/// the top-level execution running it (for a Map Run nested in a child
/// execution, that child's parent) in `*top_execution_arn` when not null.
Result<MapRunRow> LookUpMapRun(storage::Database& database,
                               std::string_view arn,
                               std::string* top_execution_arn = nullptr);

/// The Map Runs of one execution, newest first, with ids below `before_id`
/// (0 for the first page).
Result<std::vector<MapRunRow>> ListMapRunRows(storage::Transaction& txn,
                                              std::string_view execution_arn,
                                              int64_t before_id,
                                              size_t limit);

}  // namespace stratus::states::api
