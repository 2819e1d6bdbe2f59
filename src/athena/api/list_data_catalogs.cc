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

Result<Json> ListDataCatalogs(Engine& /*engine*/,
                              const aws::RequestContext& /*context*/,
                              const Json& /*input*/) {
  return Json{{"DataCatalogsSummary",
               Json::array({Json{{"CatalogName", kAwsDataCatalog}, {"Type", "GLUE"}}})}};
}

}  // namespace stratus::athena::api
