#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/routing_configuration.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

Result<AliasRequest> Parse(StatesService& service, const Json& input) {
  AliasRequest request;
  STRATUS_ASSIGN_OR_RETURN(request.arn, RequiredString(input, "stateMachineAliasArn"));
  STRATUS_ASSIGN_OR_RETURN(StatesArn parsed, ParseStatesArn(request.arn));
  if (parsed.kind != ArnKind::kStateMachineAlias) {
    return StatesApiError::InvalidArn(request.arn);
  }
  request.machine_arn = parsed.StateMachineArn();
  STRATUS_ASSIGN_OR_RETURN(request.description, OptionalString(input, "description"));
  if (input.contains("routingConfiguration") && !input["routingConfiguration"].is_null()) {
    STRATUS_ASSIGN_OR_RETURN(request.routing,
                             ParseRoutingConfiguration(input["routingConfiguration"],
                                                       request.machine_arn, service.catalog()));
  }
  if (!request.description.has_value() && !request.routing.has_value()) {
    return StatesApiError::Validation(
        "Either the description or the RoutingConfiguration must be specified");
  }
  return request;
}

}  // namespace

void UpdateStateMachineAlias(StatesService& service,
                             const aws::RequestContext& /*context*/,
                             Json input,
                             aws::Reply reply) {
  Result<AliasRequest> request = Parse(service, input);
  if (!request.ok()) {
    reply(request.status());
    return;
  }
  service.catalog().UpdateAlias(std::move(request).value(),
                                [reply = std::move(reply)](Result<AliasRecord> alias) {
                                  if (!alias.ok()) {
                                    reply(StatesApiError::FromEngine(alias.status()));
                                    return;
                                  }
                                  reply(Json{{"updateDate", EpochSeconds(alias->updated_millis)}});
                                });
}

}  // namespace stratus::states::api::handlers
