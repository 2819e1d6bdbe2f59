#include "base/format.h"
#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/machine_json.h"
#include "states/api/request_fields.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

Result<Json> Describe(StatesService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "stateMachineArn"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> included,
                           OptionalString(input, "includedData"));
  const bool include_definition = included.value_or("ALL_DATA") != "METADATA_ONLY";
  STRATUS_ASSIGN_OR_RETURN(StatesArn parsed, ParseStatesArn(arn));
  StateMachineCatalog& catalog = service.catalog();
  if (parsed.kind == ArnKind::kStateMachine) {
    std::optional<StateMachineRecord> machine = catalog.Find(arn);
    if (!machine.has_value()) {
      return StatesApiError::StateMachineDoesNotExist(arn);
    }
    return DescribeMachineJson(*machine, include_definition);
  }
  if (parsed.kind == ArnKind::kStateMachineVersion) {
    std::optional<VersionRecord> version = catalog.FindVersion(arn);
    std::optional<StateMachineRecord> machine = catalog.Find(parsed.StateMachineArn());
    if (!version.has_value() || !machine.has_value()) {
      return StatesApiError::StateMachineDoesNotExist(arn);
    }
    return DescribeVersionJson(*machine, *version, include_definition);
  }
  if (parsed.kind == ArnKind::kStateMachineAlias) {
    return StatesApiError::StateMachineDoesNotExist(arn);
  }
  return StatesApiError::InvalidArn(Format("Resource type not valid in this context: {}", arn));
}

}  // namespace

void DescribeStateMachine(StatesService& service,
                          const aws::RequestContext& /*context*/,
                          Json input,
                          aws::Reply reply) {
  reply(Describe(service, input));
}

}  // namespace stratus::states::api::handlers
