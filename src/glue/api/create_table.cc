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
  STRATUS_ASSIGN_OR_RETURN(DatabaseRef database, DatabaseRefOf(context, input));
  // TableInput became optional in the model (OpenTableFormatInput may
  // replace it); stratus needs it.
  STRATUS_ASSIGN_OR_RETURN(Json table_input, RequiredObject(input, "TableInput"));
  STRATUS_ASSIGN_OR_RETURN(TableDefinition definition, TableFromJson(table_input));
  engine.CreateTable(std::move(database), std::move(definition),
                     ReplyEmptyAfterCommit<Table>(std::move(reply)));
  return Status::Ok();
}

}  // namespace

void CreateTable(Engine& engine,
                 const aws::RequestContext& context,
                 const Json& input,
                 aws::Reply reply) {
  if (Status started = Start(engine, context, input, reply); !started.ok()) {
    reply(GlueError::FromEngine(started));
  }
}

}  // namespace stratus::glue::api
