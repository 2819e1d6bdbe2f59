#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/clock.h"

namespace stratus::athena::api {

Result<Json> ListPreparedStatements(Engine& engine,
                                    const aws::RequestContext& /*context*/,
                                    const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string work_group, RequiredString(input, "WorkGroup"));
  STRATUS_ASSIGN_OR_RETURN(std::vector<PreparedStatement> statements,
                           engine.store().ListPreparedStatements(work_group));
  Json out{{"PreparedStatements", Json::array()}};
  for (const PreparedStatement& statement : statements) {
    out["PreparedStatements"].push_back(
        Json{{"StatementName", statement.name},
             {"LastModifiedTime", EpochSeconds(statement.last_modified_millis)}});
  }
  return out;
}

}  // namespace stratus::athena::api
