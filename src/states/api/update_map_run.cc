#include "base/format.h"
#include "states/api/errors.h"
#include "states/api/execution_engine.h"
#include "states/api/handlers.h"
#include "states/api/map_run_store.h"
#include "states/api/request_fields.h"
#include "states/api/states_service.h"

namespace stratus::states::api::handlers {
// Changes a running Map Run's MaxConcurrency or failure tolerance: the
// parent execution's Map takes the new values at once (more workers start
// when the bound rises; a lower bound lets running children finish).
void UpdateMapRun(StatesService& service,
                  const aws::RequestContext& /*context*/,
                  Json input,
                  aws::Reply reply) {
  interpreter::UpdateMapRun update;
  Status parsed = [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(update.map_run_arn, RequiredString(input, "mapRunArn"));
    STRATUS_ASSIGN_OR_RETURN(update.max_concurrency, OptionalInteger(input, "maxConcurrency"));
    STRATUS_ASSIGN_OR_RETURN(update.tolerated_failure_count,
                             OptionalInteger(input, "toleratedFailureCount"));
    STRATUS_ASSIGN_OR_RETURN(update.tolerated_failure_percentage,
                             OptionalNumber(input, "toleratedFailurePercentage"));
    return Status::Ok();
  }();
  if (!parsed.ok()) {
    reply(parsed);
    return;
  }
  std::string execution_arn;
  Result<MapRunRow> row = LookUpMapRun(service.database(), update.map_run_arn, &execution_arn);
  if (!row.ok()) {
    reply(row.status());
    return;
  }
  if (row->status != interpreter::MapRunStatus::kRunning) {
    reply(StatesApiError::Validation(Format("Map Run {} is {} and cannot be updated",
                                            update.map_run_arn,
                                            interpreter::MapRunStatusName(row->status))));
    return;
  }
  service.engine().UpdateMapRun(std::move(execution_arn), std::move(update),
                                [reply = std::move(reply)](const Status& status) {
                                  if (!status.ok()) {
                                    reply(StatesApiError::FromEngine(status));
                                    return;
                                  }
                                  reply(Json::object());
                                });
}

}  // namespace stratus::states::api::handlers
