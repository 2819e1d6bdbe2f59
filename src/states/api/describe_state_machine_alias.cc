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
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "stateMachineAliasArn"));
  STRATUS_ASSIGN_OR_RETURN(StatesArn parsed, ParseStatesArn(arn));
  if (parsed.kind != ArnKind::kStateMachineAlias) {
    return StatesApiError::InvalidArn(arn);
  }
  std::optional<AliasRecord> alias = service.catalog().FindAlias(arn);
  if (!alias.has_value()) {
    return StatesApiError::ResourceNotFound("Request references a resource that does not exist.");
  }
  Json output = {{"stateMachineAliasArn", alias->arn},
                 {"name", alias->name},
                 {"routingConfiguration", RoutingJson(alias->routing)},
                 {"creationDate", EpochSeconds(alias->created_millis)},
                 {"updateDate", EpochSeconds(alias->updated_millis)}};
  if (!alias->description.empty()) {
    output["description"] = alias->description;
  }
  return output;
}

}  // namespace

void DescribeStateMachineAlias(StatesService& service,
                               const aws::RequestContext& /*context*/,
                               Json input,
                               aws::Reply reply) {
  reply(Describe(service, input));
}

}  // namespace stratus::states::api::handlers
