#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/handlers.h"
#include "states/api/request_fields.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
namespace {

constexpr size_t kDefaultPageSize = 100;
constexpr size_t kMaxTokenLength = 1024;

Result<Json> List(StatesService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "stateMachineArn"));
  STRATUS_ASSIGN_OR_RETURN(StatesArn parsed, ParseStatesArn(arn));
  if (parsed.kind != ArnKind::kStateMachine && parsed.kind != ArnKind::kStateMachineVersion) {
    return StatesApiError::InvalidArn(arn);
  }
  STRATUS_ASSIGN_OR_RETURN(int64_t max_results, MaxResults(input));
  STRATUS_ASSIGN_OR_RETURN(std::string token, NextToken(input, kMaxTokenLength));
  std::string after;
  if (!token.empty()) {
    STRATUS_ASSIGN_OR_RETURN(after, DecodePageToken(token));
  }
  if (!service.catalog().Find(parsed.StateMachineArn()).has_value()) {
    return StatesApiError::StateMachineDoesNotExist(arn);
  }
  const size_t page = max_results > 0 ? static_cast<size_t>(max_results) : kDefaultPageSize;
  Json output = {{"stateMachineAliases", Json::array()}};
  size_t count = 0;
  std::string last_name;
  for (const AliasRecord& alias : service.catalog().ListAliases(parsed.StateMachineArn())) {
    if (alias.name <= after) {
      continue;
    }
    if (count == page) {
      output["nextToken"] = EncodePageToken(last_name);
      break;
    }
    output["stateMachineAliases"].push_back({{"stateMachineAliasArn", alias.arn},
                                             {"creationDate", EpochSeconds(alias.created_millis)}});
    last_name = alias.name;
    ++count;
  }
  return output;
}

}  // namespace

void ListStateMachineAliases(StatesService& service,
                             const aws::RequestContext& /*context*/,
                             Json input,
                             aws::Reply reply) {
  reply(List(service, input));
}

}  // namespace stratus::states::api::handlers
