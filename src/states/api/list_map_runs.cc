#include <charconv>

#include "base/format.h"
#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/execution_lookup.h"
#include "states/api/handlers.h"
#include "states/api/map_run_store.h"
#include "states/api/request_fields.h"
#include "states/api/states_service.h"
#include "storage/database.h"

namespace stratus::states::api::handlers {
namespace {

constexpr size_t kDefaultPageSize = 100;
constexpr size_t kMaxTokenLength = 1024;

Result<Json> List(StatesService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "executionArn"));
  STRATUS_ASSIGN_OR_RETURN(int64_t max_results, MaxResults(input));
  STRATUS_ASSIGN_OR_RETURN(std::string token, NextToken(input, kMaxTokenLength));
  STRATUS_RETURN_IF_ERROR(LookUpExecution(service.database(), arn).status());
  int64_t before_id = 0;
  if (!token.empty()) {
    STRATUS_ASSIGN_OR_RETURN(std::string position, DecodePageToken(token));
    std::from_chars(position.data(), position.data() + position.size(), before_id);
  }
  const size_t page = max_results > 0 ? static_cast<size_t>(max_results) : kDefaultPageSize;
  std::vector<MapRunRow> rows;
  STRATUS_RETURN_IF_ERROR(service.database().Read([&](storage::Transaction& txn) -> Status {
    STRATUS_ASSIGN_OR_RETURN(rows, ListMapRunRows(txn, arn, before_id, page + 1));
    return Status::Ok();
  }));
  Json output = {{"mapRuns", Json::array()}};
  for (size_t i = 0; i < rows.size() && i < page; ++i) {
    Json item = {{"executionArn", rows[i].execution_arn},
                 {"mapRunArn", rows[i].arn},
                 {"stateMachineArn", rows[i].state_machine_arn},
                 {"startDate", EpochSeconds(rows[i].start_millis)}};
    if (rows[i].stop_millis > 0) {
      item["stopDate"] = EpochSeconds(rows[i].stop_millis);
    }
    output["mapRuns"].push_back(std::move(item));
  }
  if (rows.size() > page) {
    output["nextToken"] = EncodePageToken(std::to_string(rows[page - 1].id));
  }
  return output;
}

}  // namespace

void ListMapRuns(StatesService& service,
                 const aws::RequestContext& /*context*/,
                 Json input,
                 aws::Reply reply) {
  reply(List(service, input));
}

}  // namespace stratus::states::api::handlers
