#include <algorithm>
#include <utility>

#include "base/format.h"
#include "states/asl/io_processing.h"
#include "states/asl/retry_policy.h"
#include "states/interpreter/engine_internal.h"

namespace stratus::states::interpreter {
namespace {

template <typename... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

bool IsExecuteState(asl::StateType type) {
  return type == asl::StateType::kTask || type == asl::StateType::kParallel ||
         type == asl::StateType::kMap;
}

// Returns an upper bound of the dumped size of a JSON string (quotes,
// escapes, and U+FFFD for each byte of invalid UTF-8 included).
size_t DumpedStringBound(const std::string& text) {
  size_t size = 2;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20) {
      size += 6;
    } else if (byte == '"' || byte == '\\') {
      size += 2;
    } else {
      size += byte >= 0x80 ? 3 : 1;
    }
  }
  return size;
}

// Adds an upper bound of DumpJson(value).size() to `size`, giving up (any
// value above `limit`) once it passes `limit`.
void AddDumpedSizeBound(const Json& value, size_t limit, size_t& size) {
  constexpr size_t kNumberBound = 32;  // "-1.2345678901234567e-308" and integers fit.
  switch (value.type()) {
    case Json::value_t::object:
      size += 2;
      for (const auto& [key, member] : value.get_ref<const Json::object_t&>()) {
        size += DumpedStringBound(key) + 2;  // The colon, a comma.
        AddDumpedSizeBound(member, limit, size);
        if (size > limit) {
          return;
        }
      }
      return;
    case Json::value_t::array:
      size += 2;
      for (const Json& element : value.get_ref<const Json::array_t&>()) {
        size += 1;
        AddDumpedSizeBound(element, limit, size);
        if (size > limit) {
          return;
        }
      }
      return;
    case Json::value_t::string:
      size += DumpedStringBound(value.get_ref<const std::string&>());
      return;
    case Json::value_t::boolean:
    case Json::value_t::null:
      size += 5;
      return;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      size += kNumberBound;
      return;
    case Json::value_t::binary:
    case Json::value_t::discarded:
      size = limit + 1;  // Not worth bounding: dump it.
      return;
  }
}

}  // namespace

void EventCursor::Integrate(const EventCursor& other) {
  source = std::max(source, other.source);
  last = std::max(last, other.last);
}

Failure Failure::FromStatus(const Status& status) {
  asl::StatesFailure failure = asl::ToStatesFailure(status);
  Failure out;
  if (!failure.error.empty()) {
    out.error = std::move(failure.error);
  }
  if (!failure.cause.empty()) {
    out.cause = std::move(failure.cause);
  }
  if (!failure.location.empty()) {
    out.location = std::move(failure.location);
  }
  return out;
}

HistoryEventType EnteredEventType(asl::StateType type) {
  switch (type) {
    case asl::StateType::kTask:
      return HistoryEventType::kTaskStateEntered;
    case asl::StateType::kPass:
      return HistoryEventType::kPassStateEntered;
    case asl::StateType::kChoice:
      return HistoryEventType::kChoiceStateEntered;
    case asl::StateType::kWait:
      return HistoryEventType::kWaitStateEntered;
    case asl::StateType::kSucceed:
      return HistoryEventType::kSucceedStateEntered;
    case asl::StateType::kFail:
      return HistoryEventType::kFailStateEntered;
    case asl::StateType::kParallel:
      return HistoryEventType::kParallelStateEntered;
    case asl::StateType::kMap:
      return HistoryEventType::kMapStateEntered;
  }
  return HistoryEventType::kPassStateEntered;
}

HistoryEventType ExitedEventType(asl::StateType type) {
  switch (type) {
    case asl::StateType::kTask:
      return HistoryEventType::kTaskStateExited;
    case asl::StateType::kPass:
      return HistoryEventType::kPassStateExited;
    case asl::StateType::kChoice:
      return HistoryEventType::kChoiceStateExited;
    case asl::StateType::kWait:
      return HistoryEventType::kWaitStateExited;
    case asl::StateType::kSucceed:
    case asl::StateType::kFail:
      return HistoryEventType::kSucceedStateExited;
    case asl::StateType::kParallel:
      return HistoryEventType::kParallelStateExited;
    case asl::StateType::kMap:
      return HistoryEventType::kMapStateExited;
  }
  return HistoryEventType::kPassStateExited;
}

std::optional<HistoryEventType> AbortedEventType(asl::StateType type) {
  switch (type) {
    case asl::StateType::kTask:
      return HistoryEventType::kTaskStateAborted;
    case asl::StateType::kWait:
      return HistoryEventType::kWaitStateAborted;
    case asl::StateType::kParallel:
      return HistoryEventType::kParallelStateAborted;
    case asl::StateType::kMap:
      return HistoryEventType::kMapStateAborted;
    default:
      return std::nullopt;
  }
}

Engine::Engine(const InterpreterOptions& options,
               ExecutionRun& run,
               Clock::TimePoint now,
               StepResult& step)
    : options_(options), run_(run), now_(now), step_(step) {}

// --- History ---------------------------------------------------------------

bool Engine::Recording(const Frame& frame) const {
  // A silent frame records into its child execution's history.
  return run_.context.record_history && (!frame.silent || ChildExecutionOwner(frame) != nullptr);
}

int64_t Engine::Emit(Frame& frame, HistoryEventType type, Json details, bool update_source) {
  return EmitFrom(frame, frame.cursor.source, type, std::move(details), update_source);
}

int64_t Engine::EmitFrom(
    Frame& frame, int64_t previous, HistoryEventType type, Json details, bool update_source) {
  int64_t id = 0;
  if (frame.silent) {
    Frame* owner = ChildExecutionOwner(frame);
    if (owner == nullptr) {
      id = frame.silent_next_event_id++;
    } else {
      id = owner->silent_next_event_id++;
      if (run_.context.record_history) {
        ChildRecord(*owner).events.push_back(HistoryEvent{.id = id,
                                                          .previous_event_id = previous,
                                                          .type = type,
                                                          .timestamp = now_,
                                                          .details = std::move(details)});
      }
    }
  } else {
    id = run_.next_event_id++;
    if (run_.context.record_history) {
      step_.events.push_back(HistoryEvent{.id = id,
                                          .previous_event_id = previous,
                                          .type = type,
                                          .timestamp = now_,
                                          .details = std::move(details)});
    }
  }
  frame.cursor.last = id;
  if (update_source) {
    frame.cursor.source = id;
  }
  return id;
}

// --- Evaluation helpers ------------------------------------------------------

void Engine::SetStateContext(Frame& frame) {
  // Inside a DISTRIBUTED iteration, $$.Execution is the child execution's.
  if (frame.silent || !run_.context_child.empty()) {
    const Frame* owner = frame.silent ? ChildExecutionOwner(frame) : nullptr;
    if (owner == nullptr ? !run_.context_child.empty() : owner->child_name != run_.context_child) {
      SetExecutionContext(run_, owner);
    }
  }
  Json& context = run_.context_object;
  if (run_.context_state != frame.state || run_.context_entered_time != frame.entered_time ||
      run_.context_retry_count != frame.retry_count) {
    Json& state = context["State"];
    if (!state.is_object()) {
      state = Json::object();
    }
    if (run_.context_time_text.empty() || run_.context_time_key != frame.entered_time) {
      run_.context_time_key = frame.entered_time;
      run_.context_time_text = FormatContextTime(frame.entered_time);
    }
    // The states one step enters share a time: keep the string in place.
    Json& entered = state["EnteredTime"];
    if (!entered.is_string() || entered.get_ref<const std::string&>() != run_.context_time_text) {
      entered = run_.context_time_text;
    }
    state["Name"] = frame.state->name;
    if (IsExecuteState(frame.state->type)) {
      state["RetryCount"] = frame.retry_count;
    } else if (state.contains("RetryCount")) {
      state.erase("RetryCount");
    }
    run_.context_state = frame.state;
    run_.context_entered_time = frame.entered_time;
    run_.context_retry_count = frame.retry_count;
  }
  if (!frame.task_token.empty()) {
    context["Task"] = Json{{"Token", frame.task_token}};
  } else if (context.contains("Task")) {
    context.erase("Task");
  }
  if (context.contains("Map")) {
    context.erase("Map");
  }
}

asl::EvaluationContext Engine::Context(Frame& frame) {
  SetStateContext(frame);
  return asl::EvaluationContext{.state_name = frame.state->name,
                                .entered_event_id = frame.entered_event_id,
                                .context_object = &run_.context_object,
                                .variables = &frame.variables,
                                .ids = options_.ids,
                                .jsonata = options_.jsonata};
}

std::string Engine::PayloadText(const Json& value) {
  return DumpJson(value);
}

bool Engine::WithinPayloadLimit(const Json& value) const {
  size_t size = 0;
  AddDumpedSizeBound(value, options_.max_payload_bytes, size);
  return size <= options_.max_payload_bytes;
}

Status Engine::CheckPayloadSize(const Frame& frame, const std::string& text) {
  if (text.size() <= options_.max_payload_bytes) {
    return Status::Ok();
  }
  return asl::StatesError(
      asl::kErrorDataLimitExceeded,
      Format("The state/task '{}' returned a result with a size exceeding the maximum number "
             "of bytes service limit.",
             frame.state->name));
}

Json Engine::AssignedVariablesDetails(const Json& assigned) const {
  Json details = Json::object();
  for (const auto& [name, value] : assigned.items()) {
    details[name] = DumpJson(value);
  }
  return details;
}

Result<Json> Engine::ProcessResult(Frame& frame, Json result, Json* assigned) {
  const asl::State& state = *frame.state;
  asl::EvaluationContext context = Context(frame);
  if (state.query_language == asl::QueryLanguage::kJsonata) {
    asl::StateValues values{.input = &frame.input, .result = &result, .error_output = nullptr};
    STRATUS_ASSIGN_OR_RETURN(*assigned, asl::ProcessAssign(state.assign, values, context));
    return asl::EvaluateOutput(state.output, values, context);
  }
  STRATUS_ASSIGN_OR_RETURN(Json selected,
                           asl::ApplyResultSelector(state, std::move(result), context));
  asl::StateValues values{.input = &frame.input, .result = &selected, .error_output = nullptr};
  STRATUS_ASSIGN_OR_RETURN(*assigned, asl::ProcessAssign(state.assign, values, context));
  STRATUS_ASSIGN_OR_RETURN(Json placed,
                           asl::ApplyResultPath(state, frame.input, std::move(selected), context));
  return asl::ApplyOutputPath(state, std::move(placed), context);
}

// --- Running frames ----------------------------------------------------------

void Engine::Pump(Frame& frame) {
  while (Running()) {
    CheckHistoryLimit();
    if (!Running()) {
      return;
    }
    if (frame.phase == FramePhase::kEnter) {
      if (frame.state == nullptr) {
        // The validator rejects a StartAt that names no state; never trust
        // that with the process: fail the frame instead of dereferencing.
        FailFrame(frame, Failure{.error = std::string(asl::kErrorRuntime),
                                 .cause = std::string("The state machine has no state to start "
                                                      "at: its StartAt names no state in States"),
                                 .location = std::nullopt});
        return;
      }
      EnterState(frame);
    } else if (frame.phase == FramePhase::kChildren) {
      if (frame.state->type == asl::StateType::kMap) {
        PumpMap(frame);
      } else {
        PumpParallel(frame);
      }
      if (frame.phase == FramePhase::kChildren) {
        return;
      }
    } else {
      return;
    }
  }
}

void Engine::EnterState(Frame& frame) {
  const asl::State& state = *frame.state;
  frame.entered_previous_id = frame.cursor.source;
  frame.entered_time = now_;
  frame.retry_count = 0;
  frame.retrier_attempts.assign(state.retry.size(), 0);
  frame.effective = nullptr;
  Json details;
  if (Recording(frame)) {
    details = Json::object();
    details["name"] = state.name;
    details["input"] =
        frame.input_text.empty() ? PayloadText(frame.input) : std::move(frame.input_text);
    details["inputDetails"] = DataDetails();
  }
  frame.input_text.clear();
  frame.entered_event_id = Emit(frame, EnteredEventType(state.type), std::move(details));
  Status status = ExecuteState(frame);
  if (!status.ok()) {
    HandleFailure(frame, Failure::FromStatus(status), FailureOrigin::kState);
  }
}

Status Engine::ExecuteState(Frame& frame) {
  switch (frame.state->type) {
    case asl::StateType::kPass:
      return ExecutePass(frame);
    case asl::StateType::kChoice:
      return ExecuteChoice(frame);
    case asl::StateType::kWait:
      return ExecuteWait(frame);
    case asl::StateType::kSucceed:
      return ExecuteSucceed(frame);
    case asl::StateType::kFail:
      return ExecuteFail(frame);
    case asl::StateType::kTask:
      STRATUS_RETURN_IF_ERROR(PrepareTask(frame));
      break;
    case asl::StateType::kParallel:
      STRATUS_RETURN_IF_ERROR(PrepareParallel(frame));
      break;
    case asl::StateType::kMap:
      STRATUS_RETURN_IF_ERROR(PrepareMap(frame));
      break;
  }
  BeginAction(frame);
  return Status::Ok();
}

void Engine::BeginAction(Frame& frame) {
  Status status;
  switch (frame.state->type) {
    case asl::StateType::kTask:
      status = ScheduleTask(frame);
      break;
    case asl::StateType::kParallel:
      status = StartBranches(frame);
      break;
    case asl::StateType::kMap:
      status = StartMap(frame);
      break;
    default:
      status = Status::Internal("BeginAction on a state without an action");
      break;
  }
  if (!status.ok()) {
    HandleFailure(frame, Failure::FromStatus(status), FailureOrigin::kState);
  }
}

void Engine::ExitState(Frame& frame, Json output, Json assigned, const asl::State* next) {
  const asl::State& state = *frame.state;
  const bool recording = Recording(frame);
  std::string text;
  // Without history the text is only needed for the size check, and most
  // outputs are far below the limit: bound the size before dumping.
  if (recording || !WithinPayloadLimit(output)) {
    text = PayloadText(output);
    if (Status size = CheckPayloadSize(frame, text); !size.ok()) {
      HandleFailure(frame, Failure::FromStatus(size), FailureOrigin::kState);
      return;
    }
  }
  const bool has_assignments = assigned.is_object() && !assigned.empty();
  if (recording) {
    Json details = Json::object();
    details["name"] = state.name;
    if (next != nullptr) {
      frame.input_text = text;
    }
    details["output"] = std::move(text);
    details["outputDetails"] = DataDetails();
    if (has_assignments) {
      details["assignedVariables"] = AssignedVariablesDetails(assigned);
      details["assignedVariablesDetails"] = DataDetails();
    }
    Emit(frame, ExitedEventType(state.type), std::move(details));
  } else {
    Emit(frame, ExitedEventType(state.type), nullptr);
  }
  if (has_assignments) {
    frame.variables.Assign(std::move(assigned));
  }
  frame.effective = nullptr;
  // What a failed Parallel or Map kept for a redrive is moot once the state
  // is left (a Catch).
  if (!frame.children.empty()) {
    frame.children.clear();
  }
  frame.map.reset();
  if (next == nullptr) {
    EndFrame(frame, std::move(output));
    return;
  }
  frame.state = next;
  frame.input = std::move(output);
  frame.phase = FramePhase::kEnter;
}

void Engine::EndFrame(Frame& frame, Json output) {
  if (frame.kind == FrameKind::kRoot) {
    SucceedExecution(output);
    return;
  }
  frame.phase = FramePhase::kSucceeded;
  frame.output = std::move(output);
}

void Engine::FailFrame(Frame& frame, Failure failure) {
  if (frame.kind == FrameKind::kRoot) {
    frame.phase = FramePhase::kFailed;
    FailExecution(failure);
    return;
  }
  frame.phase = FramePhase::kFailed;
  frame.error = std::move(failure.error);
  frame.cause = std::move(failure.cause);
}

void Engine::HandleFailure(Frame& frame, Failure failure, FailureOrigin origin) {
  const asl::State& state = *frame.state;
  const std::string error = failure.error_or_empty();
  if (origin == FailureOrigin::kState && error == asl::kErrorQueryEvaluationError) {
    Json details = Json::object();
    details["error"] = error;
    if (failure.cause) {
      details["cause"] = *failure.cause;
    }
    if (failure.location) {
      details["location"] = *failure.location;
    }
    details["state"] = state.name;
    EmitFrom(frame, frame.entered_previous_id, HistoryEventType::kEvaluationFailed,
             std::move(details), true);
  }
  if (IsExecuteState(state.type)) {
    int retrier = asl::FindRetrier(state.retry, error);
    if (retrier >= 0) {
      const asl::Retrier& policy = state.retry[static_cast<size_t>(retrier)];
      int64_t& attempts = frame.retrier_attempts[static_cast<size_t>(retrier)];
      if (attempts < policy.max_attempts) {
        std::chrono::milliseconds delay = asl::RetryDelay(policy, attempts, options_.ids);
        ++attempts;
        ++frame.retry_count;
        if (delay.count() <= 0) {
          BeginAction(frame);
        } else {
          frame.phase = FramePhase::kRetry;
          frame.timer_id = ArmTimer(delay);
        }
        return;
      }
    }
    const bool composite = state.type != asl::StateType::kTask;
    if (composite &&
        (origin == FailureOrigin::kChildren || error == asl::kErrorQueryEvaluationError)) {
      Emit(frame,
           state.type == asl::StateType::kMap ? HistoryEventType::kMapStateFailed
                                              : HistoryEventType::kParallelStateFailed,
           nullptr);
    }
    int catcher = asl::FindCatcher(state.catchers, error);
    if (catcher >= 0) {
      CatchFailure(frame, state.catchers[static_cast<size_t>(catcher)], failure);
      return;
    }
  }
  FailFrame(frame, std::move(failure));
}

void Engine::CatchFailure(Frame& frame, const asl::Catcher& catcher, const Failure& failure) {
  const asl::State& state = *frame.state;
  Json error_output = asl::ErrorOutput(failure.error_or_empty(), failure.cause.value_or(""));
  asl::EvaluationContext context = Context(frame);
  Json assigned = Json::object();
  Result<Json> output = Json();
  if (state.query_language == asl::QueryLanguage::kJsonata) {
    asl::StateValues values{
        .input = &frame.input, .result = nullptr, .error_output = &error_output};
    Result<Json> assignments = asl::ProcessAssign(catcher.assign, values, context);
    if (!assignments.ok()) {
      FailFrame(frame, Failure::FromStatus(assignments.status()));
      return;
    }
    assigned = std::move(*assignments);
    if (catcher.output.has_value()) {
      output = asl::EvaluateOutput(catcher.output, values, context);
    } else {
      output = error_output;
    }
  } else {
    asl::StateValues values{
        .input = &frame.input, .result = &error_output, .error_output = &error_output};
    Result<Json> assignments = asl::ProcessAssign(catcher.assign, values, context);
    if (!assignments.ok()) {
      FailFrame(frame, Failure::FromStatus(assignments.status()));
      return;
    }
    assigned = std::move(*assignments);
    output = asl::ApplyResultPath(catcher.result_path, frame.input, error_output, context);
  }
  if (!output.ok()) {
    FailFrame(frame, Failure::FromStatus(output.status()));
    return;
  }
  ExitState(frame, std::move(*output), std::move(assigned), catcher.next_state);
}

// --- Children and aborts -----------------------------------------------------

std::unique_ptr<Frame> Engine::NewChildFrame(Frame& parent,
                                             FrameKind kind,
                                             const asl::StateGraph& graph,
                                             int64_t index) {
  auto child = std::make_unique<Frame>(ChildVariableScope(parent, kind));
  child->kind = kind;
  child->graph = &graph;
  child->parent = &parent;
  child->index = index;
  child->silent = parent.silent;
  child->cursor = EventCursor{.source = parent.cursor.source, .last = parent.cursor.source};
  child->state = graph.start_state;
  child->phase = FramePhase::kEnter;
  return child;
}

void Engine::AbortChildren(Frame& frame, int64_t previous) {
  const bool is_map = frame.state != nullptr && frame.state->type == asl::StateType::kMap;
  const bool distributed = is_map && frame.map != nullptr && frame.map->distributed;
  for (auto& child : frame.children) {
    if (child->phase == FramePhase::kSucceeded || child->phase == FramePhase::kFailed ||
        child->phase == FramePhase::kAborted) {
      continue;
    }
    AbortFrame(*child, previous);
    if (is_map && !distributed) {
      Json details = Json{{"name", frame.state->name}, {"index", child->index}};
      EmitFrom(frame, previous, HistoryEventType::kMapIterationAborted, std::move(details), false);
    }
    if (!child->child_name.empty()) {
      EndChildExecution(*child, ExecutionStatus::kAborted);
    }
  }
  // The children stay (aborted, failed or succeeded) for a redrive.
}

void Engine::AbortFrame(Frame& frame, int64_t previous) {
  if (frame.phase == FramePhase::kChildren) {
    AbortChildren(frame, previous);
  }
  const bool blocked = frame.phase == FramePhase::kTask || frame.phase == FramePhase::kWait ||
                       frame.phase == FramePhase::kRetry || frame.phase == FramePhase::kChildren;
  if (blocked && frame.state != nullptr) {
    if (std::optional<HistoryEventType> type = AbortedEventType(frame.state->type)) {
      EmitFrom(frame, previous, *type, nullptr, false);
    }
  }
  CancelPending(frame);
  frame.phase = FramePhase::kAborted;
}

void Engine::CancelPending(Frame& frame) {
  ClearTask(frame, /*cancel=*/true);
  DisarmTimer(frame.timer_id);
  for (auto& child : frame.children) {
    CancelPending(*child);
  }
  // A Map Run runs while its iterations do, and while its ItemReader or
  // ResultWriter (a kTask) works.
  if ((frame.phase == FramePhase::kChildren || frame.phase == FramePhase::kTask) &&
      frame.map != nullptr && frame.map->distributed) {
    AbortMapRun(frame);
  }
}

// --- Timers ------------------------------------------------------------------

int64_t Engine::ArmTimer(std::chrono::milliseconds delay) {
  const int64_t id = run_.next_timer_id++;
  const Clock::TimePoint due = now_ + delay;
  run_.pending_timers[id] = due;
  step_.effects.emplace_back(StartTimer{.timer_id = id, .due = due});
  return id;
}

void Engine::DisarmTimer(int64_t& timer_id) {
  if (timer_id == 0) {
    return;
  }
  run_.pending_timers.erase(timer_id);
  step_.effects.emplace_back(CancelTimer{.timer_id = timer_id});
  timer_id = 0;
}

Frame* Engine::FindTask(Frame& frame, int64_t task_id) {
  if (frame.phase == FramePhase::kTask && frame.task_id == task_id) {
    return &frame;
  }
  for (auto& child : frame.children) {
    if (Frame* found = FindTask(*child, task_id)) {
      return found;
    }
  }
  return nullptr;
}

Frame* Engine::FindTimer(Frame& frame, int64_t timer_id) {
  if (frame.timer_id == timer_id || frame.timeout_timer_id == timer_id ||
      frame.heartbeat_timer_id == timer_id) {
    return &frame;
  }
  for (auto& child : frame.children) {
    if (Frame* found = FindTimer(*child, timer_id)) {
      return found;
    }
  }
  return nullptr;
}

Status Engine::OnTimer(Frame& frame, int64_t timer_id) {
  if (frame.timeout_timer_id == timer_id) {
    frame.timeout_timer_id = 0;
    OnTaskTimeout(frame, /*heartbeat=*/false);
    return Status::Ok();
  }
  if (frame.heartbeat_timer_id == timer_id) {
    frame.heartbeat_timer_id = 0;
    OnTaskTimeout(frame, /*heartbeat=*/true);
    return Status::Ok();
  }
  frame.timer_id = 0;
  if (frame.phase == FramePhase::kWait) {
    Status status = FinishWait(frame);
    if (!status.ok()) {
      HandleFailure(frame, Failure::FromStatus(status), FailureOrigin::kState);
    }
    return Status::Ok();
  }
  if (frame.phase == FramePhase::kRetry) {
    BeginAction(frame);
    return Status::Ok();
  }
  return Status::Ok();
}

// --- The execution -------------------------------------------------------------

void Engine::Start() {
  Frame& root = *run_.root;
  Json details = Json::object();
  details["input"] = run_.input_text;
  details["inputDetails"] = DataDetails();
  details["roleArn"] = run_.context.role_arn;
  if (run_.context.state_machine_alias_arn) {
    details["stateMachineAliasArn"] = *run_.context.state_machine_alias_arn;
  }
  if (run_.context.state_machine_version_arn) {
    details["stateMachineVersionArn"] = *run_.context.state_machine_version_arn;
  }
  Emit(root, HistoryEventType::kExecutionStarted, std::move(details), /*update_source=*/false);
  if (run_.machine->timeout_seconds.has_value()) {
    run_.execution_timer_id = ArmTimer(std::chrono::seconds(*run_.machine->timeout_seconds));
  }
  root.input = run_.input;
  root.state = run_.machine->graph.start_state;
  root.phase = FramePhase::kEnter;
  Pump(root);
}

Status Engine::Apply(const ExecutionEvent& event) {
  if (std::holds_alternative<RedriveExecution>(event)) {
    return Redrive();
  }
  if (!Running()) {
    return Status::FailedPrecondition(Format("Execution is {}", ExecutionStatusName(run_.status)));
  }
  Frame& root = *run_.root;
  Status status =
      std::visit(Overloaded{
                     [&](const TaskSucceeded& e) -> Status {
                       Frame* frame = FindTask(root, e.task_id);
                       if (frame == nullptr) {
                         return Status::NotFound(Format("Task {} is not running", e.task_id));
                       }
                       Status result = OnTaskSucceeded(*frame, e);
                       if (!result.ok()) {
                         HandleFailure(*frame, Failure::FromStatus(result), FailureOrigin::kState);
                       }
                       return Status::Ok();
                     },
                     [&](const TaskFailed& e) -> Status {
                       Frame* frame = FindTask(root, e.task_id);
                       if (frame == nullptr) {
                         return Status::NotFound(Format("Task {} is not running", e.task_id));
                       }
                       return OnTaskFailed(*frame, e);
                     },
                     [&](const TaskSubmitted& e) -> Status {
                       Frame* frame = FindTask(root, e.task_id);
                       if (frame == nullptr) {
                         return Status::NotFound(Format("Task {} is not running", e.task_id));
                       }
                       return OnTaskSubmitted(*frame, e);
                     },
                     [&](const TaskHeartbeat& e) -> Status {
                       Frame* frame = FindTask(root, e.task_id);
                       if (frame == nullptr) {
                         return Status::NotFound(Format("Task {} is not running", e.task_id));
                       }
                       return OnTaskHeartbeat(*frame);
                     },
                     [&](const TimerFired& e) -> Status {
                       if (run_.pending_timers.erase(e.timer_id) == 0) {
                         return Status::Ok();  // Cancelled or already fired: ignore.
                       }
                       if (e.timer_id == run_.execution_timer_id) {
                         run_.execution_timer_id = 0;
                         TimeOutExecution();
                         return Status::Ok();
                       }
                       Frame* frame = FindTimer(root, e.timer_id);
                       if (frame == nullptr) {
                         return Status::Ok();
                       }
                       return OnTimer(*frame, e.timer_id);
                     },
                     [&](const StopExecution& e) -> Status {
                       AbortExecution(e);
                       return Status::Ok();
                     },
                     [&](const RedriveExecution&) -> Status { return Status::Ok(); },
                     [&](const UpdateMapRun& e) -> Status { return OnUpdateMapRun(e); },
                 },
                 event);
  STRATUS_RETURN_IF_ERROR(status);
  Pump(root);
  return Status::Ok();
}

Status Engine::Redrive() {
  if (run_.status == ExecutionStatus::kRunning || run_.status == ExecutionStatus::kSucceeded) {
    return Status::FailedPrecondition(
        Format("Execution is {} and cannot be redriven", ExecutionStatusName(run_.status)));
  }
  Frame& root = *run_.root;
  if (root.state == nullptr) {
    return Status::FailedPrecondition("Execution has no state to redrive from");
  }
  ++run_.redrive_count;
  SetExecutionContext(run_, nullptr);  // $$.Execution.RedriveCount.
  run_.status = ExecutionStatus::kRunning;
  run_.output.reset();
  run_.error.reset();
  run_.cause.reset();
  run_.stop_time.reset();
  Emit(root, HistoryEventType::kExecutionRedriven, Json{{"redriveCount", run_.redrive_count}});
  RedriveFrame(root);
  Pump(root);
  return Status::Ok();
}

void Engine::RedriveFrame(Frame& frame) {
  frame.error.reset();
  frame.cause.reset();
  frame.output = nullptr;
  const asl::State* state = frame.state;
  if (state != nullptr && state->type == asl::StateType::kParallel && !frame.children.empty()) {
    // AWS: only the branches that failed or were aborted run again; the
    // outputs of the others are kept. The state is not entered again.
    for (auto& child : frame.children) {
      if (child->phase != FramePhase::kSucceeded) {
        RedriveFrame(*child);
      }
    }
    frame.phase = FramePhase::kChildren;
    return;
  }
  if (state != nullptr && state->type == asl::StateType::kMap && frame.map != nullptr) {
    // AWS: only the iterations that failed or were aborted run again (those
    // the execution's end cut off too), then the ones never started.
    MapProgress& progress = *frame.map;
    for (auto& child : frame.children) {
      progress.unsuccessful.push_back(std::move(child));
    }
    frame.children.clear();
    std::stable_sort(progress.unsuccessful.begin(), progress.unsuccessful.end(),
                     [](const std::unique_ptr<Frame>& a, const std::unique_ptr<Frame>& b) {
                       return a->index < b->index;
                     });
    for (auto& child : progress.unsuccessful) {
      progress.statuses[static_cast<size_t>(child->index)] = IterationStatus::kPending;
      progress.requeued.push_back(std::move(child));
    }
    progress.unsuccessful.clear();
    progress.num_running = 0;
    progress.num_failed = 0;
    progress.error.reset();
    progress.cause.reset();
    progress.storage = MapStorage::kNone;
    for (MapWorker& worker : progress.workers) {
      worker = MapWorker{
          .cursor = EventCursor{.source = frame.cursor.source, .last = frame.cursor.source},
          .busy = false};
    }
    if (progress.distributed) {
      ++progress.redrive_count;
      progress.redrive_time = now_;
      progress.run_status = MapRunStatus::kRunning;
      progress.stop_time.reset();
      Emit(frame, HistoryEventType::kMapRunRedriven,
           Json{{"mapRunArn", progress.map_run_arn}, {"redriveCount", progress.redrive_count}});
    }
    frame.phase = FramePhase::kChildren;
    LaunchIterations(frame);
    if (progress.distributed) {
      PublishMapRun(frame);
    }
    return;
  }
  frame.children.clear();
  frame.map.reset();
  frame.phase = FramePhase::kEnter;
}

void Engine::SucceedExecution(const Json& output) {
  Frame& root = *run_.root;
  std::string text = PayloadText(output);
  Json details;
  if (Recording(root)) {
    details = Json::object();
    details["output"] = text;
    details["outputDetails"] = DataDetails();
  }
  Emit(root, HistoryEventType::kExecutionSucceeded, std::move(details));
  root.phase = FramePhase::kSucceeded;
  run_.status = ExecutionStatus::kSucceeded;
  run_.output = std::move(text);
  run_.stop_time = now_;
  DisarmTimer(run_.execution_timer_id);
}

void Engine::FailExecution(const Failure& failure) {
  Frame& root = *run_.root;
  Json details = Json::object();
  if (failure.error) {
    details["error"] = *failure.error;
  }
  if (failure.cause) {
    details["cause"] = *failure.cause;
  }
  Emit(root, HistoryEventType::kExecutionFailed, std::move(details));
  CancelPending(root);
  run_.status = ExecutionStatus::kFailed;
  run_.error = failure.error;
  run_.cause = failure.cause;
  run_.stop_time = now_;
  DisarmTimer(run_.execution_timer_id);
}

void Engine::TimeOutExecution() {
  Frame& root = *run_.root;
  CancelPending(root);
  Emit(root, HistoryEventType::kExecutionTimedOut, Json::object());
  run_.status = ExecutionStatus::kTimedOut;
  run_.stop_time = now_;
}

void Engine::AbortExecution(const StopExecution& stop) {
  Frame& root = *run_.root;
  CancelPending(root);
  Json details = Json::object();
  if (!stop.error.empty()) {
    details["error"] = stop.error;
  }
  if (!stop.cause.empty()) {
    details["cause"] = stop.cause;
  }
  EmitFrom(root, 0, HistoryEventType::kExecutionAborted, std::move(details), true);
  run_.status = ExecutionStatus::kAborted;
  if (!stop.error.empty()) {
    run_.error = stop.error;
  }
  if (!stop.cause.empty()) {
    run_.cause = stop.cause;
  }
  run_.stop_time = now_;
  DisarmTimer(run_.execution_timer_id);
}

void Engine::CheckHistoryLimit() {
  if (run_.next_event_id <= options_.max_history_events) {
    return;
  }
  FailExecution(
      Failure{.error = std::string(asl::kErrorRuntime),
              .cause = Format("The execution reached the maximum number of history events ({}).",
                              options_.max_history_events)});
}

void Engine::Finish() {
  step_.status = run_.status;
  if (run_.status == ExecutionStatus::kRunning) {
    return;
  }
  step_.output = run_.output;
  step_.error = run_.error;
  step_.cause = run_.cause;
}

}  // namespace stratus::states::interpreter
