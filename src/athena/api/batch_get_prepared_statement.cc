#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/clock.h"

namespace stratus::athena::api {

Result<Json> BatchGetPreparedStatement(Engine& engine,
                                       const aws::RequestContext& /*context*/,
                                       const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> names,
                           StringList(input, "PreparedStatementNames"));
  STRATUS_ASSIGN_OR_RETURN(std::string work_group, RequiredString(input, "WorkGroup"));
  Json out{{"PreparedStatements", Json::array()},
           {"UnprocessedPreparedStatementNames", Json::array()}};
  for (const std::string& name : names) {
    Result<PreparedStatement> statement = engine.store().GetPreparedStatement(work_group, name);
    if (statement.ok()) {
      out["PreparedStatements"].push_back(PreparedStatementToJson(*statement));
    } else {
      out["UnprocessedPreparedStatementNames"].push_back(
          Json{{"StatementName", name},
               {"ErrorCode", "INVALID_INPUT"},
               {"ErrorMessage", statement.status().message()}});
    }
  }
  return out;
}

}  // namespace stratus::athena::api
