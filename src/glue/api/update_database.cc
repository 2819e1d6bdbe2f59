#include "glue/api/catalog_json.h"
#include "glue/api/handlers.h"
#include "glue/api/request_fields.h"
#include "glue/engine.h"

namespace stratus::glue::api {
namespace {

Status Start(Engine& engine,
             const aws::RequestContext& context,
             const Json& input,
             aws::Reply& reply) {
  STRATUS_ASSIGN_OR_RETURN(std::string catalog_id, CatalogIdOf(context, input));
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "Name"));
  STRATUS_ASSIGN_OR_RETURN(Json database_input, RequiredObject(input, "DatabaseInput"));
  STRATUS_ASSIGN_OR_RETURN(DatabaseDefinition definition, DatabaseFromJson(database_input));
  engine.UpdateDatabase(DatabaseRef{.catalog_id = std::move(catalog_id), .name = std::move(name)},
                        std::move(definition), ReplyEmptyAfterCommit<Database>(std::move(reply)));
  return Status::Ok();
}

}  // namespace

void UpdateDatabase(Engine& engine,
                    const aws::RequestContext& context,
                    const Json& input,
                    aws::Reply reply) {
  if (Status started = Start(engine, context, input, reply); !started.ok()) {
    reply(GlueError::FromEngine(started));
  }
}

}  // namespace stratus::glue::api
