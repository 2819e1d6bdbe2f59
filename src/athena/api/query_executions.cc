#include <algorithm>
#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/clock.h"

namespace stratus::athena::api {
namespace {

// AWS: ListQueryExecutions returns at most 50 ids a page.
constexpr int kMaxListedExecutions = 50;

Result<StartQueryRequest> StartRequestOf(const Json& input) {
  StartQueryRequest request;
  STRATUS_ASSIGN_OR_RETURN(request.query, RequiredString(input, "QueryString"));
  STRATUS_ASSIGN_OR_RETURN(request.client_request_token, StringOr(input, "ClientRequestToken", ""));
  STRATUS_ASSIGN_OR_RETURN(request.work_group, StringOr(input, "WorkGroup", "primary"));
  STRATUS_ASSIGN_OR_RETURN(Json context, OptionalObject(input, "QueryExecutionContext"));
  STRATUS_ASSIGN_OR_RETURN(request.database, StringOr(context, "Database", ""));
  STRATUS_ASSIGN_OR_RETURN(request.catalog, StringOr(context, "Catalog", ""));
  STRATUS_ASSIGN_OR_RETURN(Json result_configuration, OptionalObject(input, "ResultConfiguration"));
  STRATUS_ASSIGN_OR_RETURN(request.output_location,
                           StringOr(result_configuration, "OutputLocation", ""));
  STRATUS_ASSIGN_OR_RETURN(request.execution_parameters, StringList(input, "ExecutionParameters"));
  return request;
}

}  // namespace

void StartQueryExecution(Engine& engine,
                         const aws::RequestContext& /*context*/,
                         const Json& input,
                         aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(StartQueryRequest request, StartRequestOf(input));
    engine.StartQuery(std::move(request),
                      ReplyAfterCommit<std::string>(std::move(reply), [](std::string id) {
                        return Json{{"QueryExecutionId", std::move(id)}};
                      }));
    return Status::Ok();
  });
}

void StopQueryExecution(Engine& engine,
                        const aws::RequestContext& /*context*/,
                        const Json& input,
                        aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string id, RequiredString(input, "QueryExecutionId"));
    engine.StopQuery(std::move(id), ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

Result<Json> GetQueryExecution(Engine& engine,
                               const aws::RequestContext& /*context*/,
                               const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, RequiredString(input, "QueryExecutionId"));
  STRATUS_ASSIGN_OR_RETURN(QueryExecution execution, engine.store().GetExecution(id));
  return Json{{"QueryExecution", QueryExecutionToJson(execution)}};
}

Result<Json> BatchGetQueryExecution(Engine& engine,
                                    const aws::RequestContext& /*context*/,
                                    const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> ids, StringList(input, "QueryExecutionIds"));
  Json out{{"QueryExecutions", Json::array()}, {"UnprocessedQueryExecutionIds", Json::array()}};
  for (const std::string& id : ids) {
    Result<QueryExecution> execution = engine.store().GetExecution(id);
    if (execution.ok()) {
      out["QueryExecutions"].push_back(QueryExecutionToJson(*execution));
    } else {
      out["UnprocessedQueryExecutionIds"].push_back(
          Json{{"QueryExecutionId", id},
               {"ErrorCode", "INVALID_INPUT"},
               {"ErrorMessage", execution.status().message()}});
    }
  }
  return out;
}

Result<Json> ListQueryExecutions(Engine& engine,
                                 const aws::RequestContext& /*context*/,
                                 const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string work_group, StringOr(input, "WorkGroup", "primary"));
  STRATUS_ASSIGN_OR_RETURN(std::string token, StringOr(input, "NextToken", ""));
  STRATUS_ASSIGN_OR_RETURN(int max_results,
                           MaxResultsOf(input, kMaxListedExecutions, kMaxListedExecutions));
  STRATUS_ASSIGN_OR_RETURN(Page<std::string> page,
                           engine.store().ListExecutions(work_group, token, max_results));
  Json out{{"QueryExecutionIds", page.items}};
  if (!page.next_token.empty()) {
    out["NextToken"] = page.next_token;
  }
  return out;
}

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
