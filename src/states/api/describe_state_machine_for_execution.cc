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
                 {"tracingConfiguration", revision->tracing}};
  AddDefinition(revision->definition, included.value_or("ALL_DATA") != "METADATA_ONLY", output);
  std::optional<StateMachineRecord> current = service.catalog().Find(record.machine_arn);
  if (!record.version_arn.empty() || (current.has_value() && current->revised)) {
    output["revisionId"] = revision->id;
  }
  if (!record.map_run_arn.empty()) {
    // A Map Run's child execution: its machine is "parent/label".
    // TODO(#3): AWS answers with the ItemProcessor's definition; this is the
    // parent's whole definition.
    output["mapRunArn"] = record.map_run_arn;
    if (const size_t slash = machine.machine_name.rfind('/'); slash != std::string::npos) {
      output["label"] = machine.machine_name.substr(slash + 1);
    }
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
