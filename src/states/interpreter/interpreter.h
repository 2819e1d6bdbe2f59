#pragma once

// The Step Functions interpreter: runs executions of a parsed definition as
// a pure, event-driven state machine.
//
// The model. An execution is a value, ExecutionState, and the Interpreter is
// a function over it: Start() builds the state and runs as far as it can;
// Advance() applies one external event (a task result, a timer, a stop, a
// redrive) and runs as far as it can again. "As far as it can" means until
// every frame of the execution (the top level, each Parallel branch, each
// Map iteration) is blocked on a task or a timer, or the execution ended.
// Each call returns a StepResult: the history events it appended (shaped as
// GetExecutionHistory returns them), the effects the host must carry out
// (RunTask, CancelTask, StartTimer, CancelTimer) and the status.
//
// No I/O, no threads, no clocks. The engine never calls a service and never
// sleeps: a Task becomes a RunTask effect, a Wait a StartTimer. Time comes
// from the host as `now` on every call, so history timestamps are nominal
// (a host may scale real waiting) and tests are deterministic. Randomness
// (States.UUID, MathRandom, Retry jitter, task tokens, map run ids) comes
// from the injected IdGenerator.
//
// Executions are independent: one Interpreter serves any number of them,
// and no thread is tied to an execution. A host persists the ExecutionState
// (Serialize()) and the new history events after every step; STANDARD
// executions thereby survive a restart with their Waits, retries and Map
// iterations. Pass, Choice, Succeed and Fail states never block, so an
// execution of those runs to completion inside Start() with no effects.
//
// Errors. Failures of the execution itself (States.Runtime, a Fail state, an
// uncaught task error, a timeout) are not errors of the call: they end the
// execution with status FAILED / TIMED_OUT and the step reports them. A call
// returns a non-ok Status only when the host misuses it (input that is not
// JSON, Advance() on a finished execution, an unknown task id).
//
// Thread safety: an Interpreter is immutable after construction and may be
// used from many threads at once; each ExecutionState by one thread at a
// time. The IdGenerator and JSONata evaluator must be thread-safe (both are).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "states/interpreter/execution_context.h"
#include "states/interpreter/execution_event.h"
#include "states/interpreter/execution_state.h"
#include "states/interpreter/step_result.h"

namespace stratus {
class IdGenerator;
}  // namespace stratus

namespace stratus::states::asl {
class JsonataEvaluator;
struct StateMachine;
}  // namespace stratus::states::asl

namespace stratus::states::interpreter {

/// AWS: the largest input, output or result a state may pass (256 KiB).
inline constexpr size_t kDefaultMaxPayloadBytes = size_t{256} * 1024;
/// AWS: an execution fails once its history reaches 25,000 events.
inline constexpr int64_t kDefaultMaxHistoryEvents = 25'000;

struct InterpreterOptions {
  /// Evaluates JSONata expressions; null makes every JSONata expression fail
  /// with States.QueryEvaluationError. See MakeJsonataEvaluator().
  const asl::JsonataEvaluator* jsonata = nullptr;
  /// Randomness for States.UUID/MathRandom, $uuid/$random, Retry jitter,
  /// task tokens and map run ids. REQUIRES: non-null, outlives the Interpreter.
  IdGenerator* ids = nullptr;
  /// States.DataLimitExceeded above this many bytes of JSON text.
  size_t max_payload_bytes = kDefaultMaxPayloadBytes;
  /// The execution fails with States.Runtime when its history would exceed this.
  int64_t max_history_events = kDefaultMaxHistoryEvents;
};

/// The result of Interpreter::Start().
struct Started {
  ExecutionState state = {};
  StepResult step = {};
};

/// Runs executions. See the file comment for the model.
class Interpreter {
 public:
  explicit Interpreter(InterpreterOptions options);
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  /// Starts an execution of `machine` with `input` (JSON text, kept verbatim
  /// for ExecutionStarted and DescribeExecution) and runs it as far as it
  /// can. History: ExecutionStarted, then the states' events. With
  /// StateMachine::timeout_seconds the first effect is the execution's
  /// timeout timer. InvalidArgument when `input` is not JSON.
  Result<Started> Start(std::shared_ptr<const asl::StateMachine> machine,
                        std::string_view input,
                        const ExecutionContext& context,
                        Clock::TimePoint now) const;

  /// Applies `event` to a running execution (a RedriveExecution to a FAILED,
  /// TIMED_OUT or ABORTED one) and runs it as far as it can.
  /// - A TimerFired for a timer that is not pending (cancelled, already
  ///   fired) is ignored: an empty step.
  /// - A task event for a task that is not in flight is NotFound (the API
  ///   answers SendTaskSuccess with a stale token with TaskTimedOut); the
  ///   state is unchanged.
  /// - FailedPrecondition when the execution cannot take the event (any
  ///   event but RedriveExecution on an ended execution; a redrive of a
  ///   running or SUCCEEDED one); the state is unchanged.
  Result<StepResult> Advance(ExecutionState& state,
                             const ExecutionEvent& event,
                             Clock::TimePoint now) const;

  const InterpreterOptions& options() const { return options_; }

 private:
  InterpreterOptions options_;
};

}  // namespace stratus::states::interpreter
