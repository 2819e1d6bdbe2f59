#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "states/interpreter/effect.h"
#include "states/interpreter/execution_status.h"
#include "states/interpreter/history_event.h"
#include "states/interpreter/map_run.h"

namespace stratus::states::interpreter {

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
  /// The Map Runs this step started or changed, each once, in its latest state.
  std::vector<MapRunUpdate> map_runs = {};
  /// The child executions (DISTRIBUTED map iterations) this step started,
  /// advanced or ended, each once.
  std::vector<ChildExecutionUpdate> child_executions = {};
};

}  // namespace stratus::states::interpreter
