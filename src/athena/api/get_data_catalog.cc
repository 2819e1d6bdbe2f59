#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "athena/api/athena_json.h"
#include "athena/api/catalog_json.h"
#include "athena/api/data_catalog_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/format.h"
#include "sql/catalog/catalog.h"

namespace stratus::athena::api {

Result<Json> GetDataCatalog(Engine& engine, const aws::RequestContext& context, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "Name"));
  if (!IsAwsDataCatalog(name)) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<DataCatalog> found,
                             engine.store().FindDataCatalog(name));
    if (!found.has_value()) {
      return AthenaError::DataCatalogNotFound(name);
    }
    return Json{{"DataCatalog", DataCatalogToJson(*found)}};
  }
  return Json{{"DataCatalog", Json{{"Name", kAwsDataCatalog},
                                   {"Description", "AWS Glue Data Catalog"},
                                   {"Type", "GLUE"},
                                   {"Parameters", Json{{"catalog-id", context.account_id}}}}}};
}

}  // namespace stratus::athena::api
