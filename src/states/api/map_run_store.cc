#include "states/api/map_run_store.h"

#include <iterator>
#include <utility>

#include "base/clock.h"
#include "base/format.h"
#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/execution_store.h"
#include "states/api/request_fields.h"
#include "storage/database.h"

namespace stratus::states::api {
namespace {

using interpreter::ChildExecutionUpdate;
using interpreter::MapRunCounts;
using interpreter::MapRunUpdate;
using storage::Row;
using storage::Transaction;
using storage::Value;

Value ToValue(const std::optional<std::string>& text) {
  return text.has_value() ? Value(*text) : Value(std::monostate{});
}

int64_t MillisOr0(const std::optional<Clock::TimePoint>& time) {
  return time.has_value() ? ToUnixMillis(*time) : 0;
}

Json CountsJson(const MapRunCounts& counts) {
  return Json{{"pending", counts.pending},
              {"running", counts.running},
              {"succeeded", counts.succeeded},
              {"failed", counts.failed},
              {"timedOut", counts.timed_out},
              {"aborted", counts.aborted},
              {"total", counts.total},
              {"resultsWritten", counts.results_written},
              {"failuresNotRedrivable", counts.failures_not_redrivable},
              {"pendingRedrive", counts.pending_redrive}};
}

// DescribeMapRun's answer.
Json DescribeJson(const MapRunUpdate& run) {
  Json json = {{"mapRunArn", run.arn},
               {"executionArn", run.execution_arn},
               {"status", std::string(interpreter::MapRunStatusName(run.status))},
               {"startDate", EpochSeconds(ToUnixMillis(run.start_time))},
               {"maxConcurrency", run.max_concurrency},
               // AWS reports 0 for a tolerance never set.
               {"toleratedFailurePercentage", run.tolerated_failure_percentage.value_or(0.0)},
               {"toleratedFailureCount", run.tolerated_failure_count.value_or(0)},
               {"itemCounts", CountsJson(run.item_counts)},
               {"executionCounts", CountsJson(run.execution_counts)},
               {"redriveCount", run.redrive_count}};
  if (run.stop_time.has_value()) {
    json["stopDate"] = EpochSeconds(ToUnixMillis(*run.stop_time));
  }
  if (run.redrive_time.has_value()) {
    json["redriveDate"] = EpochSeconds(ToUnixMillis(*run.redrive_time));
  }
  return json;
}

MapRunRow ReadMapRun(const Row& row) {
  Result<Json> describe = ParseJson(row.GetText(7));
  return MapRunRow{.id = row.GetInt(0),
                   .arn = row.GetText(1),
                   .execution_arn = row.GetText(2),
                   .state_machine_arn = row.GetText(3),
                   .start_millis = row.GetInt(5),
                   .stop_millis = row.GetInt(6),
                   .status = static_cast<interpreter::MapRunStatus>(row.GetInt(4)),
                   .describe = describe.ok() ? std::move(*describe) : Json::object()};
}

constexpr std::string_view kMapRunColumns =
    "id, arn, execution_arn, state_machine_arn, status, start_millis, stop_millis, describe";

Status WriteChild(Transaction& txn, const ChildExecutionUpdate& child, std::string_view revision) {
  int64_t id = 0;
  if (child.started) {
    StoredExecution row;
    row.record = ExecutionRecord{.arn = child.arn,
                                 .machine_arn = child.state_machine_arn,
                                 .revision_id = std::string(revision),
                                 .name = child.name,
                                 .status = child.status,
                                 .input = child.input,
                                 .output = child.output,
                                 .error = child.error,
                                 .cause = child.cause,
                                 .start_millis = ToUnixMillis(child.start_time),
                                 .stop_millis = MillisOr0(child.stop_time),
                                 .redrive_count = child.redrive_count,
                                 .redrive_millis = MillisOr0(child.redrive_time),
                                 .map_run_arn = child.map_run_arn};
    STRATUS_ASSIGN_OR_RETURN(id, InsertExecution(txn, row));
  } else {
    STRATUS_RETURN_IF_ERROR(txn.Query(
        "UPDATE executions SET status = ?2, output = ?3, error = ?4, cause = ?5, "
        "stop_millis = ?6, redrive_count = ?7, redrive_millis = ?8 WHERE arn = ?1 RETURNING id",
        {child.arn, static_cast<int64_t>(child.status), ToValue(child.output), ToValue(child.error),
         ToValue(child.cause), MillisOr0(child.stop_time), child.redrive_count,
         MillisOr0(child.redrive_time)},
        [&id](const Row& r) {
          id = r.GetInt(0);
          return Status::Ok();
        }));
    if (id == 0) {
      return Status::Internal(Format("child execution {} has no row", child.arn));
    }
  }
  const std::vector<HistoryRow> rows = ToHistoryRows(child.events);
  return AppendHistory(txn, id, rows);
}

}  // namespace

void MapRunChanges::Merge(std::vector<MapRunUpdate> map_runs,
                          std::vector<ChildExecutionUpdate> children) {
  for (MapRunUpdate& run : map_runs) {
    auto [slot, inserted] = map_run_slots_.try_emplace(run.arn, map_runs_.size());
    if (inserted) {
      map_runs_.push_back(std::move(run));
    } else {
      map_runs_[slot->second] = std::move(run);
    }
  }
  for (ChildExecutionUpdate& child : children) {
    auto [slot, inserted] = child_slots_.try_emplace(child.arn, children_.size());
    if (inserted) {
      children_.push_back(std::move(child));
      continue;
    }
    // The later record holds the child's state; the earlier one's events
    // come first, and its start (with the input) stands.
    ChildExecutionUpdate& merged = children_[slot->second];
    child.events.insert(child.events.begin(), std::make_move_iterator(merged.events.begin()),
                        std::make_move_iterator(merged.events.end()));
    if (merged.started) {
      child.started = true;
      child.input = std::move(merged.input);
    }
    merged = std::move(child);
  }
}

Status MapRunChanges::Write(Transaction& txn, std::string_view revision_id) const {
  for (const MapRunUpdate& run : map_runs_) {
    STRATUS_RETURN_IF_ERROR(
        txn.Exec("INSERT INTO map_runs (arn, execution_arn, state_machine_arn, status, "
                 "start_millis, stop_millis, describe) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                 "ON CONFLICT (arn) DO UPDATE SET status = excluded.status, "
                 "stop_millis = excluded.stop_millis, describe = excluded.describe",
                 {run.arn, run.execution_arn, run.state_machine_arn,
                  static_cast<int64_t>(run.status), ToUnixMillis(run.start_time),
                  MillisOr0(run.stop_time), DumpJson(DescribeJson(run))})
            .status());
  }
  for (const ChildExecutionUpdate& child : children_) {
    STRATUS_RETURN_IF_ERROR(WriteChild(txn, child, revision_id));
  }
  return Status::Ok();
}

Result<std::optional<MapRunRow>> FindMapRun(Transaction& txn, std::string_view arn) {
  std::optional<MapRunRow> found;
  STRATUS_RETURN_IF_ERROR(
      txn.Query(Format("SELECT {} FROM map_runs WHERE arn = ?1", kMapRunColumns),
                {std::string(arn)}, [&found](const Row& row) {
                  found = ReadMapRun(row);
                  return Status::Ok();
                }));
  return found;
}

Result<MapRunRow> LookUpMapRun(storage::Database& database,
                               std::string_view arn,
                               std::string* top_execution_arn) {
  STRATUS_ASSIGN_OR_RETURN(StatesArn parsed, ParseStatesArn(arn));
  if (parsed.kind != ArnKind::kMapRun) {
    return StatesApiError::InvalidArn(
        Format("Invalid Arn: 'Resource type not valid in this "
               "context: {}'",
               arn));
  }
  std::optional<MapRunRow> found;
  STRATUS_RETURN_IF_ERROR(database.Read([&](Transaction& txn) -> Status {
    STRATUS_ASSIGN_OR_RETURN(found, FindMapRun(txn, arn));
    if (!found.has_value() || top_execution_arn == nullptr) {
      return Status::Ok();
    }
    // A Map Run nested in a child execution runs in that child's parent.
    std::string execution = found->execution_arn;
    for (int depth = 0; depth < 64; ++depth) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<ExecutionRecord> record,
                               FindExecution(txn, execution));
      if (!record.has_value() || record->map_run_arn.empty()) {
        break;
      }
      STRATUS_ASSIGN_OR_RETURN(std::optional<MapRunRow> outer,
                               FindMapRun(txn, record->map_run_arn));
      if (!outer.has_value()) {
        break;
      }
      execution = outer->execution_arn;
    }
    *top_execution_arn = std::move(execution);
    return Status::Ok();
  }));
  if (!found.has_value()) {
    return StatesApiError::ResourceNotFound(Format("Map Run Does Not Exist: '{}'", arn));
  }
  return std::move(*found);
}

Result<std::vector<MapRunRow>> ListMapRunRows(Transaction& txn,
                                              std::string_view execution_arn,
                                              int64_t before_id,
                                              size_t limit) {
  std::vector<MapRunRow> rows;
  STRATUS_RETURN_IF_ERROR(txn.Query(
      Format("SELECT {} FROM map_runs WHERE execution_arn = ?1 AND id < ?2 ORDER BY id DESC "
             "LIMIT ?3",
             kMapRunColumns),
      {std::string(execution_arn), before_id > 0 ? before_id : INT64_MAX,
       static_cast<int64_t>(limit)},
      [&rows](const Row& row) {
        rows.push_back(ReadMapRun(row));
        return Status::Ok();
      }));
  return rows;
}

}  // namespace stratus::states::api
