#pragma once

// Map Runs: what the interpreter reports about the DISTRIBUTED Map states of
// an execution, so that a host can answer DescribeMapRun, ListMapRuns and
// ListExecutions(mapRunArn), and show each iteration as a child execution
// (DescribeExecution, GetExecutionHistory). The iterations still run inside
// the parent's ExecutionState: the parent's serialized state is the truth,
// these records are its published view.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "states/interpreter/execution_status.h"
#include "states/interpreter/history_event.h"

namespace stratus::states::interpreter {

/// DescribeMapRun "status". Do not reorder: values are stored on disk.
enum class MapRunStatus : uint8_t { kRunning, kSucceeded, kFailed, kAborted };

/// Returns "RUNNING", "SUCCEEDED", "FAILED" or "ABORTED".
std::string_view MapRunStatusName(MapRunStatus status);

/// DescribeMapRun's itemCounts / executionCounts.
struct MapRunCounts {
  int64_t pending = 0;
  int64_t running = 0;
  int64_t succeeded = 0;
  int64_t failed = 0;
  int64_t timed_out = 0;
  int64_t aborted = 0;
  int64_t total = 0;
  int64_t results_written = 0;
  int64_t failures_not_redrivable = 0;
  int64_t pending_redrive = 0;
};

/// The whole state of one Map Run after a step changed it.
struct MapRunUpdate {
  /// "arn:aws:states:R:A:mapRun:machine/label:uuid".
  std::string arn = {};
  /// The execution that started the Map Run (a child execution for a
  /// DISTRIBUTED map nested in another one).
  std::string execution_arn = {};
  /// The state machine of the child executions ("...:stateMachine:machine/label").
  std::string state_machine_arn = {};
  MapRunStatus status = MapRunStatus::kRunning;
  Clock::TimePoint start_time = {};
  std::optional<Clock::TimePoint> stop_time = std::nullopt;
  /// 0 = unbounded.
  int64_t max_concurrency = 0;
  std::optional<int64_t> tolerated_failure_count = std::nullopt;
  std::optional<double> tolerated_failure_percentage = std::nullopt;
  MapRunCounts item_counts = {};
  MapRunCounts execution_counts = {};
  int64_t redrive_count = 0;
  std::optional<Clock::TimePoint> redrive_time = std::nullopt;
};

/// One child execution of a Map Run, as a step changed it.
struct ChildExecutionUpdate {
  /// "arn:aws:states:R:A:execution:machine/label:name".
  std::string arn = {};
  std::string name = {};
  std::string map_run_arn = {};
  /// The child executions' state machine (MapRunUpdate::state_machine_arn).
  std::string state_machine_arn = {};
  /// The items the child execution processes (1, or the batch size).
  int64_t item_count = 1;
  /// True when this step started it (the record is then complete; later
  /// records leave out the input).
  bool started = false;
  /// RUNNING, or how it ended.
  ExecutionStatus status = ExecutionStatus::kRunning;
  Clock::TimePoint start_time = {};
  std::optional<Clock::TimePoint> stop_time = std::nullopt;
  /// The execution's input (JSON text).
  std::string input = {};
  std::optional<std::string> output = std::nullopt;
  std::optional<std::string> error = std::nullopt;
  std::optional<std::string> cause = std::nullopt;
  int64_t redrive_count = 0;
  std::optional<Clock::TimePoint> redrive_time = std::nullopt;
  /// The events this step appended to the child's own history.
  std::vector<HistoryEvent> events = {};
};

/// "arn:...:mapRun:machine/label:uuid" -> "arn:...:stateMachine:machine/label".
std::string MapRunStateMachineArn(std::string_view map_run_arn);

/// "arn:...:mapRun:machine/label:uuid" + name -> "arn:...:execution:machine/label:name".
std::string MapRunChildExecutionArn(std::string_view map_run_arn, std::string_view name);

}  // namespace stratus::states::interpreter
