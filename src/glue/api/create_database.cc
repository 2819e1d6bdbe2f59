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
  STRATUS_ASSIGN_OR_RETURN(Json database_input, RequiredObject(input, "DatabaseInput"));
  STRATUS_ASSIGN_OR_RETURN(DatabaseDefinition definition, DatabaseFromJson(database_input));
  // AWS: without Lake Formation settings, new databases grant ALL to
  // IAM_ALLOWED_PRINCIPALS on the tables created in them.
  if (definition.create_table_default_permissions.empty()) {
    definition.create_table_default_permissions.push_back(
        PrincipalPermissions{.principal = "IAM_ALLOWED_PRINCIPALS", .permissions = {"ALL"}});
  }
  engine.CreateDatabase(std::move(catalog_id), std::move(definition),
                        ReplyEmptyAfterCommit<Database>(std::move(reply)));
  return Status::Ok();
}

}  // namespace

void CreateDatabase(Engine& engine,
                    const aws::RequestContext& context,
                    const Json& input,
                    aws::Reply reply) {
  if (Status started = Start(engine, context, input, reply); !started.ok()) {
    reply(GlueError::FromEngine(started));
  }
}

}  // namespace stratus::glue::api
