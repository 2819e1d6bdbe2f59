#include "states/api/handlers.h"
#include "states/api/map_run_store.h"
#include "states/api/request_fields.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

Result<Json> Describe(StatesService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "mapRunArn"));
  STRATUS_ASSIGN_OR_RETURN(MapRunRow row, LookUpMapRun(service.database(), arn));
  return std::move(row.describe);
}

}  // namespace

void DescribeMapRun(StatesService& service,
                    const aws::RequestContext& /*context*/,
                    Json input,
                    aws::Reply reply) {
  reply(Describe(service, input));
}

}  // namespace stratus::states::api::handlers
