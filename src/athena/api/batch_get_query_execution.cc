#include <algorithm>
#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/clock.h"

namespace stratus::athena::api {

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

}  // namespace stratus::athena::api
