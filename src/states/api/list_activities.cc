#include "states/api/activity_registry.h"
#include "states/api/arn.h"
#include "states/api/handlers.h"
#include "states/api/list_pages.h"
#include "states/api/request_fields.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

Result<Json> List(StatesService& service, const aws::RequestContext& context, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(ListPage page, ListPage::Read(input, "activities"));
  const std::string prefix = MakeActivityArn(context.region, context.account_id, "");
  for (const ActivityRecord& activity :
       service.activities().List(prefix, page.after(), page.size() + 1)) {
    Json item = {{"activityArn", activity.arn},
                 {"name", activity.name},
                 {"creationDate", EpochSeconds(activity.created_millis)}};
    if (!page.Add(std::move(item), activity.name)) {
      break;
    }
  }
  return std::move(page).Finish();
}

}  // namespace

void ListActivities(StatesService& service,
                    const aws::RequestContext& context,
                    Json input,
                    aws::Reply reply) {
  reply(List(service, context, input));
}

}  // namespace stratus::states::api::handlers
