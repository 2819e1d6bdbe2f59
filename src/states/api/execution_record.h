#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "base/json.h"
#include "states/interpreter/step_result.h"

namespace stratus::states::api {

using interpreter::ExecutionStatus;

/// Per-execution settings fixed at StartExecution; stored as JSON in the
/// `options` column.
struct ExecutionOptions {
  /// Real waiting = nominal waiting × time_scale (Wait, Retry, timeouts);
  /// unset uses the server's --sfn-time-scale.
  std::optional<double> time_scale = std::nullopt;
  /// The mock test case ("<machine ARN>#<TestCase>"), or empty.
  std::string test_case = {};
  /// The Host header StartExecution came with; tasks call services as if
  /// through it (queue URLs in results).
  std::string host = {};

  Json ToJson() const;
  static ExecutionOptions FromJson(const Json& json);
};

/// What the host keeps per execution besides the interpreter's state; stored
/// as JSON in the `host_state` column and rewritten with every step.
struct HostState {
  /// Nominal time minus real time: grows when a scaled timer fires early, so
  /// that history shows nominal times. Milliseconds.
  int64_t clock_skew_millis = 0;
  /// Task id → the response of its submit call, for `.sync` and
  /// `.waitForTaskToken` tasks whose request was accepted: after a restart
  /// such a task is resumed, never called again.
  std::map<int64_t, Json> submitted = {};

  Json ToJson() const;
  static HostState FromJson(const Json& json);
};

/// One row of the executions table: what DescribeExecution and
/// ListExecutions show.
struct ExecutionRecord {
  int64_t id = 0;
  std::string arn = {};
  std::string machine_arn = {};
  std::string version_arn = {};  // Empty when not started through a version.
  std::string alias_arn = {};    // Empty when not started through an alias.
  std::string revision_id = {};
  std::string name = {};
  ExecutionStatus status = ExecutionStatus::kRunning;
  std::string input = {};
  std::optional<std::string> output = std::nullopt;
  std::optional<std::string> error = std::nullopt;
  std::optional<std::string> cause = std::nullopt;
  int64_t start_millis = 0;
  int64_t stop_millis = 0;  // 0 while running.
  int64_t redrive_count = 0;
  int64_t redrive_millis = 0;  // 0 when never redriven.
  std::string trace_header = {};
  std::string map_run_arn = {};
  ExecutionOptions options = {};
};

}  // namespace stratus::states::api
