#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "base/json.h"

namespace stratus::states::interpreter {

// The inputs of Interpreter::Advance(): what happened outside the engine.
// Every event names the task or timer it concerns by the id the engine gave
// in the corresponding effect (effect.h). A TimerFired for a timer that is no
// longer pending (cancelled, or delivered twice) is ignored, so timers may be
// delivered at-least-once; a task event for a task no longer in flight (it
// timed out, its branch was aborted, it was answered already) is NotFound.

/// A task's integration call (RunTask) returned a result. For .sync and
/// .waitForTaskToken tasks this is the final result (the job finished,
/// SendTaskSuccess arrived).
struct TaskSucceeded {
  int64_t task_id = 0;
  /// The task's raw result (before ResultSelector).
  Json output = Json();
};

/// A task failed: the integration returned an error, the Lambda function
/// raised, SendTaskFailure arrived. `error` is what Retry/Catch match
/// ("Lambda.ServiceException", "States.TaskFailed", a custom name).
struct TaskFailed {
  int64_t task_id = 0;
  std::string error = {};
  std::string cause = {};
};

/// A .sync or .waitForTaskToken task's initial request was accepted; the
/// engine records TaskSubmitted and keeps waiting for the final outcome.
struct TaskSubmitted {
  int64_t task_id = 0;
  /// The submit call's response.
  Json output = Json();
};

/// SendTaskHeartbeat for a task with HeartbeatSeconds: restarts its
/// heartbeat timer.
struct TaskHeartbeat {
  int64_t task_id = 0;
};

/// A timer from StartTimer expired.
struct TimerFired {
  int64_t timer_id = 0;
};

/// StopExecution: aborts a running execution (ExecutionAborted).
struct StopExecution {
  std::string error = {};
  std::string cause = {};
};

/// RedriveExecution: restarts a FAILED, TIMED_OUT or ABORTED execution from
/// the states that did not succeed (ExecutionRedriven).
struct RedriveExecution {};

/// UpdateMapRun: changes a running Map Run's concurrency or failure
/// tolerance (unset fields keep their value). NotFound when no Map Run of
/// the execution has that ARN or it has ended.
struct UpdateMapRun {
  std::string map_run_arn = {};
  std::optional<int64_t> max_concurrency = std::nullopt;
  std::optional<int64_t> tolerated_failure_count = std::nullopt;
  std::optional<double> tolerated_failure_percentage = std::nullopt;
};

using ExecutionEvent = std::variant<TaskSucceeded,
                                    TaskFailed,
                                    TaskSubmitted,
                                    TaskHeartbeat,
                                    TimerFired,
                                    StopExecution,
                                    RedriveExecution,
                                    UpdateMapRun>;

}  // namespace stratus::states::interpreter
