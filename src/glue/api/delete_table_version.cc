#include "glue/api/handlers.h"
#include "glue/api/request_fields.h"
#include "glue/api/table_version_id.h"
#include "glue/engine.h"

namespace stratus::glue::api {
namespace {

Status Start(Engine& engine,
             const aws::RequestContext& context,
             const Json& input,
             aws::Reply& reply) {
  STRATUS_ASSIGN_OR_RETURN(TableRef ref, TableRefOf(context, input, "TableName"));
  STRATUS_ASSIGN_OR_RETURN(std::string version_id, RequiredString(input, "VersionId"));
  const std::optional<int64_t> version = ParseTableVersionId(version_id);
  if (!version.has_value()) {
    return GlueError::VersionNotFound(ref.name, version_id);
  }
  engine.DeleteTableVersions(std::move(ref), {*version}, ReplySingleAfterCommit(std::move(reply)));
  return Status::Ok();
}

}  // namespace

void DeleteTableVersion(Engine& engine,
                        const aws::RequestContext& context,
                        const Json& input,
                        aws::Reply reply) {
  if (Status started = Start(engine, context, input, reply); !started.ok()) {
    reply(GlueError::FromEngine(started));
  }
}

}  // namespace stratus::glue::api
