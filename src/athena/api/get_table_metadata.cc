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

Result<Json> GetTableMetadataUnmapped(Engine& engine,
                                      const aws::RequestContext& /*context*/,
                                      const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(sql::catalog::Catalog * catalog, CatalogOf(engine, input));
  STRATUS_ASSIGN_OR_RETURN(std::string database, RequiredString(input, "DatabaseName"));
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "TableName"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<sql::catalog::DatabaseDescriptor> found,
                           catalog->GetDatabase(database));
  if (!found.has_value()) {
    return AthenaError::DatabaseNotFound(database);
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<sql::catalog::TableDescriptor> table,
                           catalog->GetTable(database, name));
  if (!table.has_value()) {
    return AthenaError::TableNotFound(Format("{}.{}", database, name));
  }
  return Json{{"TableMetadata", TableToJson(*table)}};
}

}  // namespace

Result<Json> GetTableMetadata(Engine& engine,
                              const aws::RequestContext& context,
                              const Json& input) {
  return MappedCatalogError(GetTableMetadataUnmapped(engine, context, input));
}

}  // namespace stratus::athena::api
