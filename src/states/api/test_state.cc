#include <algorithm>
#include <memory>
#include <mutex>

#include "base/format.h"
#include "base/random.h"
#include "states/api/errors.h"
#include "states/api/execution_engine.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/states_service.h"
#include "states/asl/retry_policy.h"

namespace stratus::states::api::handlers {
namespace {

// The state under test, wrapped into a one-state machine whose successor
// states are Succeed stubs, so that the state runs exactly as in a machine
// and the stub it reaches names the next state.
struct Wrapped {
  std::string state_name = {};
  std::string definition = {};
  std::string next_state = {};  // "Next" of the tested state.
  Json retry = Json::array();
  std::vector<std::string> catch_targets = {};
};

std::string TypeOf(const Json& state) {
  return StringMember(state, "Type");
}

void AddStub(Json& states, const Json& target) {
  if (target.is_string() && !states.contains(target.get<std::string>())) {
    states[target.get<std::string>()] = {{"Type", "Succeed"}};
  }
}

Result<Wrapped> Wrap(const std::string& definition, const std::optional<std::string>& name) {
  Result<Json> parsed = ParseJson(definition);
  if (!parsed.ok() || !parsed->is_object()) {
    return StatesApiError::InvalidDefinition(
        "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: the state is not a JSON "
        "object'");
  }
  Json state = *parsed;
  Wrapped wrapped{.state_name = name.value_or("TestState")};
  if (state.contains("States") && state["States"].is_object()) {
    // A whole machine: test the named state (or StartAt).
    wrapped.state_name = name.value_or(StringMember(state, "StartAt"));
    if (!state["States"].contains(wrapped.state_name)) {
      return StatesApiError::Validation(
          Format("State '{}' does not exist in the definition", wrapped.state_name));
    }
    state = state["States"][wrapped.state_name];
  }
  if (!state.is_object()) {
    return StatesApiError::InvalidDefinition(
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: the state must be an "
        "object'");
  }
  const std::string type = TypeOf(state);
  if (state.contains("Retry")) {
    wrapped.retry = state["Retry"];
    state.erase("Retry");
  }
  Json states = Json::object();
  if (type == "Wait") {
    // AWS: TestState does not wait.
    state = Json{{"Type", "Pass"},
                 {"Next", MemberOrNull(state, "Next")},
                 {"End", MemberOrNull(state, "End").is_boolean() && state["End"].get<bool>()}};
    for (const char* field : {"InputPath", "OutputPath", "Comment"}) {
      if (parsed->contains(field)) {
        state[field] = (*parsed)[field];
      }
    }
    if (state["Next"].is_null()) {
      state.erase("Next");
    }
  }
  if (state.contains("Next")) {
    wrapped.next_state = StringMember(state, "Next");
    AddStub(states, state["Next"]);
  }
  if (type == "Choice") {
    const Json choices = MemberOrNull(state, "Choices");
    for (const Json& choice : choices.is_array() ? choices : Json::array()) {
      AddStub(states, MemberOrNull(choice, "Next"));
    }
    AddStub(states, MemberOrNull(state, "Default"));
  }
  const Json catchers = MemberOrNull(state, "Catch");
  for (const Json& catcher : catchers.is_array() ? catchers : Json::array()) {
    AddStub(states, MemberOrNull(catcher, "Next"));
    wrapped.catch_targets.push_back(StringMember(catcher, "Next"));
  }
  states[wrapped.state_name] = state;
  Json machine = {{"StartAt", wrapped.state_name}, {"States", std::move(states)}};
  if (parsed->contains("QueryLanguage")) {
    machine["QueryLanguage"] = (*parsed)["QueryLanguage"];
  }
  wrapped.definition = DumpJson(machine);
  return wrapped;
}

// Collects what TestState reports from the history as it is produced.
struct Observation {
  std::mutex mu;
  std::string entered_next;  // Guarded by mu. The first state entered after the tested one.
  Json after_parameters;     // Guarded by mu.
  Json result;               // Guarded by mu.
};

void Observe(Observation& seen,
             const std::string& tested,
             const std::vector<interpreter::HistoryEvent>& events) {
  std::lock_guard lock(seen.mu);
  for (const interpreter::HistoryEvent& event : events) {
    const std::string type(interpreter::HistoryEventTypeName(event.type));
    const Json& details = event.details;
    if (type.ends_with("StateEntered") && StringMember(details, "name") != tested &&
        seen.entered_next.empty()) {
      seen.entered_next = StringMember(details, "name");
    } else if (type == "TaskScheduled" && !StringMember(details, "parameters").empty()) {
      Result<Json> parameters = ParseJson(StringMember(details, "parameters"));
      seen.after_parameters = parameters.ok() ? *parameters : Json();
    } else if (type == "TaskSucceeded" && !StringMember(details, "output").empty()) {
      Result<Json> output = ParseJson(StringMember(details, "output"));
      seen.result = output.ok() ? *output : Json();
    }
  }
}

Json Respond(const Wrapped& wrapped,
             const std::string& input,
             Observation& seen,
             const ExecutionResult& result) {
  std::lock_guard lock(seen.mu);
  Json output = Json::object();
  Json inspection = {{"input", input}};
  if (!seen.after_parameters.is_null()) {
    inspection["afterParameters"] = DumpJson(seen.after_parameters);
  }
  if (!seen.result.is_null()) {
    inspection["result"] = DumpJson(seen.result);
  }
  output["inspectionData"] = std::move(inspection);
  const bool caught = !seen.entered_next.empty() &&
                      std::find(wrapped.catch_targets.begin(), wrapped.catch_targets.end(),
                                seen.entered_next) != wrapped.catch_targets.end() &&
                      seen.entered_next != wrapped.next_state;
  if (result.status == ExecutionStatus::kSucceeded) {
    output["status"] = caught ? "CAUGHT_ERROR" : "SUCCEEDED";
    if (result.output.has_value()) {
      output["output"] = *result.output;
    }
    const std::string next = seen.entered_next.empty() ? wrapped.next_state : seen.entered_next;
    if (!next.empty()) {
      output["nextState"] = next;
    }
    return output;
  }
  const std::string error = result.error.value_or("");
  std::vector<asl::Retrier> retriers;
  for (const Json& retrier : wrapped.retry.is_array() ? wrapped.retry : Json::array()) {
    asl::Retrier parsed;
    const Json names = MemberOrNull(retrier, "ErrorEquals");
    for (const Json& name : names.is_array() ? names : Json::array()) {
      parsed.error_equals.push_back(name.is_string() ? name.get<std::string>() : "");
    }
    retriers.push_back(std::move(parsed));
  }
  output["status"] = asl::FindRetrier(retriers, error) >= 0 ? "RETRIABLE" : "FAILED";
  if (result.error.has_value()) {
    output["error"] = *result.error;
  }
  if (result.cause.has_value()) {
    output["cause"] = *result.cause;
  }
  return output;
}

}  // namespace

void TestState(StatesService& service,
               const aws::RequestContext& context,
               Json input,
               aws::Reply reply) {
  Result<std::string> definition = RequiredString(input, "definition");
  Result<std::optional<std::string>> state_name = OptionalString(input, "stateName");
  Result<std::optional<std::string>> text = OptionalString(input, "input");
  Result<std::optional<std::string>> role = OptionalString(input, "roleArn");
  for (const Status& status :
       {definition.status(), state_name.status(), text.status(), role.status()}) {
    if (!status.ok()) {
      reply(status);
      return;
    }
  }
  const std::string execution_input = text->value_or("{}");
  if (Result<Json> parsed = ParseJson(execution_input); !parsed.ok()) {
    reply(StatesApiError::InvalidExecutionInput(parsed.status().message()));
    return;
  }
  Result<Wrapped> wrapped = Wrap(*definition, *state_name);
  if (!wrapped.ok()) {
    reply(wrapped.status());
    return;
  }
  Result<std::shared_ptr<const asl::StateMachine>> machine =
      service.ParseDefinition(wrapped->definition, StateMachineType::kStandard);
  if (!machine.ok()) {
    reply(machine.status());
    return;
  }
  auto revision = std::make_shared<Revision>();
  revision->id = service.ids().Uuid();
  revision->definition = wrapped->definition;
  revision->role_arn = role->value_or("");
  revision->type = StateMachineType::kExpress;
  revision->machine = std::move(machine).value();
  const std::string machine_name = "TestState";
  StartRequest request;
  request.revision = revision;
  request.account_id = context.account_id;
  request.input = execution_input;
  request.context.execution_name = service.ids().Uuid();
  request.context.execution_arn =
      Format("arn:aws:states:{}:{}:express:{}:{}:{}", context.region, context.account_id,
             machine_name, request.context.execution_name, service.ids().Uuid());
  request.context.state_machine_arn = Format("arn:aws:states:{}:{}:stateMachine:{}", context.region,
                                             context.account_id, machine_name);
  request.context.state_machine_name = machine_name;
  request.context.role_arn = revision->role_arn;
  request.context.region = context.region;
  request.context.record_history = true;
  auto seen = std::make_shared<Observation>();
  request.observer =
      [seen, tested = wrapped->state_name](const std::vector<interpreter::HistoryEvent>& events) {
        Observe(*seen, tested, events);
      };
  service.engine().StartExpress(std::move(request),
                                [reply = std::move(reply), wrapped = *wrapped, execution_input,
                                 seen](const ExecutionResult& result) {
                                  reply(Respond(wrapped, execution_input, *seen, result));
                                });
}

}  // namespace stratus::states::api::handlers
