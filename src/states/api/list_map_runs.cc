#include "states/api/execution_lookup.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

// Inline and distributed Map states run inside their execution here; there
// are no child map runs to list.
Result<Json> List(StatesService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "executionArn"));
  STRATUS_RETURN_IF_ERROR(LookUpExecution(service.database(), arn).status());
  return Json{{"mapRuns", Json::array()}};
}

}  // namespace

void ListMapRuns(StatesService& service,
                 const aws::RequestContext& /*context*/,
                 Json input,
                 aws::Reply reply) {
  reply(List(service, input));
}

}  // namespace stratus::states::api::handlers
