#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "states/interpreter/effect.h"
#include "states/interpreter/execution_context.h"
#include "states/interpreter/step_result.h"

namespace stratus::states::asl {
struct StateMachine;
}  // namespace stratus::states::asl

namespace stratus::states::interpreter {

struct ExecutionRun;

/// The complete continuation of one execution: which state every frame (the
/// top level, each running Parallel branch, each running Map iteration) is
/// in, its input, retry counters, variables, the pending tasks and timers,
/// the history cursor (next event id, causal previous-event ids) and, once
/// finished, the status with output or error and cause.
///
/// A host keeps one per running execution, passes it to every
/// Interpreter::Advance() and persists it after each step (Serialize()), so
/// that an execution resumes after a restart exactly where it was: a Wait
/// keeps its due time, a retry its attempt count, a Map its finished
/// iterations. Nothing in it refers to the host's memory except the shared
/// definition.
///
/// Serialization contract (see execution_state_format.md in this folder):
/// Serialize() returns compact JSON text {"v": 1, ...}; Deserialize() accepts
/// every version this code wrote and fails with kCorruption on anything else
/// or when the text names states the definition does not have. States are
/// referred to by name, so the definition given to Deserialize() must be the
/// one the execution started with (a state machine version).
///
/// Thread safety: none; one thread at a time may use an ExecutionState.
class ExecutionState {
 public:
  ExecutionState();
  ExecutionState(ExecutionState&&) noexcept;
  ExecutionState& operator=(ExecutionState&&) noexcept;
  ExecutionState(const ExecutionState&) = delete;
  ExecutionState& operator=(const ExecutionState&) = delete;
  ~ExecutionState();

  /// Returns a deep copy (the definition is shared).
  ExecutionState Clone() const;

  /// The current status; see also output()/error()/cause().
  ExecutionStatus status() const;

  /// SUCCEEDED's output as JSON text; null otherwise.
  const std::string* output() const;
  /// The error and cause of a FAILED / TIMED_OUT / ABORTED execution (null
  /// when AWS would omit them).
  const std::string* error() const;
  const std::string* cause() const;

  /// The execution input as given to Start() (JSON text).
  const std::string& input() const;

  const ExecutionContext& context() const;

  /// The definition the execution runs.
  const std::shared_ptr<const asl::StateMachine>& machine() const;

  /// The id the next history event will get (number of events so far + 1).
  int64_t next_event_id() const;

  /// The time the execution ended (the `now` of the step that ended it).
  std::optional<Clock::TimePoint> stop_time() const;

  /// How many times the execution was redriven.
  int64_t redrive_count() const;

  /// What the execution is waiting for: a RunTask for every task in flight
  /// and a StartTimer for every pending timer. After a restart a host
  /// re-arms the timers (unless its timers are durable) and decides what to
  /// do with tasks that were in flight when it died (resume waiting for a
  /// token, or call again).
  std::vector<Effect> PendingEffects() const;

  /// Returns the state as JSON (see the class comment).
  Json ToJson() const;
  /// Returns ToJson() as compact text.
  std::string Serialize() const;

  /// Rebuilds a state written by ToJson()/Serialize() for `machine`.
  static Result<ExecutionState> FromJson(const Json& json,
                                         std::shared_ptr<const asl::StateMachine> machine);
  static Result<ExecutionState> Deserialize(std::string_view text,
                                            std::shared_ptr<const asl::StateMachine> machine);

  /// The engine's representation; only the interpreter uses it.
  ExecutionRun& run() { return *run_; }

  const ExecutionRun& run() const { return *run_; }

 private:
  explicit ExecutionState(std::unique_ptr<ExecutionRun> run);
  friend class Interpreter;

  std::unique_ptr<ExecutionRun> run_;
};

}  // namespace stratus::states::interpreter
