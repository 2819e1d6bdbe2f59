#include "states/api/arn.h"
#include "states/api/encryption_configuration.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

Result<UpdateMachineRequest> Parse(StatesService& service, const Json& input) {
  UpdateMachineRequest request;
  STRATUS_ASSIGN_OR_RETURN(request.arn, RequiredString(input, "stateMachineArn"));
  STRATUS_ASSIGN_OR_RETURN(StatesArn parsed, ParseStatesArn(request.arn));
  if (parsed.kind != ArnKind::kStateMachine) {
    return StatesApiError::InvalidArn(request.arn);
  }
  STRATUS_ASSIGN_OR_RETURN(request.definition, OptionalString(input, "definition"));
  STRATUS_ASSIGN_OR_RETURN(request.role_arn, OptionalString(input, "roleArn"));
  if (input.contains("loggingConfiguration") && input["loggingConfiguration"].is_object()) {
    request.logging = input["loggingConfiguration"];
  }
  if (input.contains("tracingConfiguration") && input["tracingConfiguration"].is_object()) {
    request.tracing = input["tracingConfiguration"];
  }
  STRATUS_ASSIGN_OR_RETURN(request.encryption, ParseEncryptionConfiguration(input));
  STRATUS_ASSIGN_OR_RETURN(request.publish, OptionalBool(input, "publish", false));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> description,
                           OptionalString(input, "versionDescription"));
  if (description.has_value() && !request.publish) {
    return StatesApiError::Validation("Version description can only be set when publish is true");
  }
  request.version_description = description.value_or("");
  // AWS: recorded as test_create_update_state_machine_base_update_none.
  if (!request.definition && !request.role_arn && !request.logging && !request.tracing &&
      !request.encryption) {
    return StatesApiError::MissingRequiredParameter(
        "Either the definition, the role ARN, the LoggingConfiguration, or the "
        "TracingConfiguration must be specified");
  }
  std::optional<StateMachineRecord> machine = service.catalog().Find(request.arn);
  if (!machine.has_value()) {
    return StatesApiError::StateMachineDoesNotExist(request.arn);
  }
  if (request.role_arn.has_value() && !IsValidRoleArn(*request.role_arn)) {
    return StatesApiError::InvalidRoleArn(*request.role_arn);
  }
  if (request.definition.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(request.machine,
                             service.ParseDefinition(*request.definition, machine->type));
  }
  return request;
}

}  // namespace

void UpdateStateMachine(StatesService& service,
                        const aws::RequestContext& /*context*/,
                        Json input,
                        aws::Reply reply) {
  Result<UpdateMachineRequest> request = Parse(service, input);
  if (!request.ok()) {
    reply(request.status());
    return;
  }
  service.catalog().Update(std::move(request).value(),
                           [reply = std::move(reply)](Result<UpdateMachineOutcome> outcome) {
                             if (!outcome.ok()) {
                               reply(StatesApiError::FromEngine(outcome.status()));
                               return;
                             }
                             Json output = {{"updateDate", EpochSeconds(outcome->updated_millis)},
                                            {"revisionId", outcome->revision_id}};
                             if (!outcome->version_arn.empty()) {
                               output["stateMachineVersionArn"] = outcome->version_arn;
                             }
                             reply(std::move(output));
                           });
}

}  // namespace stratus::states::api::handlers
