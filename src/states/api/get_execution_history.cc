#include <charconv>

#include "states/api/execution_lookup.h"
#include "states/api/execution_store.h"
#include "states/api/handlers.h"
#include "states/api/list_pages.h"
#include "states/api/request_fields.h"
#include "states/api/states_service.h"
#include "storage/database.h"

namespace stratus::states::api::handlers {
namespace {

constexpr size_t kDefaultPageSize = 100;
constexpr size_t kMaxTokenLength = 3096;

// AWS: includeExecutionData=false leaves out the payloads.
void StripPayloads(Json& event) {
  for (auto& [key, details] : event.items()) {
    if (details.is_object() && key.ends_with("EventDetails")) {
      details.erase("input");
      details.erase("output");
      details.erase("parameters");
    }
  }
}

Result<Json> History(StatesService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "executionArn"));
  STRATUS_ASSIGN_OR_RETURN(int64_t max_results, MaxResults(input));
  STRATUS_ASSIGN_OR_RETURN(bool reverse, OptionalBool(input, "reverseOrder", false));
  STRATUS_ASSIGN_OR_RETURN(bool include_data, OptionalBool(input, "includeExecutionData", true));
  STRATUS_ASSIGN_OR_RETURN(std::string token, NextToken(input, kMaxTokenLength));
  // The token is bound to the execution and the order (list_pages.h).
  const std::string scope = PageScope("events", {arn, reverse ? "reverse" : "forward"});
  int64_t cursor = 0;
  if (!token.empty()) {
    STRATUS_ASSIGN_OR_RETURN(std::string position, DecodePageToken(token, scope));
    std::from_chars(position.data(), position.data() + position.size(), cursor);
  }
  STRATUS_ASSIGN_OR_RETURN(ExecutionRecord record, LookUpExecution(service.database(), arn));
  const size_t page = max_results > 0 ? static_cast<size_t>(max_results) : kDefaultPageSize;
  std::vector<std::string> bodies;
  STRATUS_RETURN_IF_ERROR(service.database().Read([&](storage::Transaction& txn) -> Status {
    STRATUS_ASSIGN_OR_RETURN(bodies, ReadHistory(txn, record.id, cursor, reverse, page + 1));
    return Status::Ok();
  }));
  Json output = {{"events", Json::array()}};
  for (size_t i = 0; i < bodies.size() && i < page; ++i) {
    STRATUS_ASSIGN_OR_RETURN(Json event, ParseJson(bodies[i]));
    if (!include_data) {
      StripPayloads(event);
    }
    output["events"].push_back(std::move(event));
  }
  if (bodies.size() > page) {
    output["nextToken"] =
        EncodePageToken(std::to_string(output["events"].back().value("id", int64_t{0})), scope);
  }
  return output;
}

}  // namespace

void GetExecutionHistory(StatesService& service,
                         const aws::RequestContext& /*context*/,
                         Json input,
                         aws::Reply reply) {
  reply(History(service, input));
}

}  // namespace stratus::states::api::handlers
