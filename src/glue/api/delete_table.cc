#include "glue/api/handlers.h"
#include "glue/api/request_fields.h"
#include "glue/engine.h"

namespace stratus::glue::api {

void DeleteTable(Engine& engine,
                 const aws::RequestContext& context,
                 const Json& input,
                 aws::Reply reply) {
  Result<TableRef> ref = TableRefOf(context, input, "Name");
  if (!ref.ok()) {
    reply(GlueError::FromEngine(ref.status()));
    return;
  }
  engine.DeleteTable(*std::move(ref), ReplyEmptyAfterCommit<bool>(std::move(reply)));
}

}  // namespace stratus::glue::api
