#include "glue/api/catalog_json.h"
#include "glue/api/handlers.h"
#include "glue/api/request_fields.h"
#include "glue/engine.h"

namespace stratus::glue::api {

Result<Json> GetDatabase(Engine& engine, const aws::RequestContext& context, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string catalog_id, CatalogIdOf(context, input));
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "Name"));
  STRATUS_ASSIGN_OR_RETURN(Database database,
                           engine.GetDatabase(DatabaseRef{.catalog_id = catalog_id, .name = name}));
  return Json{{"Database", DatabaseToJson(database)}};
}

}  // namespace stratus::glue::api
