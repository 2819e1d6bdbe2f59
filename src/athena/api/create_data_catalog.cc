#include <utility>

#include "athena/api/data_catalog_json.h"
#include "athena/api/handlers.h"
#include "athena/engine.h"
#include "athena/store.h"

namespace stratus::athena::api {

// AWS: GLUE, HIVE and LAMBDA catalogs are registered at once; stratus keeps
// them (athena.db) but queries only AwsDataCatalog.
void CreateDataCatalog(Engine& engine,
                       const aws::RequestContext& /*context*/,
                       const Json& input,
                       aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(DataCatalog catalog, DataCatalogOf(input));
    STRATUS_ASSIGN_OR_RETURN(std::vector<Tag> tags, TagsOf(input, "Tags"));
    const Json shape = DataCatalogToJson(catalog);
    engine.store().CreateDataCatalog(std::move(catalog), std::move(tags),
                                     ReplyAfterCommit<bool>(std::move(reply), [shape](bool) {
                                       return Json{{"DataCatalog", shape}};
                                     }));
    return Status::Ok();
  });
}

}  // namespace stratus::athena::api
