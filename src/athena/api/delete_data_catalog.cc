#include <utility>

#include "athena/api/catalog_json.h"
#include "athena/api/data_catalog_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/format.h"

namespace stratus::athena::api {

void DeleteDataCatalog(Engine& engine,
                       const aws::RequestContext& /*context*/,
                       const Json& input,
                       aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "Name"));
    if (IsAwsDataCatalog(name)) {
      return AthenaError::InvalidRequest(Format("Catalog {} cannot be deleted", kAwsDataCatalog));
    }
    engine.store().DeleteDataCatalog(
        std::move(name), ReplyAfterCommit<DataCatalog>(std::move(reply), [](DataCatalog deleted) {
          return Json{{"DataCatalog", DataCatalogToJson(deleted)}};
        }));
    return Status::Ok();
  });
}

}  // namespace stratus::athena::api
