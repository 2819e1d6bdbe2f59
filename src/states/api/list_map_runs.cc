#include <charconv>

#include "states/api/execution_lookup.h"
#include "states/api/handlers.h"
#include "states/api/list_pages.h"
#include "states/api/map_run_store.h"
#include "states/api/request_fields.h"
#include "states/api/states_service.h"
#include "storage/database.h"

namespace stratus::states::api::handlers {
namespace {

Result<Json> List(StatesService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "executionArn"));
  STRATUS_ASSIGN_OR_RETURN(ListPage page, ListPage::Read(input, "mapRuns", {arn}));
  STRATUS_RETURN_IF_ERROR(LookUpExecution(service.database(), arn).status());
  int64_t before_id = 0;
  const std::string& after = page.after();
  std::from_chars(after.data(), after.data() + after.size(), before_id);
  std::vector<MapRunRow> rows;
  STRATUS_RETURN_IF_ERROR(service.database().Read([&](storage::Transaction& txn) -> Status {
    STRATUS_ASSIGN_OR_RETURN(rows, ListMapRunRows(txn, arn, before_id, page.size() + 1));
    return Status::Ok();
  }));
  for (const MapRunRow& row : rows) {
    Json item = {{"executionArn", row.execution_arn},
                 {"mapRunArn", row.arn},
                 {"stateMachineArn", row.state_machine_arn},
                 {"startDate", EpochSeconds(row.start_millis)}};
    if (row.stop_millis > 0) {
      item["stopDate"] = EpochSeconds(row.stop_millis);
    }
    if (!page.Add(std::move(item), std::to_string(row.id))) {
      break;
    }
  }
  return std::move(page).Finish();
}

}  // namespace

void ListMapRuns(StatesService& service,
                 const aws::RequestContext& /*context*/,
                 Json input,
                 aws::Reply reply) {
  reply(List(service, input));
}

}  // namespace stratus::states::api::handlers
