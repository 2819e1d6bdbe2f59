#include <charconv>

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
  if (parsed.kind != ArnKind::kStateMachine) {
    return StatesApiError::InvalidArn(arn);
  }
  STRATUS_ASSIGN_OR_RETURN(int64_t max_results, MaxResults(input));
  STRATUS_ASSIGN_OR_RETURN(std::string token, NextToken(input, kMaxTokenLength));
  int64_t below = INT64_MAX;
  if (!token.empty()) {
    STRATUS_ASSIGN_OR_RETURN(std::string position, DecodePageToken(token));
    std::from_chars(position.data(), position.data() + position.size(), below);
  }
  const size_t page = max_results > 0 ? static_cast<size_t>(max_results) : kDefaultPageSize;
  Json output = {{"stateMachineVersions", Json::array()}};
  size_t count = 0;
  for (const VersionRecord& version : service.catalog().ListVersions(arn)) {
    if (version.version >= below) {
      continue;
    }
    if (count == page) {
      output["nextToken"] = EncodePageToken(std::to_string(version.version + 1));
      break;
    }
    output["stateMachineVersions"].push_back(
        {{"stateMachineVersionArn", version.arn},
         {"creationDate", EpochSeconds(version.created_millis)}});
    ++count;
  }
  return output;
}

}  // namespace

void ListStateMachineVersions(StatesService& service,
                              const aws::RequestContext& /*context*/,
                              Json input,
                              aws::Reply reply) {
  reply(List(service, input));
}

}  // namespace stratus::states::api::handlers
