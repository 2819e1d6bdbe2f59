#include "states/api/execution_json.h"
#include "states/api/execution_lookup.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

Result<Json> Describe(StatesService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "executionArn"));
  STRATUS_ASSIGN_OR_RETURN(ExecutionRecord record, LookUpExecution(service.database(), arn));
  return DescribeExecutionJson(record);
}

}  // namespace

void DescribeExecution(StatesService& service,
                       const aws::RequestContext& /*context*/,
                       Json input,
                       aws::Reply reply) {
  reply(Describe(service, input));
}

}  // namespace stratus::states::api::handlers
