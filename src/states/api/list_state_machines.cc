#include "states/api/arn.h"
#include "states/api/handlers.h"
#include "states/api/list_pages.h"
#include "states/api/machine_json.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

Result<Json> List(StatesService& service, const aws::RequestContext& context, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(ListPage page, ListPage::Read(input, "stateMachines"));
  const std::string prefix = MakeStateMachineArn(context.region, context.account_id, "");
  for (const StateMachineRecord& machine :
       service.catalog().List(prefix, page.after(), page.size() + 1)) {
    if (!page.Add(MachineListItemJson(machine), machine.name)) {
      break;
    }
  }
  return std::move(page).Finish();
}

}  // namespace

void ListStateMachines(StatesService& service,
                       const aws::RequestContext& context,
                       Json input,
                       aws::Reply reply) {
  reply(List(service, context, input));
}

}  // namespace stratus::states::api::handlers
