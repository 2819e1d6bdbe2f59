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
#include "athena/store.h"
#include "base/format.h"
#include "sql/catalog/catalog.h"

namespace stratus::athena::api {

Result<Json> ListDataCatalogs(Engine& engine,
                              const aws::RequestContext& /*context*/,
                              const Json& /*input*/) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<DataCatalog> registered, engine.store().ListDataCatalogs());
  Json summaries = Json::array({Json{{"CatalogName", kAwsDataCatalog}, {"Type", "GLUE"}}});
  for (const DataCatalog& catalog : registered) {
    summaries.push_back(Json{{"CatalogName", catalog.name}, {"Type", catalog.type}});
  }
  return Json{{"DataCatalogsSummary", std::move(summaries)}};
}

}  // namespace stratus::athena::api
