#include <algorithm>
#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/clock.h"

namespace stratus::athena::api {

Result<Json> GetQueryRuntimeStatistics(Engine& engine,
                                       const aws::RequestContext& /*context*/,
                                       const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, RequiredString(input, "QueryExecutionId"));
  STRATUS_ASSIGN_OR_RETURN(QueryExecution execution, engine.store().GetExecution(id));
  const QueryExecutionStatistics& statistics = execution.statistics;
  Json timeline{{"QueryQueueTimeInMillis", statistics.queue_millis},
                {"ServicePreProcessingTimeInMillis", 0},
                {"QueryPlanningTimeInMillis", statistics.planning_millis},
                {"EngineExecutionTimeInMillis", statistics.engine_execution_millis},
                {"ServiceProcessingTimeInMillis", statistics.service_processing_millis},
                {"TotalExecutionTimeInMillis", statistics.total_execution_millis}};
  Json rows{{"InputRows", 0},
            {"InputBytes", statistics.data_scanned_bytes},
            {"OutputBytes", 0},
            {"OutputRows", statistics.rows_output}};
  // A running query reports how far it has got.
  if (std::optional<LiveProgress> progress = engine.Progress(id); progress.has_value()) {
    rows["InputRows"] = progress->rows_scanned;
    rows["InputBytes"] = progress->bytes_scanned;
    timeline["EngineExecutionTimeInMillis"] =
        std::max<int64_t>(0, engine.clock().NowMillis() - execution.started_millis);
  }
  return Json{{"QueryRuntimeStatistics", Json{{"Timeline", timeline}, {"Rows", rows}}}};
}

}  // namespace stratus::athena::api
