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
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> values, StringList(input, "PartitionValues"));
  engine.DeletePartitions(std::move(ref), {std::move(values)},
                          ReplySingleAfterCommit(std::move(reply)));
  return Status::Ok();
}

}  // namespace

void DeletePartition(Engine& engine,
                     const aws::RequestContext& context,
                     const Json& input,
                     aws::Reply reply) {
  if (Status started = Start(engine, context, input, reply); !started.ok()) {
    reply(GlueError::FromEngine(started));
  }
}

}  // namespace stratus::glue::api
