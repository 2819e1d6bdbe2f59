#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/clock.h"

namespace stratus::athena::api {

Result<Json> GetPreparedStatement(Engine& engine,
                                  const aws::RequestContext& /*context*/,
                                  const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "StatementName"));
  STRATUS_ASSIGN_OR_RETURN(std::string work_group, RequiredString(input, "WorkGroup"));
  STRATUS_ASSIGN_OR_RETURN(PreparedStatement statement,
                           engine.store().GetPreparedStatement(work_group, name));
  return Json{{"PreparedStatement", PreparedStatementToJson(statement)}};
}

}  // namespace stratus::athena::api
