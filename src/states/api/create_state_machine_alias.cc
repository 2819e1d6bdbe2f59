#include "base/format.h"
#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/resource_names.h"
#include "states/api/routing_configuration.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

constexpr size_t kMaxAliasName = 80;

// Returns the machine the routing's first entry belongs to, or "".
std::string MachineOfRouting(const Json& routing) {
  if (!routing.is_array() || routing.empty()) {
    return {};
  }
  Result<StatesArn> parsed = ParseStatesArn(StringMember(routing[0], "stateMachineVersionArn"));
  return parsed.ok() ? parsed->StateMachineArn() : std::string();
}

Result<AliasRequest> Parse(StatesService& service, const Json& input) {
  AliasRequest request;
  STRATUS_ASSIGN_OR_RETURN(request.name, RequiredString(input, "name"));
  if (request.name.size() > kMaxAliasName) {
    return StatesApiError::ValidationConstraint(request.name, "name",
                                                "Member must have length less than or equal to 80");
  }
  if (!IsValidAliasName(request.name)) {
    return StatesApiError::ValidationConstraint(request.name, "name",
                                                "Member must satisfy regular expression pattern: "
                                                "^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");
  }
  STRATUS_ASSIGN_OR_RETURN(request.description, OptionalString(input, "description"));
  const Json routing = MemberOrNull(input, "routingConfiguration");
  request.machine_arn = MachineOfRouting(routing);
  STRATUS_ASSIGN_OR_RETURN(
      request.routing, ParseRoutingConfiguration(routing, request.machine_arn, service.catalog()));
  if (!service.catalog().Find(request.machine_arn).has_value()) {
    return StatesApiError::ResourceNotFound("Request references a resource that does not exist.");
  }
  request.arn = Format("{}:{}", request.machine_arn, request.name);
  return request;
}

}  // namespace

void CreateStateMachineAlias(StatesService& service,
                             const aws::RequestContext& /*context*/,
                             Json input,
                             aws::Reply reply) {
  Result<AliasRequest> request = Parse(service, input);
  if (!request.ok()) {
    reply(request.status());
    return;
  }
  service.catalog().CreateAlias(
      std::move(request).value(), [reply = std::move(reply)](Result<AliasRecord> alias) {
        if (!alias.ok()) {
          reply(StatesApiError::FromEngine(alias.status()));
          return;
        }
        reply(Json{{"stateMachineAliasArn", alias->arn},
                   {"creationDate", EpochSeconds(alias->created_millis)}});
      });
}

}  // namespace stratus::states::api::handlers
