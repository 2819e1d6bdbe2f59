#include "glue/api/handlers.h"
#include "glue/api/request_fields.h"
#include "glue/engine.h"

namespace stratus::glue::api {

void DeleteDatabase(Engine& engine,
                    const aws::RequestContext& context,
                    const Json& input,
                    aws::Reply reply) {
  Result<std::string> catalog_id = CatalogIdOf(context, input);
  Result<std::string> name = RequiredString(input, "Name");
  if (!catalog_id.ok() || !name.ok()) {
    reply(GlueError::FromEngine(!catalog_id.ok() ? catalog_id.status() : name.status()));
    return;
  }
  engine.DeleteDatabase(DatabaseRef{.catalog_id = *std::move(catalog_id), .name = *std::move(name)},
                        ReplyEmptyAfterCommit<bool>(std::move(reply)));
}

}  // namespace stratus::glue::api
