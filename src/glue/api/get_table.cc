#include "glue/api/catalog_json.h"
#include "glue/api/handlers.h"
#include "glue/api/request_fields.h"
#include "glue/engine.h"

namespace stratus::glue::api {

Result<Json> GetTable(Engine& engine, const aws::RequestContext& context, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(TableRef ref, TableRefOf(context, input, "Name"));
  STRATUS_ASSIGN_OR_RETURN(Table table, engine.GetTable(ref));
  return Json{{"Table", TableToJson(table)}};
}

}  // namespace stratus::glue::api
