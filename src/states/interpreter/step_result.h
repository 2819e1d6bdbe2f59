#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "states/interpreter/effect.h"
#include "states/interpreter/history_event.h"

namespace stratus::states::interpreter {

/// DescribeExecution "status". Do not reorder: values are stored on disk.
enum class ExecutionStatus : uint8_t {
  kRunning,
  kSucceeded,
  kFailed,
  kTimedOut,
  kAborted,
};

/// Returns "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT" or "ABORTED".
std::string_view ExecutionStatusName(ExecutionStatus status);

/// Returns true for every status but kRunning.
inline bool IsTerminal(ExecutionStatus status) {
  return status != ExecutionStatus::kRunning;
}

/// What one Start() or Advance() call did.
struct StepResult {
  /// The history events appended by this step, in id order.
  std::vector<HistoryEvent> events = {};
  /// What the host must do next (see effect.h), in order.
  std::vector<Effect> effects = {};
  /// The execution's status after the step.
  ExecutionStatus status = ExecutionStatus::kRunning;
  /// Set when the step ended the execution: SUCCEEDED's output (JSON text),
  /// or the error and cause of FAILED / TIMED_OUT / ABORTED (either may be
  /// unset, as AWS omits them).
  std::optional<std::string> output = std::nullopt;
  std::optional<std::string> error = std::nullopt;
  std::optional<std::string> cause = std::nullopt;
};

}  // namespace stratus::states::interpreter
