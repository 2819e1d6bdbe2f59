// TestState: runs one state. Without a mock the state runs for real in a
// one-state EXPRESS execution (the state, Succeed stubs for its targets, a
// prelude Pass that sets the request's variables); its Retry and Catch are
// left out and evaluated afterwards (TestState reports the retry or catch a
// failure leads to, it does not perform it). With a mock (Task, Map,
// Parallel) nothing runs: the mocked result or error goes through the state's
// processing in process (TestStateEvaluator), with the request's context.
//
// AWS: the TestState API reference and InspectionData (DEBUG fields),
// TestStateConfiguration (retrierRetryCount, mapIterationFailureCount) and
// MockInput. Pinned by test/wire/test_stepfunctions_service.py::test_test_state_*.
#include <memory>
#include <mutex>

#include "base/format.h"
#include "base/random.h"
#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/execution_engine.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/states_service.h"
#include "states/api/test_state_evaluation.h"
#include "states/api/test_state_request.h"
#include "states/asl/state_machine.h"
#include "states/asl/timestamp.h"

namespace stratus::states::api::handlers {
namespace {

constexpr std::string_view kMachineName = "TestState";

// What the run's history shows of the tested state.
struct Observation {
  std::mutex mu;
  // All guarded by mu.
  std::optional<Json> result;      // The task's raw result.
  Json assigned = Json::object();  // The tested state's assignedVariables.
  std::optional<Json> exited_output;
  bool exited = false;
  std::string next;  // The state entered after the tested one exited.
};

bool IsTaskResultEvent(std::string_view type) {
  return type == "TaskSucceeded" || type == "LambdaFunctionSucceeded" ||
         type == "ActivitySucceeded";
}

void Observe(Observation& seen,
             const std::string& tested,
             const std::vector<interpreter::HistoryEvent>& events) {
  std::lock_guard lock(seen.mu);
  for (const interpreter::HistoryEvent& event : events) {
    const std::string_view type = interpreter::HistoryEventTypeName(event.type);
    const Json& details = event.details;
    if (type.ends_with("StateEntered") && seen.exited && seen.next.empty()) {
      seen.next = StringMember(details, "name");
    } else if (type.ends_with("StateExited") && StringMember(details, "name") == tested &&
               !seen.exited) {
      seen.exited = true;
      if (Result<Json> output = ParseJson(StringMember(details, "output")); output.ok()) {
        seen.exited_output = std::move(output).value();
      }
      const Json assigned = MemberOrNull(details, "assignedVariables");
      if (assigned.is_object()) {
        for (auto it = assigned.begin(); it != assigned.end(); ++it) {
          // The history carries each assigned value as JSON text.
          Result<Json> value =
              it->is_string() ? ParseJson(it->get_ref<const std::string&>()) : Result<Json>(*it);
          seen.assigned[it.key()] = value.ok() ? *value : *it;
        }
      }
    } else if (IsTaskResultEvent(type) && !seen.exited && !seen.result.has_value()) {
      if (Result<Json> output = ParseJson(StringMember(details, "output")); output.ok()) {
        seen.result = std::move(output).value();
      }
    }
  }
}

Json Respond(const TestStateOutcome& outcome, std::optional<Json> inspection) {
  Json output = {{"status", outcome.status}};
  if (outcome.output.has_value()) {
    output["output"] = DumpJson(*outcome.output);
  }
  if (outcome.error.has_value() && outcome.status != "SUCCEEDED") {
    output["error"] = *outcome.error;
  }
  if (outcome.cause.has_value() && outcome.status != "SUCCEEDED") {
    output["cause"] = *outcome.cause;
  }
  if (!outcome.next_state.empty()) {
    output["nextState"] = outcome.next_state;
  }
  if (inspection.has_value()) {
    if (!outcome.error_details.is_null()) {
      (*inspection)["errorDetails"] = outcome.error_details;
    }
    output["inspectionData"] = std::move(*inspection);
  }
  return output;
}

// Everything one request needs until it is answered.
struct TestRun {
  TestStateRequest request;
  TestedState tested;
  WrappedMachines machines;
  std::shared_ptr<const asl::StateMachine> full;
  const asl::State* state = nullptr;
  std::string execution_arn;
  std::string execution_name;
  std::string machine_arn;
  std::unique_ptr<TestStateEvaluator> evaluator;
};

std::string NowText(int64_t millis) {
  return asl::FormatTimestamp(asl::Timestamp{
      .seconds = millis / 1000, .nanos = static_cast<int32_t>(millis % 1000) * 1'000'000});
}

// AWS: "TestState only supports the following when a mock is specified:
// Activity tasks, .sync or .waitForTaskToken service integration patterns,
// Parallel, or Map states." (stratus runs Map and Parallel states unmocked.)
bool NeedsAMock(const TestedState& tested) {
  if (tested.type != "Task") {
    return false;
  }
  const std::string resource = StringMember(tested.state, "Resource");
  return resource.find(":activity:") != std::string::npos || resource.ends_with(".sync") ||
         resource.ends_with(".sync:2") || resource.ends_with(".waitForTaskToken");
}

Status CheckMockable(const TestRun& run) {
  if (!run.request.mock.has_value() && NeedsAMock(run.tested)) {
    return StatesApiError::Validation(
        "Activity tasks and the .sync and .waitForTaskToken integration patterns can only be "
        "tested with a mock");
  }
  if (run.request.mock.has_value() && run.tested.type != "Task" && run.tested.type != "Map" &&
      run.tested.type != "Parallel") {
    // AWS: "A mock can only be specified for Task, Map, or Parallel states."
    return StatesApiError::Validation(
        Format("A mock can only be specified for Task, Map, or Parallel states, not for a {} "
               "state",
               run.tested.type));
  }
  return Status::Ok();
}

Result<std::unique_ptr<TestRun>> Prepare(StatesService& service,
                                         const aws::RequestContext& context,
                                         const Json& input) {
  auto run = std::make_unique<TestRun>();
  STRATUS_ASSIGN_OR_RETURN(run->request, ParseTestStateRequest(input));
  STRATUS_ASSIGN_OR_RETURN(run->tested, FindTestedState(run->request));
  STRATUS_RETURN_IF_ERROR(CheckMockable(*run));
  STRATUS_ASSIGN_OR_RETURN(run->machines, WrapTestedState(run->tested, run->request.variables,
                                                          !run->request.variables.empty()));
  STRATUS_ASSIGN_OR_RETURN(
      run->full, service.ParseDefinition(run->machines.full, StateMachineType::kStandard));
  run->state = run->full->graph.Find(run->tested.name);
  if (run->state == nullptr) {
    return StatesApiError::Validation(
        Format("State '{}' does not exist in the definition", run->tested.name));
  }
  run->execution_name = service.ids().Uuid();
  run->machine_arn = MakeStateMachineArn(context.region, context.account_id, kMachineName);
  STRATUS_ASSIGN_OR_RETURN(StatesArn machine, ParseStatesArn(run->machine_arn));
  run->execution_arn = MakeExecutionArn(machine, run->execution_name, service.ids().Uuid());
  run->evaluator = std::make_unique<TestStateEvaluator>(
      *run->state, run->request,
      TestStateContextObject(run->request, run->tested.name, run->execution_arn,
                             run->execution_name, run->machine_arn,
                             NowText(service.clock().NowMillis())),
      service.ids(), service.jsonata());
  return run;
}

bool Inspecting(const TestStateRequest& request) {
  return request.level != InspectionLevel::kInfo;
}

void RunForReal(StatesService& service,
                const aws::RequestContext& context,
                std::shared_ptr<TestRun> run,
                aws::Reply reply) {
  Result<std::shared_ptr<const asl::StateMachine>> machine =
      service.ParseDefinition(run->machines.run, StateMachineType::kStandard);
  if (!machine.ok()) {
    reply(machine.status());
    return;
  }
  auto revision = std::make_shared<Revision>();
  revision->id = service.ids().Uuid();
  revision->definition = run->machines.run;
  revision->role_arn = run->request.role_arn;
  revision->type = StateMachineType::kExpress;
  revision->machine = std::move(machine).value();
  StartRequest start;
  start.revision = revision;
  start.account_id = context.account_id;
  start.input = run->request.input_text;
  start.context.execution_name = run->execution_name;
  start.context.execution_arn = run->execution_arn;
  start.context.state_machine_arn = run->machine_arn;
  start.context.state_machine_name = std::string(kMachineName);
  start.context.role_arn = revision->role_arn;
  start.context.region = context.region;
  start.context.record_history = true;
  auto seen = std::make_shared<Observation>();
  start.observer =
      [seen, tested = run->tested.name](const std::vector<interpreter::HistoryEvent>& events) {
        Observe(*seen, tested, events);
      };
  service.engine().StartExpress(
      std::move(start), [reply = std::move(reply), run, seen](const ExecutionResult& result) {
        std::lock_guard lock(seen->mu);
        TestStateOutcome outcome;
        if (result.status == ExecutionStatus::kSucceeded) {
          outcome.output = seen->exited_output;
          if (!outcome.output.has_value() && result.output.has_value()) {
            Result<Json> output = ParseJson(*result.output);
            outcome.output = output.ok() ? std::optional<Json>(*output) : std::nullopt;
          }
          outcome.next_state = seen->exited ? seen->next : std::string();
          outcome.assigned = seen->assigned;
        } else {
          outcome = run->evaluator->Failed(result.error.value_or(""), result.cause.value_or(""));
        }
        std::optional<Json> inspection;
        if (Inspecting(run->request)) {
          inspection = run->evaluator->Inspect(seen->result, outcome.assigned);
        }
        reply(Respond(outcome, std::move(inspection)));
      });
}

}  // namespace

void TestState(StatesService& service,
               const aws::RequestContext& context,
               Json input,
               aws::Reply reply) {
  Result<std::unique_ptr<TestRun>> prepared = Prepare(service, context, input);
  if (!prepared.ok()) {
    reply(prepared.status());
    return;
  }
  std::shared_ptr<TestRun> run = std::move(prepared).value();
  if (run->request.mock.has_value()) {
    TestStateOutcome outcome = run->evaluator->RunMocked();
    std::optional<Json> inspection;
    if (Inspecting(run->request)) {
      inspection = run->evaluator->Inspect(run->request.mock->result, outcome.assigned);
    }
    reply(Respond(outcome, std::move(inspection)));
    return;
  }
  RunForReal(service, context, std::move(run), std::move(reply));
}

}  // namespace stratus::states::api::handlers
