#include "states/integrations/integration_dispatcher.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "aws/model/model_registry.h"
#include "aws/model/service_model.h"
#include "aws/operation_table.h"
#include "base/clock.h"
#include "base/digest.h"
#include "base/format.h"
#include "base/random.h"
#include "states/asl/errors.h"
#include "states/integrations/activity_task_queue.h"
#include "states/integrations/delay_queue.h"
#include "states/integrations/map_run_storage.h"
#include "states/integrations/member_case.h"
#include "states/integrations/service_names.h"

namespace stratus::states::integrations {
namespace {

using interpreter::IntegrationPattern;

// The aws_type Call() tags a missing service with; never sent on the wire.
constexpr std::string_view kMissingService = "stratus.MissingService";
constexpr std::string_view kTaskFailed = "States.TaskFailed";

void Fail(const std::shared_ptr<TaskCallbacks>& callbacks, std::string error, std::string cause) {
  if (!callbacks->cancelled->load()) {
    callbacks->failed(std::move(error), std::move(cause));
  }
}

// Reports the call's response: `submitted` for .waitForTaskToken, else `succeeded`.
void Finish(const std::shared_ptr<TaskCallbacks>& callbacks,
            IntegrationPattern pattern,
            Json output) {
  if (callbacks->cancelled->load()) {
    return;
  }
  if (pattern == IntegrationPattern::kWaitForTaskToken) {
    callbacks->submitted(std::move(output));
  } else {
    callbacks->succeeded(std::move(output));
  }
}

// Maps a service error to Step Functions' error name and cause.
std::pair<std::string, std::string> ServiceFailure(const Status& status,
                                                   std::string_view prefix,
                                                   std::string_view request_id) {
  if (status.aws_type() == kMissingService) {
    return {std::string(kTaskFailed), status.message()};
  }
  const std::string code =
      status.aws_type().empty() ? std::string(prefix) + "Exception" : status.aws_type();
  const int http_status =
      status.http_status() != 0 ? status.http_status() : (IsUserError(status.code()) ? 400 : 500);
  return {Format("{}.{}", prefix, ExceptionName(code)),
          Format("{} (Service: {}, Status Code: {}, Request ID: {})", status.message(), prefix,
                 http_status, request_id)};
}

// Returns `value` as the text a string parameter carries: strings as they
// are, anything else as JSON.
Json AsText(const Json& value) {
  return value.is_string() ? value : Json(DumpJson(value));
}

// Parses JSON text in `object[member]` in place (for .sync:2 outputs).
void ParseMember(Json& object, std::string_view member) {
  auto it = object.find(member);
  if (it != object.end() && it->is_string()) {
    Result<Json> parsed = ParseJson(it->get<std::string>());
    if (parsed.ok()) {
      *it = std::move(parsed).value();
    }
  }
}

// AWS: optimized integrations add the SDK's HTTP metadata to the response.
Json WithSdkMetadata(Json output, const std::string& request_id) {
  if (!output.is_object()) {
    return output;
  }
  output["SdkHttpMetadata"] = {
      {"HttpHeaders",
       {{"Content-Type", "application/x-amz-json-1.0"}, {"x-amzn-RequestId", request_id}}},
      {"HttpStatusCode", 200}};
  output["SdkResponseMetadata"] = {{"RequestId", request_id}};
  return output;
}

}  // namespace

IntegrationDispatcher::IntegrationDispatcher(const aws::ModelRegistry& models,
                                             DelayQueue& delays,
                                             IdGenerator& ids,
                                             const Clock& clock,
                                             DispatcherOptions options)
    : models_(models), delays_(delays), ids_(ids), clock_(clock), options_(options) {}

void IntegrationDispatcher::Run(const TaskOrigin& origin,
                                const interpreter::RunTask& task,
                                std::shared_ptr<TaskCallbacks> callbacks) {
  if (task.kind != interpreter::TaskKind::kState) {
    RunMapStorage(task, std::move(callbacks));
    return;
  }
  Result<TaskResource> resource = ParseTaskResource(task.resource);
  if (!resource.ok()) {
    Fail(callbacks, std::string(kTaskFailed), resource.status().message());
    return;
  }
  switch (resource->kind) {
    case ResourceKind::kAwsSdk:
      RunAwsSdk(origin, *resource, task, std::move(callbacks));
      return;
    case ResourceKind::kOptimized:
      RunOptimized(origin, *resource, task, std::move(callbacks));
      return;
    case ResourceKind::kLambdaFunction:
      RunLambda(origin, resource->arn, task.parameters, /*whole_response=*/false, task,
                std::move(callbacks));
      return;
    case ResourceKind::kActivity:
      if (ActivityTaskQueue* activities = activities_.load(); activities != nullptr) {
        activities->Schedule(origin, task, std::move(callbacks));
        return;
      }
      Fail(callbacks, std::string(kTaskFailed),
           Format("The activity '{}' is not available to `stratus sfn run`, where no worker can "
                  "poll it: run the state machine on `stratus serve`, or answer this task from "
                  "a mock configuration (--mock-config FILE --test-case NAME)",
                  task.resource));
      return;
  }
}

void IntegrationDispatcher::Resume(const TaskOrigin& origin,
                                   const interpreter::RunTask& task,
                                   const Json& submitted_output,
                                   std::shared_ptr<TaskCallbacks> callbacks) {
  if (task.kind != interpreter::TaskKind::kState) {
    RunMapStorage(task, std::move(callbacks));  // Never submitted: run it again.
    return;
  }
  Result<TaskResource> resource = ParseTaskResource(task.resource);
  if (resource.ok() && resource->kind == ResourceKind::kOptimized) {
    if (resource->service == "states" && submitted_output.contains("ExecutionArn")) {
      PollExecution(origin, submitted_output.value("ExecutionArn", ""),
                    resource->pattern == IntegrationPattern::kRunJobV2, std::move(callbacks));
      return;
    }
    if (resource->service == "athena" && submitted_output.contains("QueryExecutionId")) {
      PollAthena(origin, submitted_output.value("QueryExecutionId", ""), std::move(callbacks));
      return;
    }
  }
  Fail(callbacks, std::string(kTaskFailed),
       Format("cannot resume the task '{}' after a restart", task.resource));
}

void IntegrationDispatcher::RunMapStorage(const interpreter::RunTask& task,
                                          std::shared_ptr<TaskCallbacks> callbacks) {
  if (MapRunStorage* storage = map_storage_.load(); storage != nullptr) {
    storage->Run(task, std::move(callbacks));
    return;
  }
  const bool reader = task.kind == interpreter::TaskKind::kItemReader;
  Fail(callbacks, std::string(reader ? asl::kErrorItemReaderFailed : asl::kErrorResultWriterFailed),
       Format("The {} calls '{}', but Amazon S3 is not available {}: run the state machine on "
              "`stratus serve`, where S3 is, or {}.",
              reader ? "ItemReader" : "ResultWriter", task.resource,
              options_.standalone ? "to `stratus sfn run`" : "in this stratus process",
              reader ? "give the Map its items with ItemsPath (Items in JSONata)"
                     : "leave out the ResultWriter's Resource to keep the results in the "
                       "state's output"));
}

void IntegrationDispatcher::Call(const TaskOrigin& origin,
                                 const std::string& service,
                                 const std::string& operation,
                                 Json input,
                                 Reply reply) const {
  const aws::OperationTable* table = operations_.load();
  if (table == nullptr || table->Find(service, operation) == nullptr) {
    const std::string message =
        options_.standalone
            ? Format(
                  "The service '{}' (operation {}) is not available to `stratus sfn run`, "
                  "which runs Step Functions alone: run the state machine on `stratus serve` "
                  "(every service), or answer this task from a mock configuration "
                  "(--mock-config FILE --test-case NAME)",
                  service, operation)
            : Format(
                  "The service '{}' (operation {}) is not available in this stratus: no "
                  "operation {}:{} is registered, so the task cannot call it",
                  service, operation, service, operation);
    reply(Status::NotImplemented(message).WithAwsType(std::string(kMissingService)));
    return;
  }
  aws::RequestContext context{.request_id = ids_.Uuid(),
                              .account_id = origin.account_id,
                              .region = origin.region,
                              .access_key_id = {},
                              .service = service,
                              .operation = operation,
                              .host = origin.host,
                              .scheme = "http",
                              .received = clock_.Now()};
  table->Invoke(context, service, operation, std::move(input), std::move(reply));
}

void IntegrationDispatcher::CallModeled(const TaskOrigin& origin,
                                        const std::string& table_service,
                                        const std::string& operation,
                                        const std::string& error_prefix,
                                        const Json& parameters,
                                        std::function<void(Json)> on_success,
                                        std::shared_ptr<TaskCallbacks> callbacks) {
  const aws::ServiceModel* model = models_.Find(table_service);
  const aws::OperationModel* op = model == nullptr ? nullptr : model->FindOperation(operation);
  if (op == nullptr) {
    Fail(callbacks, std::string(kTaskFailed),
         Format("The service '{}' has no operation '{}' in stratus", table_service, operation));
    return;
  }
  Json input =
      parameters.is_object() ? ToModelShape(*model, op->input_shape, parameters) : Json::object();
  std::string request_id = ids_.Uuid();
  Call(origin, table_service, operation, std::move(input),
       [model, op, error_prefix, request_id, on_success = std::move(on_success),
        callbacks](Result<Json> result) {
         if (!result.ok()) {
           auto [error, cause] = ServiceFailure(result.status(), error_prefix, request_id);
           Fail(callbacks, std::move(error), std::move(cause));
           return;
         }
         on_success(FromModelShape(*model, op->output_shape, *result));
       });
}

void IntegrationDispatcher::RunAwsSdk(const TaskOrigin& origin,
                                      const TaskResource& resource,
                                      const interpreter::RunTask& task,
                                      std::shared_ptr<TaskCallbacks> callbacks) {
  const SdkService service = AwsSdkService(resource.service);
  const IntegrationPattern pattern = task.pattern;
  CallModeled(
      origin, service.table_service, OperationName(resource.action), service.error_prefix,
      task.parameters,
      [callbacks, pattern](Json output) { Finish(callbacks, pattern, std::move(output)); },
      callbacks);
}

void IntegrationDispatcher::RunOptimized(const TaskOrigin& origin,
                                         const TaskResource& resource,
                                         const interpreter::RunTask& task,
                                         std::shared_ptr<TaskCallbacks> callbacks) {
  const std::string prefix = OptimizedErrorPrefix(resource.service);
  const IntegrationPattern pattern = task.pattern;
  const bool sync =
      pattern == IntegrationPattern::kRunJob || pattern == IntegrationPattern::kRunJobV2;
  Json parameters = task.parameters.is_object() ? task.parameters : Json::object();
  if (resource.service == "lambda" && resource.action == "invoke") {
    RunLambda(origin, parameters.value("FunctionName", ""), parameters, /*whole_response=*/true,
              task, std::move(callbacks));
    return;
  }
  if (resource.service == "states" && resource.action == "startExecution") {
    if (parameters.contains("Input")) {
      parameters["Input"] = AsText(parameters["Input"]);
    }
    CallModeled(
        origin, "states", "StartExecution", prefix, parameters,
        [this, origin, pattern, sync, callbacks](Json output) {
          std::string request_id = ids_.Uuid();
          if (!sync) {
            Finish(callbacks, pattern, WithSdkMetadata(std::move(output), request_id));
            return;
          }
          const std::string arn = output.value("ExecutionArn", "");
          callbacks->submitted(WithSdkMetadata(std::move(output), request_id));
          PollExecution(origin, arn, pattern == IntegrationPattern::kRunJobV2, callbacks);
        },
        callbacks);
    return;
  }
  if (resource.service == "athena" && resource.action == "startQueryExecution") {
    CallModeled(
        origin, "athena", "StartQueryExecution", prefix, parameters,
        [this, origin, pattern, sync, callbacks](Json output) {
          if (!sync) {
            Finish(callbacks, pattern, std::move(output));
            return;
          }
          const std::string query_id = output.value("QueryExecutionId", "");
          callbacks->submitted(std::move(output));
          PollAthena(origin, query_id, callbacks);
        },
        callbacks);
    return;
  }
  if (sync) {
    Fail(callbacks, std::string(kTaskFailed),
         Format("The .sync integration pattern is not supported for '{}' in stratus",
                task.resource));
    return;
  }
  if (resource.service == "sqs" && parameters.contains("MessageBody")) {
    parameters["MessageBody"] = AsText(parameters["MessageBody"]);
  }
  const SdkService service = AwsSdkService(resource.service);
  const bool add_metadata =
      resource.service == "sqs" || resource.service == "dynamodb" || resource.service == "sns";
  CallModeled(
      origin, service.table_service, OperationName(resource.action), prefix, parameters,
      [this, callbacks, pattern, add_metadata](Json output) {
        Finish(callbacks, pattern,
               add_metadata ? WithSdkMetadata(std::move(output), ids_.Uuid()) : std::move(output));
      },
      callbacks);
}

void IntegrationDispatcher::RunLambda(const TaskOrigin& origin,
                                      const std::string& function,
                                      Json parameters,
                                      bool whole_response,
                                      const interpreter::RunTask& task,
                                      std::shared_ptr<TaskCallbacks> callbacks) {
  Json input = Json::object();
  Json payload = parameters;
  if (whole_response) {
    payload = parameters.contains("Payload") ? parameters["Payload"] : Json::object();
    for (const char* member : {"InvocationType", "Qualifier", "LogType", "ClientContext"}) {
      if (parameters.contains(member)) {
        input[member] = parameters[member];
      }
    }
  }
  input["FunctionName"] = function;
  input["Payload"] = Base64Encode(DumpJson(payload));
  const IntegrationPattern pattern = task.pattern;
  std::string request_id = ids_.Uuid();
  Call(origin, "lambda", "Invoke", std::move(input),
       [callbacks, pattern, whole_response, request_id](Result<Json> result) {
         if (!result.ok()) {
           auto [error, cause] = ServiceFailure(result.status(), "Lambda", request_id);
           Fail(callbacks, std::move(error), std::move(cause));
           return;
         }
         std::string text;
         if (!Base64Decode(result->value("Payload", ""), &text)) {
           text.clear();
         }
         Result<Json> parsed = ParseJson(text.empty() ? "null" : text);
         Json payload_value = parsed.ok() ? std::move(parsed).value() : Json(text);
         if (result->contains("FunctionError")) {
           // AWS: the function's errorType is the error name (Lambda.Unknown without one).
           std::string error = payload_value.is_object() && payload_value.contains("errorType")
                                   ? payload_value.value("errorType", "Lambda.Unknown")
                                   : std::string("Lambda.Unknown");
           Fail(callbacks, std::move(error), text);
           return;
         }
         if (!whole_response) {
           Finish(callbacks, pattern, std::move(payload_value));
           return;
         }
         Json output = {{"ExecutedVersion", result->value("ExecutedVersion", "$LATEST")},
                        {"Payload", std::move(payload_value)},
                        {"StatusCode", result->value("StatusCode", 200)}};
         Finish(callbacks, pattern, WithSdkMetadata(std::move(output), request_id));
       });
}

namespace {

// A .sync job's re-checks start at 1 ms and double up to the configured
// interval: most queries and child executions here end within
// milliseconds, and a fixed 50 ms wait would be most of the task's time.
std::chrono::milliseconds NextPollDelay(std::chrono::milliseconds previous,
                                        std::chrono::milliseconds interval) {
  const std::chrono::milliseconds next =
      previous.count() == 0 ? std::chrono::milliseconds(1) : previous * 2;
  return std::min(next, interval);
}

}  // namespace

void IntegrationDispatcher::PollAthena(TaskOrigin origin,
                                       std::string query_id,
                                       std::shared_ptr<TaskCallbacks> callbacks,
                                       std::chrono::milliseconds delay) {
  if (callbacks->cancelled->load()) {
    // Like AWS for an abandoned .sync job: a best-effort stop of the query.
    Call(origin, "athena", "StopQueryExecution", Json{{"QueryExecutionId", query_id}},
         [](const Result<Json>&) {});
    return;
  }
  CallModeled(
      origin, "athena", "GetQueryExecution", "Athena", Json{{"QueryExecutionId", query_id}},
      [this, origin, query_id, callbacks, delay](Json output) {
        const Json status =
            output.value("QueryExecution", Json::object()).value("Status", Json::object());
        const std::string state = status.value("State", "");
        if (state == "QUEUED" || state == "RUNNING" || state.empty()) {
          const std::chrono::milliseconds next = NextPollDelay(delay, options_.poll_interval);
          delays_.RunAfter(next, [this, origin, query_id, callbacks, next] {
            PollAthena(origin, query_id, callbacks, next);
          });
        } else if (state == "SUCCEEDED") {
          if (!callbacks->cancelled->load()) {
            callbacks->succeeded(std::move(output));
          }
        } else {
          Fail(callbacks, std::string(kTaskFailed), DumpJson(output));
        }
      },
      callbacks);
}

void IntegrationDispatcher::PollExecution(TaskOrigin origin,
                                          std::string execution_arn,
                                          bool parse_payloads,
                                          std::shared_ptr<TaskCallbacks> callbacks,
                                          std::chrono::milliseconds delay) {
  if (callbacks->cancelled->load()) {
    // The task was abandoned (its execution stopped or failed elsewhere, or
    // it timed out): like AWS for a .sync job, make a best-effort attempt
    // to stop the child execution.
    Call(origin, "states", "StopExecution", Json{{"executionArn", execution_arn}},
         [](const Result<Json>&) {});
    return;
  }
  CallModeled(
      origin, "states", "DescribeExecution", "StepFunctions", Json{{"ExecutionArn", execution_arn}},
      [this, origin, execution_arn, parse_payloads, callbacks, delay](Json output) {
        const std::string status = output.value("Status", "");
        if (status == "RUNNING" || status == "PENDING_REDRIVE") {
          const std::chrono::milliseconds next = NextPollDelay(delay, options_.poll_interval);
          delays_.RunAfter(next, [this, origin, execution_arn, parse_payloads, callbacks, next] {
            PollExecution(origin, execution_arn, parse_payloads, callbacks, next);
          });
          return;
        }
        if (parse_payloads) {
          ParseMember(output, "Input");
          ParseMember(output, "Output");
        }
        if (status == "SUCCEEDED") {
          if (!callbacks->cancelled->load()) {
            callbacks->succeeded(std::move(output));
          }
        } else {
          Fail(callbacks, std::string(kTaskFailed), DumpJson(output));
        }
      },
      callbacks);
}

}  // namespace stratus::states::integrations
