#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "states/api/execution_record.h"
#include "states/interpreter/history_event.h"

namespace stratus::storage {
class Transaction;
}  // namespace stratus::storage

namespace stratus::states::api {

// The SQL of the executions and history tables (docs/formats/states.md).
// Each function runs inside the caller's transaction: a step's history, the
// execution row and its timers commit together.

/// An execution row with the host's continuation.
struct StoredExecution {
  ExecutionRecord record = {};
  /// interpreter::ExecutionState::Serialize() text; empty (NULL in the
  /// row) once the execution SUCCEEDED.
  std::string state = {};
  HostState host = {};
  int64_t next_event_id = 1;
};

/// The mutable part of a row, written after every step.
struct ExecutionUpdate {
  int64_t id = 0;
  ExecutionStatus status = ExecutionStatus::kRunning;
  std::optional<std::string> output = std::nullopt;
  std::optional<std::string> error = std::nullopt;
  std::optional<std::string> cause = std::nullopt;
  int64_t stop_millis = 0;
  int64_t redrive_count = 0;
  int64_t redrive_millis = 0;
  int64_t next_event_id = 1;
  /// As StoredExecution::state.
  std::string state = {};
  HostState host = {};
};

struct ExecutionListQuery {
  /// Exactly one filter: the machine, a version, an alias or a Map Run ARN
  /// column.
  std::string machine_arn = {};
  std::string version_arn = {};
  std::string alias_arn = {};
  std::string map_run_arn = {};
  std::optional<ExecutionStatus> status = std::nullopt;
  /// Only rows with a smaller id (newest first paging); 0 for the first page.
  int64_t before_id = 0;
  size_t limit = 100;
};

/// Returns the execution named `arn`, without its state.
Result<std::optional<ExecutionRecord>> FindExecution(storage::Transaction& txn,
                                                     std::string_view arn);

/// Returns the execution named `arn` with its state, for redrive.
Result<std::optional<StoredExecution>> LoadExecution(storage::Transaction& txn,
                                                     std::string_view arn);

/// Inserts a new execution; returns its id. Sets nothing in `execution`.
Result<int64_t> InsertExecution(storage::Transaction& txn, const StoredExecution& execution);

Status UpdateExecution(storage::Transaction& txn, const ExecutionUpdate& update);

/// One history row: the event id and its GetExecutionHistory JSON text.
struct HistoryRow {
  int64_t event_id = 0;
  std::string body = {};
};

/// Serializes events to rows; done outside the database's writer thread.
std::vector<HistoryRow> ToHistoryRows(std::span<const interpreter::HistoryEvent> events);

Status AppendHistory(storage::Transaction& txn,
                     int64_t execution_id,
                     std::span<const HistoryRow> rows);

/// Executions matching `query`, newest first.
Result<std::vector<ExecutionRecord>> ListExecutions(storage::Transaction& txn,
                                                    const ExecutionListQuery& query);

/// History event bodies (HistoryEventToJson text) of one execution: ids
/// above `after_id` ascending, or below `before_id` descending when
/// `reverse` (0 = from the end).
Result<std::vector<std::string>> ReadHistory(
    storage::Transaction& txn, int64_t execution_id, int64_t cursor, bool reverse, size_t limit);

/// Every RUNNING execution with its state, for recovery at start-up (not
/// the child executions of Map Runs: their parent runs them).
Result<std::vector<StoredExecution>> LoadRunningExecutions(storage::Transaction& txn);

}  // namespace stratus::states::api
