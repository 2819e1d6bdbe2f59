#pragma once

// The engine behind Interpreter: one Engine object performs one Start() or
// Advance() call on one ExecutionRun. Private to states/interpreter.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/clock.h"
#include "base/json.h"
#include "base/status.h"
#include "states/asl/errors.h"
#include "states/asl/evaluation_context.h"
#include "states/asl/state_machine.h"
#include "states/interpreter/execution_event.h"
#include "states/interpreter/execution_run_internal.h"
#include "states/interpreter/history_event.h"
#include "states/interpreter/interpreter.h"
#include "states/interpreter/step_result.h"

namespace stratus::states::interpreter {

/// Where a state's failure came from: its own evaluation (paths, templates,
/// the task itself) or one of its child frames (a Parallel branch, a Map
/// iteration). AWS logs Map/ParallelStateFailed differently for the two.
enum class FailureOrigin : uint8_t { kState, kChildren };

/// A failure with AWS's optional error and cause.
struct Failure {
  std::optional<std::string> error = std::nullopt;
  std::optional<std::string> cause = std::nullopt;
  /// The field of a States.QueryEvaluationError ("Output/result").
  std::optional<std::string> location = std::nullopt;

  static Failure FromStatus(const Status& status);

  std::string error_or_empty() const { return error.value_or(""); }
};

/// The inputDetails / outputDetails of history events.
inline Json DataDetails() {
  return Json{{"truncated", false}};
}

/// Runs one step of one execution. Single use; not thread-safe.
class Engine {
 public:
  Engine(const InterpreterOptions& options,
         ExecutionRun& run,
         Clock::TimePoint now,
         StepResult& step);
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Emits ExecutionStarted, arms the execution timeout and runs.
  void Start();

  /// Applies `event` and runs. FailedPrecondition/NotFound on misuse.
  Status Apply(const ExecutionEvent& event);

  /// Fills the status fields of the StepResult.
  void Finish();

 private:
  // History (engine.cc).
  int64_t Emit(Frame& frame, HistoryEventType type, Json details, bool update_source = true);
  int64_t EmitFrom(
      Frame& frame, int64_t previous, HistoryEventType type, Json details, bool update_source);
  bool Recording(const Frame& frame) const;

  // Running frames (engine.cc).
  void Pump(Frame& frame);
  void EnterState(Frame& frame);
  Status ExecuteState(Frame& frame);
  void BeginAction(Frame& frame);
  void ExitState(Frame& frame, Json output, Json assigned, const asl::State* next);
  void EndFrame(Frame& frame, Json output);
  void FailFrame(Frame& frame, Failure failure);
  void HandleFailure(Frame& frame, Failure failure, FailureOrigin origin);
  void CatchFailure(Frame& frame, const asl::Catcher& catcher, const Failure& failure);

  bool Running() const { return run_.status == ExecutionStatus::kRunning; }

  std::string PayloadText(const Json& value);
  /// True when an upper bound of PayloadText(value).size() is within the
  /// payload limit (false says nothing: dump and check).
  bool WithinPayloadLimit(const Json& value) const;
  Status CheckPayloadSize(const Frame& frame, const std::string& text);

  // Evaluation helpers (engine.cc).
  asl::EvaluationContext Context(Frame& frame);
  void SetStateContext(Frame& frame);
  Json AssignedVariablesDetails(const Json& assigned) const;
  /// Applies ResultSelector/ResultPath/OutputPath (JSONPath) or Assign and
  /// Output (JSONata) to an execute-state's result; fills *assigned.
  Result<Json> ProcessResult(Frame& frame, Json result, Json* assigned);

  // Simple states (engine_simple_states.cc).
  Status ExecutePass(Frame& frame);
  Status ExecuteChoice(Frame& frame);
  Status ExecuteWait(Frame& frame);
  Status FinishWait(Frame& frame);
  Status ExecuteSucceed(Frame& frame);
  Status ExecuteFail(Frame& frame);

  // Task states (engine_task.cc).
  Status PrepareTask(Frame& frame);
  Status ScheduleTask(Frame& frame);
  Status OnTaskSucceeded(Frame& frame, const TaskSucceeded& event);
  Status OnTaskFailed(Frame& frame, const TaskFailed& event);
  Status OnTaskSubmitted(Frame& frame, const TaskSubmitted& event);
  Status OnTaskHeartbeat(Frame& frame);
  void OnTaskTimeout(Frame& frame, bool heartbeat);
  void ClearTask(Frame& frame, bool cancel);

  // Parallel states (engine_parallel.cc).
  Status PrepareParallel(Frame& frame);
  Status StartBranches(Frame& frame);
  void PumpParallel(Frame& frame);

  // Map states (engine_map.cc).
  Status PrepareMap(Frame& frame);
  Status StartMap(Frame& frame);
  /// Resolves ToleratedFailureCount/Percentage(Path) into `progress`.
  Status ResolveTolerance(Frame& frame, MapProgress& progress);
  /// Names the Map Run of frame.map and emits MapRunStarted.
  void StartMapRun(Frame& frame);
  /// Starts the iterations of frame.map over `items` (batching them), and
  /// its Map Run when DISTRIBUTED unless it runs already (an ItemReader's).
  Status LaunchMap(Frame& frame, Json items);
  void PumpMap(Frame& frame);
  std::string NewMapRunArn(const asl::MapState& map);
  void LaunchIterations(Frame& frame);
  void LaunchIteration(Frame& frame, int64_t worker);
  Result<Json> IterationInput(Frame& frame, int64_t index);
  bool WithinTolerance(const MapProgress& progress) const;
  /// Every iteration ended: exports the results first (ResultWriter to
  /// S3), else ends the Map (EndMap).
  Status FinishMap(Frame& frame);
  /// Ends a Map whose iterations all ended: MapRunSucceeded,
  /// MapStateSucceeded, its result frame.map->results.
  Status EndMap(Frame& frame);
  /// An iteration failed beyond the tolerance: aborts the others, exports
  /// the results (ResultWriter to S3), then EndFailedMap.
  void FailMap(Frame& frame, Failure failure);
  void EndFailedMap(Frame& frame, Failure failure);
  /// True while the Map has iterations to launch (new or requeued).
  static bool HasIterationsToLaunch(const MapProgress& progress);
  /// True when one more iteration may start now (one is waiting, and fewer
  /// run than the Map's bound).
  static bool CanLaunch(const MapProgress& progress);
  Status OnUpdateMapRun(const UpdateMapRun& update);

  // ItemReader and ResultWriter (engine_map_storage.cc).
  /// Starts the Map Run of a Map with an ItemReader and asks the host to
  /// read its items (TaskKind::kItemReader); the Map waits in kTask.
  Status StartItemReader(Frame& frame);
  /// Evaluates an ItemReader's or ResultWriter's Parameters (JSONPath) or
  /// Arguments (JSONata) against the Map's effective input.
  Result<Json> MapResourceParameters(Frame& frame, const asl::MapResource& resource);
  /// Emits the RunTask of a Map's ItemReader or ResultWriter and makes the
  /// frame wait for it.
  void ScheduleMapStorage(Frame& frame,
                          TaskKind kind,
                          const std::string& resource,
                          Json parameters,
                          MapStorage storage);
  /// True when the Map's ResultWriter exports to S3 (has a Resource).
  static bool ExportsToS3(const Frame& frame);
  /// Plans the export of frame.map's results and asks the host to write it
  /// (TaskKind::kResultWriter); `storage` says what follows.
  Status StartResultWriter(Frame& frame, MapStorage storage);
  /// Keeps the record of an iteration that ended (for a ResultWriter).
  void RecordIteration(Frame& frame, const Frame& child, ExecutionStatus status);
  /// The host answered the Map's ItemReader or ResultWriter.
  Status OnMapStorageSucceeded(Frame& frame, const Json& output);
  void OnMapStorageFailed(Frame& frame, Failure failure);
  /// Fails the Map Run of frame.map (MapRunFailed with the failure), drops
  /// it and fails the state: a redrive or retry enters the Map again.
  void FailMapRun(Frame& frame, Failure failure);

  // Map Runs and child executions (engine_map_run.cc).
  /// The frame whose child execution `frame` runs in (the DISTRIBUTED
  /// iteration it belongs to), or nullptr.
  static const Frame* ChildExecutionOwner(const Frame& frame);
  static Frame* ChildExecutionOwner(Frame& frame);
  static Frame* FindMapRun(Frame& frame, std::string_view map_run_arn);
  /// The step's record of `owner`'s child execution, created on first use.
  ChildExecutionUpdate& ChildRecord(Frame& owner);
  void StartChildExecution(Frame& child);
  void EndChildExecution(Frame& child, ExecutionStatus status);
  void RedriveChildExecution(Frame& child);
  /// Records the Map Run of `frame` (a DISTRIBUTED map) in the step.
  void PublishMapRun(const Frame& frame);
  void PublishMapRun(MapRunUpdate update);
  /// Ends the running Map Run of `frame` and the child executions still
  /// running in it (the execution ended around them).
  void AbortMapRun(Frame& frame);

  // Children and aborts (engine.cc).
  std::unique_ptr<Frame> NewChildFrame(Frame& parent,
                                       FrameKind kind,
                                       const asl::StateGraph& graph,
                                       int64_t index);
  void AbortChildren(Frame& frame, int64_t previous);
  void AbortFrame(Frame& frame, int64_t previous);
  void CancelPending(Frame& frame);

  // Timers (engine.cc).
  int64_t ArmTimer(std::chrono::milliseconds delay);
  void DisarmTimer(int64_t& timer_id);
  Frame* FindTask(Frame& frame, int64_t task_id);
  Frame* FindTimer(Frame& frame, int64_t timer_id);
  Status OnTimer(Frame& frame, int64_t timer_id);

  // Execution end (engine.cc).
  void SucceedExecution(const Json& output);
  void FailExecution(const Failure& failure);
  void TimeOutExecution();
  void AbortExecution(const StopExecution& stop);
  void CheckHistoryLimit();
  Status Redrive();
  /// Makes a frame that failed, was aborted or was cut off by the end of the
  /// execution run again: a Parallel reruns its unsuccessful branches, a Map
  /// its unsuccessful iterations, any other state is entered again.
  void RedriveFrame(Frame& frame);

  const InterpreterOptions& options_;
  ExecutionRun& run_;
  Clock::TimePoint now_;
  StepResult& step_;

  // Indexes into step_.map_runs (by Map Run ARN) and
  // step_.child_executions (by child name); made by the first DISTRIBUTED
  // map a step touches (most steps touch none).
  struct MapRunSlots {
    std::unordered_map<std::string, size_t> map_runs;
    std::unordered_map<std::string, size_t> children;
  };

  MapRunSlots& Slots();
  std::unique_ptr<MapRunSlots> slots_;
};

/// Returns "<Type>StateEntered" / "<Type>StateExited" / "<Type>StateAborted".
HistoryEventType EnteredEventType(asl::StateType type);
HistoryEventType ExitedEventType(asl::StateType type);
std::optional<HistoryEventType> AbortedEventType(asl::StateType type);

}  // namespace stratus::states::interpreter
