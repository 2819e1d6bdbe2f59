#include <algorithm>
#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/clock.h"

namespace stratus::athena::api {

Result<Json> GetQueryExecution(Engine& engine,
                               const aws::RequestContext& /*context*/,
                               const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, RequiredString(input, "QueryExecutionId"));
  STRATUS_ASSIGN_OR_RETURN(QueryExecution execution, engine.store().GetExecution(id));
  return Json{{"QueryExecution", QueryExecutionToJson(execution)}};
}

}  // namespace stratus::athena::api
