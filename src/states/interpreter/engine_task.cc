// Task states: scheduling through RunTask, results, failures, timeouts and
// heartbeats.

#include <utility>

#include "base/format.h"
#include "base/random.h"
#include "states/asl/io_processing.h"
#include "states/asl/state_fields.h"
#include "states/interpreter/engine_internal.h"
#include "states/interpreter/task_resource.h"

namespace stratus::states::interpreter {
namespace {

// AWS: TimeoutSeconds defaults to 99999999 seconds, i.e. none in practice.
constexpr int64_t kMaxTimeoutSeconds = 99'999'999;

}  // namespace

Status Engine::PrepareTask(Frame& frame) {
  const auto& task = frame.state->As<asl::TaskState>();
  if (task.query_language == asl::QueryLanguage::kJsonata) {
    frame.effective = frame.input;
    return Status::Ok();
  }
  asl::EvaluationContext context = Context(frame);
  STRATUS_ASSIGN_OR_RETURN(frame.effective, asl::ApplyInputPath(task, frame.input, context));
  return Status::Ok();
}

Status Engine::ScheduleTask(Frame& frame) {
  const auto& task = frame.state->As<asl::TaskState>();
  const TaskResource resource = ParseTaskResource(task.resource);
  frame.resource = task.resource;
  if (resource.pattern == IntegrationPattern::kWaitForTaskToken) {
    frame.task_token = options_.ids->Hex(32);
  }
  asl::EvaluationContext context = Context(frame);
  asl::StateValues values{.input = &frame.effective, .result = nullptr, .error_output = nullptr};
  Json parameters;
  std::optional<Json> credentials;
  if (task.query_language == asl::QueryLanguage::kJsonata) {
    STRATUS_ASSIGN_OR_RETURN(parameters, asl::EvaluateArguments(task, values, context));
    if (task.credentials_jsonata.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(credentials,
                               task.credentials_jsonata->Evaluate(values, context, "Credentials"));
    }
  } else {
    STRATUS_ASSIGN_OR_RETURN(parameters, asl::ApplyParameters(task, frame.effective, context));
    if (task.credentials.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(credentials, task.credentials->Evaluate(frame.effective, context));
    }
  }
  STRATUS_ASSIGN_OR_RETURN(frame.timeout_seconds,
                           asl::ResolveTimeoutSeconds(task, values, context));
  STRATUS_ASSIGN_OR_RETURN(frame.heartbeat_seconds,
                           asl::ResolveHeartbeatSeconds(task, values, context));

  const int64_t task_id = run_.next_task_id++;
  std::string parameters_text = PayloadText(parameters);
  switch (resource.kind) {
    case TaskResource::Kind::kLambdaFunction: {
      Json details = Json::object();
      details["resource"] = task.resource;
      details["input"] = parameters_text;
      details["inputDetails"] = DataDetails();
      if (frame.timeout_seconds) {
        details["timeoutInSeconds"] = *frame.timeout_seconds;
      }
      Emit(frame, HistoryEventType::kLambdaFunctionScheduled, std::move(details));
      Emit(frame, HistoryEventType::kLambdaFunctionStarted, nullptr);
      break;
    }
    case TaskResource::Kind::kActivity: {
      Json details = Json::object();
      details["resource"] = task.resource;
      details["input"] = parameters_text;
      details["inputDetails"] = DataDetails();
      if (frame.timeout_seconds) {
        details["timeoutInSeconds"] = *frame.timeout_seconds;
      }
      if (frame.heartbeat_seconds) {
        details["heartbeatInSeconds"] = *frame.heartbeat_seconds;
      }
      Emit(frame, HistoryEventType::kActivityScheduled, std::move(details));
      break;
    }
    case TaskResource::Kind::kService: {
      Json details = Json::object();
      details["resourceType"] = resource.resource_type;
      details["resource"] = resource.resource;
      details["region"] = run_.context.region;
      details["parameters"] = parameters_text;
      if (frame.timeout_seconds) {
        details["timeoutInSeconds"] = *frame.timeout_seconds;
      }
      if (frame.heartbeat_seconds) {
        details["heartbeatInSeconds"] = *frame.heartbeat_seconds;
      }
      Emit(frame, HistoryEventType::kTaskScheduled, std::move(details));
      Emit(frame, HistoryEventType::kTaskStarted,
           Json{{"resourceType", resource.resource_type}, {"resource", resource.resource}});
      break;
    }
  }
  if (frame.timeout_seconds && *frame.timeout_seconds < kMaxTimeoutSeconds) {
    frame.timeout_timer_id = ArmTimer(std::chrono::seconds(*frame.timeout_seconds));
  }
  if (frame.heartbeat_seconds) {
    frame.heartbeat_timer_id = ArmTimer(std::chrono::seconds(*frame.heartbeat_seconds));
  }
  RunTask run{.task_id = task_id,
              .state_name = task.name,
              .resource = task.resource,
              .pattern = resource.pattern,
              .parameters = std::move(parameters),
              .credentials = std::move(credentials),
              .timeout_seconds = frame.timeout_seconds,
              .heartbeat_seconds = frame.heartbeat_seconds,
              .task_token = frame.task_token,
              .attempt = frame.retry_count};
  run_.pending_tasks[task_id] = run;
  step_.effects.emplace_back(std::move(run));
  frame.task_id = task_id;
  frame.phase = FramePhase::kTask;
  return Status::Ok();
}

void Engine::ClearTask(Frame& frame, bool cancel) {
  if (frame.task_id != 0) {
    if (cancel) {
      step_.effects.emplace_back(CancelTask{.task_id = frame.task_id});
    }
    run_.pending_tasks.erase(frame.task_id);
    frame.task_id = 0;
  }
  DisarmTimer(frame.timeout_timer_id);
  DisarmTimer(frame.heartbeat_timer_id);
  frame.task_token.clear();
}

Status Engine::OnTaskSucceeded(Frame& frame, const TaskSucceeded& event) {
  if (frame.state->type == asl::StateType::kMap) {
    return OnMapStorageSucceeded(frame, event.output);  // Its ItemReader or ResultWriter.
  }
  ClearTask(frame, /*cancel=*/false);
  const TaskResource resource = ParseTaskResource(frame.resource);
  std::string text = PayloadText(event.output);
  STRATUS_RETURN_IF_ERROR(CheckPayloadSize(frame, text));
  Json details = Json::object();
  details["output"] = std::move(text);
  details["outputDetails"] = DataDetails();
  switch (resource.kind) {
    case TaskResource::Kind::kLambdaFunction:
      Emit(frame, HistoryEventType::kLambdaFunctionSucceeded, std::move(details));
      break;
    case TaskResource::Kind::kActivity:
      Emit(frame, HistoryEventType::kActivitySucceeded, std::move(details));
      break;
    case TaskResource::Kind::kService:
      details["resourceType"] = resource.resource_type;
      details["resource"] = resource.resource;
      Emit(frame, HistoryEventType::kTaskSucceeded, std::move(details));
      break;
  }
  Json assigned;
  STRATUS_ASSIGN_OR_RETURN(Json output, ProcessResult(frame, event.output, &assigned));
  const asl::State& state = *frame.state;
  frame.phase = FramePhase::kEnter;
  ExitState(frame, std::move(output), std::move(assigned), state.end ? nullptr : state.next_state);
  return Status::Ok();
}

Status Engine::OnTaskFailed(Frame& frame, const TaskFailed& event) {
  if (frame.state->type == asl::StateType::kMap) {
    OnMapStorageFailed(frame, Failure{.error = event.error, .cause = event.cause});
    return Status::Ok();
  }
  ClearTask(frame, /*cancel=*/false);
  const TaskResource resource = ParseTaskResource(frame.resource);
  Json details = Json::object();
  if (!event.error.empty()) {
    details["error"] = event.error;
  }
  if (!event.cause.empty()) {
    details["cause"] = event.cause;
  }
  switch (resource.kind) {
    case TaskResource::Kind::kLambdaFunction:
      Emit(frame, HistoryEventType::kLambdaFunctionFailed, std::move(details));
      break;
    case TaskResource::Kind::kActivity:
      Emit(frame, HistoryEventType::kActivityFailed, std::move(details));
      break;
    case TaskResource::Kind::kService:
      details["resourceType"] = resource.resource_type;
      details["resource"] = resource.resource;
      Emit(frame, HistoryEventType::kTaskFailed, std::move(details));
      break;
  }
  Failure failure;
  if (!event.error.empty()) {
    failure.error = event.error;
  }
  if (!event.cause.empty()) {
    failure.cause = event.cause;
  }
  HandleFailure(frame, std::move(failure), FailureOrigin::kState);
  return Status::Ok();
}

Status Engine::OnTaskSubmitted(Frame& frame, const TaskSubmitted& event) {
  if (frame.state->type == asl::StateType::kMap) {
    return Status::Ok();  // An ItemReader or ResultWriter has no submit step.
  }
  const TaskResource resource = ParseTaskResource(frame.resource);
  if (resource.kind == TaskResource::Kind::kActivity) {
    // A worker took the task (GetActivityTask); the host passes its name.
    Json details = Json::object();
    if (event.output.is_object() && event.output.contains("workerName") &&
        event.output["workerName"].is_string()) {
      details["workerName"] = event.output["workerName"];
    }
    Emit(frame, HistoryEventType::kActivityStarted, std::move(details));
    return Status::Ok();
  }
  if (resource.kind != TaskResource::Kind::kService) {
    return Status::Ok();
  }
  Json details = Json::object();
  details["resourceType"] = resource.resource_type;
  details["resource"] = resource.resource;
  details["output"] = PayloadText(event.output);
  details["outputDetails"] = DataDetails();
  Emit(frame, HistoryEventType::kTaskSubmitted, std::move(details));
  return Status::Ok();
}

Status Engine::OnTaskHeartbeat(Frame& frame) {
  if (frame.heartbeat_seconds && frame.heartbeat_timer_id != 0) {
    DisarmTimer(frame.heartbeat_timer_id);
    frame.heartbeat_timer_id = ArmTimer(std::chrono::seconds(*frame.heartbeat_seconds));
  }
  return Status::Ok();
}

void Engine::OnTaskTimeout(Frame& frame, bool heartbeat) {
  ClearTask(frame, /*cancel=*/true);
  const TaskResource resource = ParseTaskResource(frame.resource);
  const std::string error(heartbeat ? asl::kErrorHeartbeatTimeout : asl::kErrorTimeout);
  Json details = Json{{"error", error}};
  switch (resource.kind) {
    case TaskResource::Kind::kLambdaFunction:
      Emit(frame, HistoryEventType::kLambdaFunctionTimedOut, std::move(details));
      break;
    case TaskResource::Kind::kActivity:
      Emit(frame, HistoryEventType::kActivityTimedOut, std::move(details));
      break;
    case TaskResource::Kind::kService:
      details["resourceType"] = resource.resource_type;
      details["resource"] = resource.resource;
      Emit(frame, HistoryEventType::kTaskTimedOut, std::move(details));
      break;
  }
  HandleFailure(frame, Failure{.error = error, .cause = std::nullopt}, FailureOrigin::kState);
}

}  // namespace stratus::states::interpreter
