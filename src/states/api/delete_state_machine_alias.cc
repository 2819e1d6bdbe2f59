#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {

// AWS: deleting an unknown alias succeeds (test_delete_no_such_alias_arn).
void DeleteStateMachineAlias(StatesService& service,
                             const aws::RequestContext& /*context*/,
                             Json input,
                             aws::Reply reply) {
  Result<std::string> arn = RequiredString(input, "stateMachineAliasArn");
  if (!arn.ok()) {
    reply(arn.status());
    return;
  }
  Result<StatesArn> parsed = ParseStatesArn(*arn);
  if (!parsed.ok() || parsed->kind != ArnKind::kStateMachineAlias) {
    reply(parsed.ok() ? StatesApiError::InvalidArn(*arn) : parsed.status());
    return;
  }
  service.catalog().DeleteAlias(std::move(arn).value(), ReplyAfterCommit(std::move(reply)));
}

}  // namespace stratus::states::api::handlers
