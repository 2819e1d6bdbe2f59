#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/list_pages.h"
#include "states/api/request_fields.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

Result<Json> List(StatesService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "stateMachineArn"));
  STRATUS_ASSIGN_OR_RETURN(StatesArn parsed, ParseStatesArn(arn));
  if (parsed.kind != ArnKind::kStateMachine && parsed.kind != ArnKind::kStateMachineVersion) {
    return StatesApiError::InvalidArn(arn);
  }
  STRATUS_ASSIGN_OR_RETURN(ListPage page, ListPage::Read(input, "stateMachineAliases", {arn}));
  if (!service.catalog().Find(parsed.StateMachineArn()).has_value()) {
    return StatesApiError::StateMachineDoesNotExist(arn);
  }
  for (const AliasRecord& alias : service.catalog().ListAliases(parsed.StateMachineArn())) {
    if (alias.name <= page.after()) {
      continue;
    }
    Json item = {{"stateMachineAliasArn", alias.arn},
                 {"creationDate", EpochSeconds(alias.created_millis)}};
    if (!page.Add(std::move(item), alias.name)) {
      break;
    }
  }
  return std::move(page).Finish();
}

}  // namespace

void ListStateMachineAliases(StatesService& service,
                             const aws::RequestContext& /*context*/,
                             Json input,
                             aws::Reply reply) {
  reply(List(service, input));
}

}  // namespace stratus::states::api::handlers
