#include "states/interpreter/execution_state.h"

#include <chrono>
#include <stdexcept>
#include <utility>
#include <vector>

#include "base/format.h"
#include "states/asl/state_machine.h"
#include "states/interpreter/execution_run_internal.h"

namespace stratus::states::interpreter {
namespace {

// v2 added the Map's iteration statuses, its unsuccessful and requeued
// iterations and its Map Run, and the child execution of an iteration; v3
// the kind of a task (ItemReader, ResultWriter) and a Map's S3 work
// (storage, max_items, records).
constexpr int kFormatVersion = 3;

int64_t ToNanos(Clock::TimePoint time) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

Clock::TimePoint FromNanos(int64_t nanos) {
  return Clock::TimePoint(
      std::chrono::duration_cast<Clock::TimePoint::duration>(std::chrono::nanoseconds(nanos)));
}

Json OptionalString(const std::optional<std::string>& value) {
  return value.has_value() ? Json(*value) : Json(nullptr);
}

std::optional<std::string> ReadOptionalString(const Json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  return std::nullopt;
}

template <typename T>
Json OptionalNumber(const std::optional<T>& value) {
  return value.has_value() ? Json(*value) : Json(nullptr);
}

Json CursorToJson(const EventCursor& cursor) {
  return Json::array({cursor.source, cursor.last});
}

EventCursor CursorFromJson(const Json& json) {
  return EventCursor{.source = json.at(0).get<int64_t>(), .last = json.at(1).get<int64_t>()};
}

Json ContextToJson(const ExecutionContext& context) {
  Json json = Json::object();
  json["execution_arn"] = context.execution_arn;
  json["execution_name"] = context.execution_name;
  json["state_machine_arn"] = context.state_machine_arn;
  json["state_machine_name"] = context.state_machine_name;
  json["version_arn"] = OptionalString(context.state_machine_version_arn);
  json["alias_arn"] = OptionalString(context.state_machine_alias_arn);
  json["role_arn"] = context.role_arn;
  json["region"] = context.region;
  json["start_time"] = ToNanos(context.start_time);
  json["type"] = static_cast<int>(context.type);
  json["record_history"] = context.record_history;
  return json;
}

ExecutionContext ContextFromJson(const Json& json) {
  ExecutionContext context;
  context.execution_arn = json.at("execution_arn").get<std::string>();
  context.execution_name = json.at("execution_name").get<std::string>();
  context.state_machine_arn = json.at("state_machine_arn").get<std::string>();
  context.state_machine_name = json.at("state_machine_name").get<std::string>();
  context.state_machine_version_arn = ReadOptionalString(json.at("version_arn"));
  context.state_machine_alias_arn = ReadOptionalString(json.at("alias_arn"));
  context.role_arn = json.at("role_arn").get<std::string>();
  context.region = json.at("region").get<std::string>();
  context.start_time = FromNanos(json.at("start_time").get<int64_t>());
  context.type = static_cast<ExecutionType>(json.at("type").get<int>());
  context.record_history = json.at("record_history").get<bool>();
  return context;
}

Json RunTaskToJson(const RunTask& task) {
  Json json = Json::object();
  json["task_id"] = task.task_id;
  json["kind"] = static_cast<int>(task.kind);
  json["state_name"] = task.state_name;
  json["resource"] = task.resource;
  json["pattern"] = static_cast<int>(task.pattern);
  json["parameters"] = task.parameters;
  json["credentials"] = task.credentials.has_value() ? *task.credentials : Json(nullptr);
  json["has_credentials"] = task.credentials.has_value();
  json["timeout_seconds"] = OptionalNumber(task.timeout_seconds);
  json["heartbeat_seconds"] = OptionalNumber(task.heartbeat_seconds);
  json["task_token"] = task.task_token;
  json["attempt"] = task.attempt;
  return json;
}

RunTask RunTaskFromJson(const Json& json, int version) {
  RunTask task;
  task.task_id = json.at("task_id").get<int64_t>();
  if (version >= 3) {
    task.kind = static_cast<TaskKind>(json.at("kind").get<int>());
  }
  task.state_name = json.at("state_name").get<std::string>();
  task.resource = json.at("resource").get<std::string>();
  task.pattern = static_cast<IntegrationPattern>(json.at("pattern").get<int>());
  task.parameters = json.at("parameters");
  if (json.at("has_credentials").get<bool>()) {
    task.credentials = json.at("credentials");
  }
  if (!json.at("timeout_seconds").is_null()) {
    task.timeout_seconds = json.at("timeout_seconds").get<int64_t>();
  }
  if (!json.at("heartbeat_seconds").is_null()) {
    task.heartbeat_seconds = json.at("heartbeat_seconds").get<int64_t>();
  }
  task.task_token = json.at("task_token").get<std::string>();
  task.attempt = json.at("attempt").get<int64_t>();
  return task;
}

Json MapToJson(const MapProgress& map) {
  Json json = Json::object();
  json["items"] = map.items;
  json["results"] = map.results;
  json["num_iterations"] = map.num_iterations;
  json["batch_starts"] = map.batch_starts;
  json["next_index"] = map.next_index;
  json["num_running"] = map.num_running;
  json["num_succeeded"] = map.num_succeeded;
  json["num_failed"] = map.num_failed;
  json["max_concurrency"] = map.max_concurrency;
  json["tolerated_failure_count"] = OptionalNumber(map.tolerated_failure_count);
  json["tolerated_failure_percentage"] = OptionalNumber(map.tolerated_failure_percentage);
  json["distributed"] = map.distributed;
  json["map_run_arn"] = map.map_run_arn;
  Json workers = Json::array();
  for (const MapWorker& worker : map.workers) {
    workers.push_back(Json::array({worker.cursor.source, worker.cursor.last, worker.busy}));
  }
  json["workers"] = std::move(workers);
  json["error"] = OptionalString(map.error);
  json["cause"] = OptionalString(map.cause);
  std::string statuses;
  statuses.reserve(map.statuses.size());
  for (IterationStatus status : map.statuses) {
    statuses.push_back(static_cast<char>('0' + static_cast<int>(status)));
  }
  json["statuses"] = std::move(statuses);
  json["run_status"] = static_cast<int>(map.run_status);
  json["start_time"] = ToNanos(map.start_time);
  json["stop_time"] = map.stop_time.has_value() ? Json(ToNanos(*map.stop_time)) : Json(nullptr);
  json["redrive_count"] = map.redrive_count;
  json["redrive_time"] =
      map.redrive_time.has_value() ? Json(ToNanos(*map.redrive_time)) : Json(nullptr);
  json["execution_arn"] = map.execution_arn;
  json["storage"] = static_cast<int>(map.storage);
  json["max_items"] = OptionalNumber(map.max_items);
  json["records"] = map.records;
  // "unsuccessful" and "requeued" (frames) are written by FrameToJson.
  return json;
}

std::optional<Clock::TimePoint> ReadOptionalTime(const Json& value) {
  if (value.is_number_integer()) {
    return FromNanos(value.get<int64_t>());
  }
  return std::nullopt;
}

std::unique_ptr<MapProgress> MapFromJson(const Json& json, int version) {
  auto map = std::make_unique<MapProgress>();
  map->items = json.at("items");
  map->results = json.at("results");
  map->num_iterations = json.at("num_iterations").get<int64_t>();
  map->batch_starts = json.at("batch_starts").get<std::vector<int64_t>>();
  map->next_index = json.at("next_index").get<int64_t>();
  map->num_running = json.at("num_running").get<int64_t>();
  map->num_succeeded = json.at("num_succeeded").get<int64_t>();
  map->num_failed = json.at("num_failed").get<int64_t>();
  map->max_concurrency = json.at("max_concurrency").get<int64_t>();
  if (!json.at("tolerated_failure_count").is_null()) {
    map->tolerated_failure_count = json.at("tolerated_failure_count").get<int64_t>();
  }
  if (!json.at("tolerated_failure_percentage").is_null()) {
    map->tolerated_failure_percentage = json.at("tolerated_failure_percentage").get<double>();
  }
  map->distributed = json.at("distributed").get<bool>();
  map->map_run_arn = json.at("map_run_arn").get<std::string>();
  for (const Json& worker : json.at("workers")) {
    map->workers.push_back(MapWorker{.cursor = EventCursor{.source = worker.at(0).get<int64_t>(),
                                                           .last = worker.at(1).get<int64_t>()},
                                     .busy = worker.at(2).get<bool>()});
  }
  map->error = ReadOptionalString(json.at("error"));
  map->cause = ReadOptionalString(json.at("cause"));
  if (version < 2) {
    return map;
  }
  for (const char c : json.at("statuses").get<std::string>()) {
    if (c < '0' || c > '4') {
      throw std::invalid_argument("bad iteration status");
    }
    map->statuses.push_back(static_cast<IterationStatus>(c - '0'));
  }
  map->run_status = static_cast<MapRunStatus>(json.at("run_status").get<int>());
  map->start_time = FromNanos(json.at("start_time").get<int64_t>());
  map->stop_time = ReadOptionalTime(json.at("stop_time"));
  map->redrive_count = json.at("redrive_count").get<int64_t>();
  map->redrive_time = ReadOptionalTime(json.at("redrive_time"));
  map->execution_arn = json.at("execution_arn").get<std::string>();
  if (version < 3) {
    return map;
  }
  map->storage = static_cast<MapStorage>(json.at("storage").get<int>());
  if (!json.at("max_items").is_null()) {
    map->max_items = json.at("max_items").get<int64_t>();
  }
  map->records = json.at("records");
  return map;
}

// A v1 Map has no iteration statuses: every started iteration not running
// any more succeeded (v1 kept no failed ones).
void DeriveV1Statuses(MapProgress& map, const std::vector<std::unique_ptr<Frame>>& children) {
  map.statuses.assign(static_cast<size_t>(map.num_iterations), IterationStatus::kPending);
  for (int64_t i = 0; i < map.next_index && i < map.num_iterations; ++i) {
    map.statuses[static_cast<size_t>(i)] = IterationStatus::kSucceeded;
  }
  for (const auto& child : children) {
    if (child->index >= 0 && child->index < map.num_iterations) {
      map.statuses[static_cast<size_t>(child->index)] = IterationStatus::kRunning;
    }
  }
}

Json FramesToJson(const std::vector<std::unique_ptr<Frame>>& frames);

Json FrameToJson(const Frame& frame) {
  Json json = Json::object();
  json["kind"] = static_cast<int>(frame.kind);
  json["index"] = frame.index;
  json["worker"] = frame.worker;
  json["silent"] = frame.silent;
  json["state"] = frame.state != nullptr ? Json(frame.state->name) : Json(nullptr);
  json["phase"] = static_cast<int>(frame.phase);
  json["input"] = frame.input;
  json["effective"] = frame.effective;
  json["entered"] = frame.entered_event_id;
  json["entered_previous"] = frame.entered_previous_id;
  json["entered_time"] = ToNanos(frame.entered_time);
  json["cursor"] = CursorToJson(frame.cursor);
  json["retry_count"] = frame.retry_count;
  json["retrier_attempts"] = frame.retrier_attempts;
  json["task_id"] = frame.task_id;
  json["timer_id"] = frame.timer_id;
  json["timeout_timer_id"] = frame.timeout_timer_id;
  json["heartbeat_timer_id"] = frame.heartbeat_timer_id;
  json["timeout_seconds"] = OptionalNumber(frame.timeout_seconds);
  json["heartbeat_seconds"] = OptionalNumber(frame.heartbeat_seconds);
  json["task_token"] = frame.task_token;
  json["resource"] = frame.resource;
  json["variables"] = frame.variables.values();
  json["children"] = FramesToJson(frame.children);
  if (frame.map != nullptr) {
    Json map = MapToJson(*frame.map);
    map["unsuccessful"] = FramesToJson(frame.map->unsuccessful);
    map["requeued"] = FramesToJson(frame.map->requeued);
    json["map"] = std::move(map);
  } else {
    json["map"] = nullptr;
  }
  json["output"] = frame.output;
  json["error"] = OptionalString(frame.error);
  json["cause"] = OptionalString(frame.cause);
  json["silent_next_event_id"] = frame.silent_next_event_id;
  if (!frame.child_name.empty()) {
    json["child_name"] = frame.child_name;
    json["child_start_time"] = ToNanos(frame.child_start_time);
    json["child_redrive_count"] = frame.child_redrive_count;
    json["child_input"] = frame.child_input;
  }
  return json;
}

Json FramesToJson(const std::vector<std::unique_ptr<Frame>>& frames) {
  Json json = Json::array();
  for (const auto& frame : frames) {
    json.push_back(FrameToJson(*frame));
  }
  return json;
}

}  // namespace

const asl::VariableView* ChildVariableScope(const Frame& parent, FrameKind kind) {
  const bool distributed_iteration =
      kind == FrameKind::kIteration && parent.state != nullptr &&
      parent.state->type == asl::StateType::kMap &&
      parent.state->As<asl::MapState>().mode == asl::ProcessorMode::kDistributed;
  return distributed_iteration ? nullptr : &parent.variables;
}

namespace {

// Returns the graph a child frame of `parent` runs.
const asl::StateGraph* ChildGraph(const Frame& parent, FrameKind kind, int64_t index) {
  if (parent.state == nullptr) {
    return nullptr;
  }
  if (kind == FrameKind::kBranch && parent.state->type == asl::StateType::kParallel) {
    const auto& branches = parent.state->As<asl::ParallelState>().branches;
    if (index < 0 || static_cast<size_t>(index) >= branches.size()) {
      return nullptr;
    }
    return branches[static_cast<size_t>(index)].get();
  }
  if (kind == FrameKind::kIteration && parent.state->type == asl::StateType::kMap) {
    return parent.state->As<asl::MapState>().processor.get();
  }
  return nullptr;
}

Result<std::unique_ptr<Frame>> FrameFromJson(const Json& json,
                                             const asl::StateGraph& graph,
                                             Frame* parent,
                                             int version);

// Reads the child frames `json` (an array) of `frame` into `out`.
Status ChildFramesFromJson(const Json& json,
                           Frame& frame,
                           int version,
                           std::vector<std::unique_ptr<Frame>>& out) {
  for (const Json& child_json : json) {
    const auto kind = static_cast<FrameKind>(child_json.at("kind").get<int>());
    const asl::StateGraph* child_graph =
        ChildGraph(frame, kind, child_json.at("index").get<int64_t>());
    if (child_graph == nullptr) {
      return Status::Corruption("serialized execution has a child frame its state cannot own");
    }
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Frame> child,
                             FrameFromJson(child_json, *child_graph, &frame, version));
    out.push_back(std::move(child));
  }
  return Status::Ok();
}

Result<std::unique_ptr<Frame>> FrameFromJson(const Json& json,
                                             const asl::StateGraph& graph,
                                             Frame* parent,
                                             int version) {
  const auto frame_kind = static_cast<FrameKind>(json.at("kind").get<int>());
  auto frame = std::make_unique<Frame>(parent != nullptr ? ChildVariableScope(*parent, frame_kind)
                                                         : nullptr);
  frame->kind = frame_kind;
  frame->graph = &graph;
  frame->parent = parent;
  frame->index = json.at("index").get<int64_t>();
  frame->worker = json.at("worker").get<int64_t>();
  frame->silent = json.at("silent").get<bool>();
  if (const Json& name = json.at("state"); name.is_string()) {
    frame->state = graph.Find(name.get<std::string>());
    if (frame->state == nullptr) {
      return Status::Corruption(
          Format("serialized execution names state '{}' that the definition lacks",
                 name.get<std::string>()));
    }
  }
  frame->phase = static_cast<FramePhase>(json.at("phase").get<int>());
  frame->input = json.at("input");
  frame->effective = json.at("effective");
  frame->entered_event_id = json.at("entered").get<int64_t>();
  frame->entered_previous_id = json.at("entered_previous").get<int64_t>();
  frame->entered_time = FromNanos(json.at("entered_time").get<int64_t>());
  frame->cursor = CursorFromJson(json.at("cursor"));
  frame->retry_count = json.at("retry_count").get<int64_t>();
  frame->retrier_attempts = json.at("retrier_attempts").get<std::vector<int64_t>>();
  frame->task_id = json.at("task_id").get<int64_t>();
  frame->timer_id = json.at("timer_id").get<int64_t>();
  frame->timeout_timer_id = json.at("timeout_timer_id").get<int64_t>();
  frame->heartbeat_timer_id = json.at("heartbeat_timer_id").get<int64_t>();
  if (!json.at("timeout_seconds").is_null()) {
    frame->timeout_seconds = json.at("timeout_seconds").get<int64_t>();
  }
  if (!json.at("heartbeat_seconds").is_null()) {
    frame->heartbeat_seconds = json.at("heartbeat_seconds").get<int64_t>();
  }
  frame->task_token = json.at("task_token").get<std::string>();
  frame->resource = json.at("resource").get<std::string>();
  if (const Json& variables = json.at("variables"); variables.is_object() && !variables.empty()) {
    frame->variables.Assign(variables);
  }
  STRATUS_RETURN_IF_ERROR(
      ChildFramesFromJson(json.at("children"), *frame, version, frame->children));
  if (const Json& map = json.at("map"); !map.is_null()) {
    frame->map = MapFromJson(map, version);
    if (version < 2) {
      DeriveV1Statuses(*frame->map, frame->children);
    } else {
      STRATUS_RETURN_IF_ERROR(
          ChildFramesFromJson(map.at("unsuccessful"), *frame, version, frame->map->unsuccessful));
      STRATUS_RETURN_IF_ERROR(
          ChildFramesFromJson(map.at("requeued"), *frame, version, frame->map->requeued));
    }
    if (frame->map->statuses.size() != static_cast<size_t>(frame->map->num_iterations)) {
      return Status::Corruption("serialized Map has a status count unlike its iterations");
    }
  }
  frame->output = json.at("output");
  frame->error = ReadOptionalString(json.at("error"));
  frame->cause = ReadOptionalString(json.at("cause"));
  frame->silent_next_event_id = json.at("silent_next_event_id").get<int64_t>();
  if (version >= 2 && json.contains("child_name")) {
    frame->child_name = json.at("child_name").get<std::string>();
    frame->child_start_time = FromNanos(json.at("child_start_time").get<int64_t>());
    frame->child_redrive_count = json.at("child_redrive_count").get<int64_t>();
    frame->child_input = json.at("child_input");
  }
  return frame;
}

Status RunFromJson(const Json& json,
                   std::shared_ptr<const asl::StateMachine> machine,
                   ExecutionRun& run_ref) {
  ExecutionRun* run = &run_ref;
  if (!json.is_object() || !json.contains("v") || !json.at("v").is_number_integer()) {
    return Status::Corruption("serialized execution has no version");
  }
  const int version = json.at("v").get<int>();
  if (version < 1 || version > kFormatVersion) {
    return Status::Corruption(Format("serialized execution has unknown version {}", version));
  }
  run->machine = std::move(machine);
  run->context = ContextFromJson(json.at("context"));
  run->input_text = json.at("input").get<std::string>();
  STRATUS_ASSIGN_OR_RETURN(run->input, ParseJson(run->input_text));
  run->status = static_cast<ExecutionStatus>(json.at("status").get<int>());
  run->output = ReadOptionalString(json.at("output"));
  run->error = ReadOptionalString(json.at("error"));
  run->cause = ReadOptionalString(json.at("cause"));
  if (!json.at("stop_time").is_null()) {
    run->stop_time = FromNanos(json.at("stop_time").get<int64_t>());
  }
  run->redrive_count = json.at("redrive_count").get<int64_t>();
  run->next_event_id = json.at("next_event_id").get<int64_t>();
  run->next_task_id = json.at("next_task_id").get<int64_t>();
  run->next_timer_id = json.at("next_timer_id").get<int64_t>();
  run->execution_timer_id = json.at("execution_timer_id").get<int64_t>();
  for (const Json& timer : json.at("timers")) {
    run->pending_timers[timer.at(0).get<int64_t>()] = FromNanos(timer.at(1).get<int64_t>());
  }
  for (const Json& task : json.at("tasks")) {
    RunTask run_task = RunTaskFromJson(task, version);
    run->pending_tasks[run_task.task_id] = std::move(run_task);
  }
  BuildContextObject(*run);
  STRATUS_ASSIGN_OR_RETURN(run->root,
                           FrameFromJson(json.at("root"), run->machine->graph, nullptr, version));
  return Status::Ok();
}

}  // namespace

ExecutionState::ExecutionState() : run_(std::make_unique<ExecutionRun>()) {}

ExecutionState::ExecutionState(std::unique_ptr<ExecutionRun> run) : run_(std::move(run)) {}

ExecutionState::ExecutionState(ExecutionState&&) noexcept = default;
ExecutionState& ExecutionState::operator=(ExecutionState&&) noexcept = default;
ExecutionState::~ExecutionState() = default;

ExecutionState ExecutionState::Clone() const {
  Result<ExecutionState> copy = FromJson(ToJson(), run_->machine);
  STRATUS_CHECK(copy.ok(), "cloning an execution state failed: {}", copy.status().ToString());
  return std::move(*copy);
}

ExecutionStatus ExecutionState::status() const {
  return run_->status;
}

const std::string* ExecutionState::output() const {
  return run_->output.has_value() ? &*run_->output : nullptr;
}

const std::string* ExecutionState::error() const {
  return run_->error.has_value() ? &*run_->error : nullptr;
}

const std::string* ExecutionState::cause() const {
  return run_->cause.has_value() ? &*run_->cause : nullptr;
}

const std::string& ExecutionState::input() const {
  return run_->input_text;
}

const ExecutionContext& ExecutionState::context() const {
  return run_->context;
}

const std::shared_ptr<const asl::StateMachine>& ExecutionState::machine() const {
  return run_->machine;
}

int64_t ExecutionState::next_event_id() const {
  return run_->next_event_id;
}

std::optional<Clock::TimePoint> ExecutionState::stop_time() const {
  return run_->stop_time;
}

int64_t ExecutionState::redrive_count() const {
  return run_->redrive_count;
}

std::vector<Effect> ExecutionState::PendingEffects() const {
  std::vector<Effect> effects;
  for (const auto& [id, task] : run_->pending_tasks) {
    effects.emplace_back(task);
  }
  for (const auto& [id, due] : run_->pending_timers) {
    effects.emplace_back(StartTimer{.timer_id = id, .due = due});
  }
  return effects;
}

Json ExecutionState::ToJson() const {
  const ExecutionRun& run = *run_;
  Json json = Json::object();
  json["v"] = kFormatVersion;
  json["context"] = ContextToJson(run.context);
  json["input"] = run.input_text;
  json["status"] = static_cast<int>(run.status);
  json["output"] = OptionalString(run.output);
  json["error"] = OptionalString(run.error);
  json["cause"] = OptionalString(run.cause);
  json["stop_time"] = run.stop_time.has_value() ? Json(ToNanos(*run.stop_time)) : Json(nullptr);
  json["redrive_count"] = run.redrive_count;
  json["next_event_id"] = run.next_event_id;
  json["next_task_id"] = run.next_task_id;
  json["next_timer_id"] = run.next_timer_id;
  json["execution_timer_id"] = run.execution_timer_id;
  Json timers = Json::array();
  for (const auto& [id, due] : run.pending_timers) {
    timers.push_back(Json::array({id, ToNanos(due)}));
  }
  json["timers"] = std::move(timers);
  Json tasks = Json::array();
  for (const auto& [id, task] : run.pending_tasks) {
    tasks.push_back(RunTaskToJson(task));
  }
  json["tasks"] = std::move(tasks);
  json["root"] = run.root != nullptr ? FrameToJson(*run.root) : Json(nullptr);
  return json;
}

std::string ExecutionState::Serialize() const {
  return DumpJson(ToJson());
}

Result<ExecutionState> ExecutionState::FromJson(const Json& json,
                                                std::shared_ptr<const asl::StateMachine> machine) {
  if (machine == nullptr) {
    return Status::InvalidArgument("a definition is required to load an execution");
  }
  auto run = std::make_unique<ExecutionRun>();
  try {
    STRATUS_RETURN_IF_ERROR(RunFromJson(json, std::move(machine), *run));
  } catch (const std::exception& e) {
    return Status::Corruption(Format("malformed serialized execution: {}", e.what()));
  }
  return ExecutionState(std::move(run));
}

Result<ExecutionState> ExecutionState::Deserialize(
    std::string_view text, std::shared_ptr<const asl::StateMachine> machine) {
  Result<Json> json = ParseJson(text);
  if (!json.ok()) {
    return Status::Corruption(
        Format("serialized execution is not JSON: {}", json.status().message()));
  }
  return FromJson(*json, std::move(machine));
}

}  // namespace stratus::states::interpreter
