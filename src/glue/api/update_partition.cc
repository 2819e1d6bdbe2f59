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
  STRATUS_ASSIGN_OR_RETURN(TableRef ref, TableRefOf(context, input, "TableName"));
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> values,
                           StringList(input, "PartitionValueList"));
  STRATUS_ASSIGN_OR_RETURN(Json partition_input, RequiredObject(input, "PartitionInput"));
  STRATUS_ASSIGN_OR_RETURN(PartitionDefinition definition, PartitionFromJson(partition_input));
  engine.UpdatePartition(std::move(ref), std::move(values), std::move(definition),
                         ReplyEmptyAfterCommit<Partition>(std::move(reply)));
  return Status::Ok();
}

}  // namespace

void UpdatePartition(Engine& engine,
                     const aws::RequestContext& context,
                     const Json& input,
                     aws::Reply reply) {
  if (Status started = Start(engine, context, input, reply); !started.ok()) {
    reply(GlueError::FromEngine(started));
  }
}

}  // namespace stratus::glue::api
