#include "base/format.h"
#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {

// AWS: deleting an unknown state machine succeeds (test_delete_nonexistent_sm).
void DeleteStateMachine(StatesService& service,
                        const aws::RequestContext& /*context*/,
                        Json input,
                        aws::Reply reply) {
  Result<std::string> arn = RequiredString(input, "stateMachineArn");
  if (!arn.ok()) {
    reply(arn.status());
    return;
  }
  Result<StatesArn> parsed = ParseStatesArn(*arn);
  if (!parsed.ok()) {
    reply(parsed.status());
    return;
  }
  if (parsed->kind != ArnKind::kStateMachine) {
    reply(StatesApiError::Validation(
        Format("Use DeleteStateMachineVersion or DeleteStateMachineAlias to delete '{}'", *arn)));
    return;
  }
  service.catalog().Delete(std::move(arn).value(), ReplyAfterCommit(std::move(reply)));
}

}  // namespace stratus::states::api::handlers
