#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/execution_lookup.h"
#include "states/api/handlers.h"
#include "states/api/machine_json.h"
#include "states/api/request_fields.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

// Returns the ItemProcessor (or Iterator) of the Map state labelled `label`
// in `states` (a "States" object), searching Parallel branches and nested
// processors; null when there is none.
Json FindProcessor(const Json& states, std::string_view label) {
  if (!states.is_object()) {
    return nullptr;
  }
  for (const auto& [name, state] : states.items()) {
    if (!state.is_object()) {
      continue;
    }
    const Json* processor = nullptr;
    for (const char* member : {"ItemProcessor", "Iterator"}) {
      if (auto it = state.find(member); it != state.end() && it->is_object()) {
        processor = &*it;
      }
    }
    if (processor != nullptr) {
      if (state.value("Label", "") == label) {
        return *processor;
      }
      if (Json found = FindProcessor(processor->value("States", Json()), label); !found.is_null()) {
        return found;
      }
    }
    if (auto branches = state.find("Branches"); branches != state.end() && branches->is_array()) {
      for (const Json& branch : *branches) {
        if (!branch.is_object()) {
          continue;
        }
        if (Json found = FindProcessor(branch.value("States", Json()), label); !found.is_null()) {
          return found;
        }
      }
    }
  }
  return nullptr;
}

// AWS: pinned by test_sfn_api::test_describe_state_machine_for_execution.
Result<Json> Describe(StatesService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "executionArn"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> included,
                           OptionalString(input, "includedData"));
  STRATUS_ASSIGN_OR_RETURN(ExecutionRecord record, LookUpExecution(service.database(), arn));
  STRATUS_ASSIGN_OR_RETURN(std::shared_ptr<const Revision> revision,
                           service.catalog().FindRevision(record.revision_id));
  STRATUS_ASSIGN_OR_RETURN(StatesArn machine, ParseStatesArn(record.machine_arn));
  Json output = {{"stateMachineArn", record.machine_arn},
                 {"name", machine.machine_name},
                 {"roleArn", revision->role_arn},
                 {"updateDate", EpochSeconds(revision->updated_millis)},
                 {"loggingConfiguration", revision->logging},
                 {"tracingConfiguration", revision->tracing},
                 {"encryptionConfiguration", revision->encryption}};
  std::string definition = revision->definition;
  std::string label;
  if (!record.map_run_arn.empty()) {
    // A Map Run's child execution runs the ItemProcessor of the Map state
    // its machine ("parent/label") names; an unlabelled Map's generated
    // label names none, and the parent's definition stands.
    if (const size_t slash = machine.machine_name.rfind('/'); slash != std::string::npos) {
      label = machine.machine_name.substr(slash + 1);
    }
    Result<Json> parsed = ParseJson(definition);
    if (parsed.ok() && parsed->is_object()) {
      if (Json processor = FindProcessor(parsed->value("States", Json()), label);
          !processor.is_null()) {
        definition = DumpJson(processor);
      }
    }
  }
  AddDefinition(definition, included.value_or("ALL_DATA") != "METADATA_ONLY", output);
  std::optional<StateMachineRecord> current = service.catalog().Find(record.machine_arn);
  if (!record.version_arn.empty() || (current.has_value() && current->revised)) {
    output["revisionId"] = revision->id;
  }
  if (!record.map_run_arn.empty()) {
    output["mapRunArn"] = record.map_run_arn;
    output["label"] = label;
  }
  return output;
}

}  // namespace

void DescribeStateMachineForExecution(StatesService& service,
                                      const aws::RequestContext& /*context*/,
                                      Json input,
                                      aws::Reply reply) {
  reply(Describe(service, input));
}

}  // namespace stratus::states::api::handlers
