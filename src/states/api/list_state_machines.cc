#include "base/format.h"
#include "states/api/handlers.h"
#include "states/api/machine_json.h"
#include "states/api/request_fields.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

constexpr size_t kDefaultPageSize = 100;
constexpr size_t kMaxTokenLength = 1024;

Result<Json> List(StatesService& service, const aws::RequestContext& context, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(int64_t max_results, MaxResults(input));
  STRATUS_ASSIGN_OR_RETURN(std::string token, NextToken(input, kMaxTokenLength));
  std::string after;
  if (!token.empty()) {
    STRATUS_ASSIGN_OR_RETURN(after, DecodePageToken(token));
  }
  const size_t page = max_results > 0 ? static_cast<size_t>(max_results) : kDefaultPageSize;
  const std::string prefix =
      Format("arn:aws:states:{}:{}:stateMachine:", context.region, context.account_id);
  std::vector<StateMachineRecord> machines = service.catalog().List(prefix, after, page + 1);
  Json output = {{"stateMachines", Json::array()}};
  for (size_t i = 0; i < machines.size() && i < page; ++i) {
    output["stateMachines"].push_back(MachineListItemJson(machines[i]));
  }
  if (machines.size() > page) {
    output["nextToken"] = EncodePageToken(machines[page - 1].name);
  }
  return output;
}

}  // namespace

void ListStateMachines(StatesService& service,
                       const aws::RequestContext& context,
                       Json input,
                       aws::Reply reply) {
  reply(List(service, context, input));
}

}  // namespace stratus::states::api::handlers
