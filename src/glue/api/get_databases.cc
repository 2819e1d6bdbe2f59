#include "glue/api/catalog_json.h"
#include "glue/api/handlers.h"
#include "glue/api/request_fields.h"
#include "glue/engine.h"

namespace stratus::glue::api {

Result<Json> GetDatabases(Engine& engine, const aws::RequestContext& context, const Json& input) {
  constexpr int kDefaultPage = 100;
  STRATUS_ASSIGN_OR_RETURN(std::string catalog_id, CatalogIdOf(context, input));
  STRATUS_ASSIGN_OR_RETURN(PageRequest page, PageOf(input, kDefaultPage));
  STRATUS_ASSIGN_OR_RETURN(DatabasePage result, engine.ListDatabases(catalog_id, page));
  Json out{{"DatabaseList", Json::array()}};
  for (const Database& database : result.databases) {
    out["DatabaseList"].push_back(DatabaseToJson(database));
  }
  if (!result.next_token.empty()) {
    out["NextToken"] = result.next_token;
  }
  return out;
}

}  // namespace stratus::glue::api
