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

Result<Json> GetDatabaseUnmapped(Engine& engine,
                                 const aws::RequestContext& /*context*/,
                                 const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(sql::catalog::Catalog * catalog, CatalogOf(engine, input));
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "DatabaseName"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<sql::catalog::DatabaseDescriptor> database,
                           catalog->GetDatabase(name));
  if (!database.has_value()) {
    return AthenaError::DatabaseNotFound(name);
  }
  return Json{{"Database", DatabaseToJson(*database)}};
}

}  // namespace

Result<Json> GetDatabase(Engine& engine, const aws::RequestContext& context, const Json& input) {
  return MappedCatalogError(GetDatabaseUnmapped(engine, context, input));
}

}  // namespace stratus::athena::api
