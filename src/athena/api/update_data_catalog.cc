#include <utility>

#include "athena/api/data_catalog_json.h"
#include "athena/api/handlers.h"
#include "athena/engine.h"
#include "athena/store.h"

namespace stratus::athena::api {

void UpdateDataCatalog(Engine& engine,
                       const aws::RequestContext& /*context*/,
                       const Json& input,
                       aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(DataCatalog catalog, DataCatalogOf(input));
    engine.store().UpdateDataCatalog(std::move(catalog),
                                     ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::athena::api
