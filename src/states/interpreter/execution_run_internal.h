#pragma once

// The engine's representation of one execution (ExecutionState's body).
// Private to states/interpreter.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/json.h"
#include "states/asl/state_machine.h"
#include "states/asl/variables.h"
#include "states/interpreter/effect.h"
#include "states/interpreter/execution_context.h"
#include "states/interpreter/step_result.h"

namespace stratus::states::interpreter {

/// What a frame runs: the whole machine, a Parallel branch or a Map iteration.
/// Do not reorder: values are stored in serialized states.
enum class FrameKind : uint8_t { kRoot, kBranch, kIteration };

/// Where a frame is. Do not reorder: values are stored in serialized states.
enum class FramePhase : uint8_t {
  kEnter,      // Enter `state` with `input` next.
  kTask,       // A Task state waits for `task_id`.
  kWait,       // A Wait state waits for `timer_id`.
  kRetry,      // Waits for the retry timer `timer_id`, then runs the state's action again.
  kChildren,   // A Parallel or Map state waits for its child frames.
  kSucceeded,  // Ended; `output` holds the result.
  kFailed,     // Ended; `error`/`cause` hold the failure.
  kAborted,    // Cancelled because a sibling failed or the execution stopped.
};

/// The causal cursor of a frame's history events. AWS gives each event a
/// previousEventId: the "source" event of the flow that produced it. Most
/// events become the new source; some (MapIterationSucceeded,
/// MapStateSucceeded, ExecutionStarted...) do not. A child frame starts from
/// its parent's source; when it closes, the parent takes the larger of the
/// two sources (and of the last published ids).
struct EventCursor {
  int64_t source = 0;
  int64_t last = 0;

  void Integrate(const EventCursor& other);
};

/// One worker of a Map: runs iterations one after another, each continuing
/// the previous one's cursor.
struct MapWorker {
  EventCursor cursor = {};
  bool busy = false;
};

struct Frame;

/// Where one Map iteration is. Do not reorder: values are stored in
/// serialized states (one digit per iteration).
enum class IterationStatus : uint8_t { kPending, kRunning, kSucceeded, kFailed, kAborted };

/// The S3 work a DISTRIBUTED Map's frame waits for (FramePhase::kTask, with
/// the frame's task_id). Do not reorder: values are stored in serialized
/// states.
enum class MapStorage : uint8_t {
  kNone,
  kReadingItems,    // The ItemReader's RunTask; the Map Run has no items yet.
  kWritingResults,  // The ResultWriter's RunTask after every iteration ended.
  kWritingFailure,  // The ResultWriter's RunTask of a failing Map (`error`/`cause`).
};

/// The progress of a running Map state. When the Map fails, it stays on its
/// frame (with the frames of the unsuccessful iterations) so that a redrive
/// reruns only those; leaving the state by any other way drops it.
struct MapProgress {
  /// The items after ItemsPath/Items (before ItemSelector and batching).
  Json items = Json::array();
  /// One slot per iteration; filled as iterations succeed.
  Json results = Json::array();
  /// The number of iterations (items, or batches with an ItemBatcher).
  int64_t num_iterations = 0;
  /// With an ItemBatcher: the index of each batch's first item (one
  /// iteration per batch); empty without one.
  std::vector<int64_t> batch_starts = {};
  int64_t next_index = 0;
  int64_t num_running = 0;
  int64_t num_succeeded = 0;
  int64_t num_failed = 0;
  /// 0 = unlimited.
  int64_t max_concurrency = 0;
  std::optional<int64_t> tolerated_failure_count = std::nullopt;
  std::optional<double> tolerated_failure_percentage = std::nullopt;
  bool distributed = false;
  std::string map_run_arn = {};
  std::vector<MapWorker> workers = {};
  /// The first failure that ended the map (set when it fails).
  std::optional<std::string> error = std::nullopt;
  std::optional<std::string> cause = std::nullopt;
  /// One per iteration.
  std::vector<IterationStatus> statuses = {};
  /// Iterations that failed or were aborted, kept as they ended for a redrive.
  std::vector<std::unique_ptr<Frame>> unsuccessful = {};
  /// Unsuccessful iterations a redrive runs again, before any new index.
  std::vector<std::unique_ptr<Frame>> requeued = {};
  // The Map Run of a DISTRIBUTED map (DescribeMapRun).
  MapRunStatus run_status = MapRunStatus::kRunning;
  Clock::TimePoint start_time = {};
  std::optional<Clock::TimePoint> stop_time = std::nullopt;
  int64_t redrive_count = 0;
  std::optional<Clock::TimePoint> redrive_time = std::nullopt;
  /// The ARN of the execution the Map Run belongs to: the parent execution,
  /// or the child execution of an enclosing DISTRIBUTED map.
  std::string execution_arn = {};
  /// The ItemReader or ResultWriter the Map waits for.
  MapStorage storage = MapStorage::kNone;
  /// The ItemReader's MaxItems, resolved before the read; unset: every item.
  std::optional<int64_t> max_items = std::nullopt;
  /// With a ResultWriter: one per iteration, the child execution as the
  /// result files show it (result_export.h), null until it ends.
  Json records = Json::array();
};

/// The execution of one state graph.
struct Frame {
  explicit Frame(const asl::VariableView* parent_scope) : variables(parent_scope) {}

  Frame(const Frame&) = delete;
  Frame& operator=(const Frame&) = delete;

  FrameKind kind = FrameKind::kRoot;
  const asl::StateGraph* graph = nullptr;
  Frame* parent = nullptr;
  /// The branch index (kBranch) or item index (kIteration).
  int64_t index = 0;
  /// The Map worker that runs this iteration.
  int64_t worker = 0;
  /// True when the frame's events are not part of this history (an
  /// iteration of a DISTRIBUTED map runs as a child execution).
  bool silent = false;

  const asl::State* state = nullptr;
  FramePhase phase = FramePhase::kEnter;
  /// The current state's raw input (StateEntered "input").
  Json input = nullptr;
  /// DumpJson(input) when the previous state already produced it; empty
  /// otherwise. A cache only: not serialized.
  std::string input_text = {};
  /// The effective input: after InputPath (JSONPath), the value Parameters,
  /// ItemsPath and friends read; for a Task the evaluated parameters.
  Json effective = nullptr;
  int64_t entered_event_id = 0;
  int64_t entered_previous_id = 0;
  Clock::TimePoint entered_time = {};
  EventCursor cursor = {};

  int64_t retry_count = 0;
  std::vector<int64_t> retrier_attempts = {};

  // The task in flight (kTask) and its timers.
  int64_t task_id = 0;
  int64_t timer_id = 0;
  int64_t timeout_timer_id = 0;
  int64_t heartbeat_timer_id = 0;
  std::optional<int64_t> timeout_seconds = std::nullopt;
  std::optional<int64_t> heartbeat_seconds = std::nullopt;
  std::string task_token = {};
  std::optional<Json> credentials = std::nullopt;
  std::string resource = {};

  /// The variables this frame assigned (on top of the enclosing frame's).
  asl::VariableScope variables;

  /// Parallel branches or running Map iterations.
  std::vector<std::unique_ptr<Frame>> children = {};
  std::unique_ptr<MapProgress> map = {};

  /// The frame's end: output (kSucceeded) or error and cause (kFailed).
  Json output = nullptr;
  std::optional<std::string> error = std::nullopt;
  std::optional<std::string> cause = std::nullopt;

  /// Silent frames number their own events (a child execution's history).
  int64_t silent_next_event_id = 1;

  /// The child execution an iteration of a DISTRIBUTED map runs as: its
  /// name (empty for every other frame), start time and redrive count. Its
  /// events are numbered by silent_next_event_id.
  std::string child_name = {};
  Clock::TimePoint child_start_time = {};
  int64_t child_redrive_count = 0;
  /// The child execution's input ($$.Execution.Input inside it).
  Json child_input = nullptr;
};

/// The whole execution.
struct ExecutionRun {
  std::shared_ptr<const asl::StateMachine> machine = nullptr;
  ExecutionContext context = {};
  std::string input_text = {};
  Json input = nullptr;
  /// The context object `$$`; the interpreter rewrites "State", "Task" and
  /// "Map" for every evaluation. Rebuilt from the fields above on load.
  Json context_object = nullptr;
  /// What context_object["State"] currently holds (a cache key: the
  /// state, its entered time and retry count determine the whole value).
  const asl::State* context_state = nullptr;
  Clock::TimePoint context_entered_time = {};
  int64_t context_retry_count = -1;
  /// FormatContextTime(context_time_key), memoized: every state a step
  /// enters has the step's time.
  Clock::TimePoint context_time_key = {};
  std::string context_time_text = {};
  /// Whose "Execution" and "StateMachine" context_object holds: "" for this
  /// execution, else the child execution's name (a DISTRIBUTED iteration).
  std::string context_child = {};

  ExecutionStatus status = ExecutionStatus::kRunning;
  std::optional<std::string> output = std::nullopt;
  std::optional<std::string> error = std::nullopt;
  std::optional<std::string> cause = std::nullopt;
  std::optional<Clock::TimePoint> stop_time = std::nullopt;
  int64_t redrive_count = 0;

  int64_t next_event_id = 1;
  int64_t next_task_id = 1;
  int64_t next_timer_id = 1;
  /// The TimeoutSeconds timer of the execution; 0 when none.
  int64_t execution_timer_id = 0;
  /// Every timer armed and not yet fired or cancelled, with its due time.
  std::map<int64_t, Clock::TimePoint> pending_timers = {};
  /// Every task in flight, as it was handed to the host.
  std::map<int64_t, RunTask> pending_tasks = {};

  std::unique_ptr<Frame> root = nullptr;
};

/// Returns the scope a new child frame of `parent` reads variables through:
/// the parent's, except for the iterations of a DISTRIBUTED map. AWS: the
/// child workflows of a Distributed Map cannot reference the variables of
/// outer scopes (pass them in with ItemSelector).
const asl::VariableView* ChildVariableScope(const Frame& parent, FrameKind kind);

/// Builds run.context_object from run.context and run.input.
void BuildContextObject(ExecutionRun& run);

/// Sets the "Execution" and "StateMachine" of run.context_object to those of
/// the child execution `owner` runs (a DISTRIBUTED iteration), or to the
/// execution's own when `owner` is null. Sets run.context_child.
void SetExecutionContext(ExecutionRun& run, const Frame* owner);

/// Formats a time as AWS writes it in the context object:
/// "2026-01-01T00:00:00.123Z".
std::string FormatContextTime(Clock::TimePoint time);

}  // namespace stratus::states::interpreter
