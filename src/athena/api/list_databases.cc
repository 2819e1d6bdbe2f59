#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "athena/api/athena_json.h"
#include "athena/api/catalog_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "base/format.h"
#include "sql/catalog/catalog.h"

namespace stratus::athena::api {
namespace {

Result<Json> ListDatabasesUnmapped(Engine& engine,
                                   const aws::RequestContext& /*context*/,
                                   const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(sql::catalog::Catalog * catalog, CatalogOf(engine, input));
  STRATUS_ASSIGN_OR_RETURN(std::vector<sql::catalog::DatabaseDescriptor> databases,
                           catalog->ListDatabases());
  Json out{{"DatabaseList", Json::array()}};
  for (const sql::catalog::DatabaseDescriptor& database : databases) {
    out["DatabaseList"].push_back(DatabaseToJson(database));
  }
  return out;
}

}  // namespace

Result<Json> ListDatabases(Engine& engine, const aws::RequestContext& context, const Json& input) {
  return MappedCatalogError(ListDatabasesUnmapped(engine, context, input));
}

}  // namespace stratus::athena::api
