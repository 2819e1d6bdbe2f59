#include "glue/api/catalog_json.h"
#include "glue/api/handlers.h"
#include "glue/api/request_fields.h"
#include "glue/engine.h"

namespace stratus::glue::api {

Result<Json> GetTables(Engine& engine, const aws::RequestContext& context, const Json& input) {
  constexpr int kDefaultPage = 100;
  STRATUS_ASSIGN_OR_RETURN(DatabaseRef database, DatabaseRefOf(context, input));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> expression,
                           OptionalString(input, "Expression"));
  STRATUS_ASSIGN_OR_RETURN(PageRequest page, PageOf(input, kDefaultPage));
  STRATUS_ASSIGN_OR_RETURN(TablePage result,
                           engine.ListTables(database, expression.value_or(""), page));
  Json out{{"TableList", Json::array()}};
  for (const Table& table : result.tables) {
    out["TableList"].push_back(TableToJson(table));
  }
  if (!result.next_token.empty()) {
    out["NextToken"] = result.next_token;
  }
  return out;
}

}  // namespace stratus::glue::api
