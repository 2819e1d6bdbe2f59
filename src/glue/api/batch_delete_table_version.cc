#include "glue/api/catalog_json.h"
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
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> version_ids, StringList(input, "VersionIds"));
  // Ids that name no version fail alone, as versions that do not exist.
  std::vector<int64_t> versions;
  for (const std::string& version_id : version_ids) {
    versions.push_back(ParseTableVersionId(version_id).value_or(-1));
  }
  engine.DeleteTableVersions(
      ref, std::move(versions),
      ReplyAfterCommit<std::vector<Status>>(
          std::move(reply),
          [table = ref.name, version_ids = std::move(version_ids)](std::vector<Status> statuses) {
            Json errors = Json::array();
            for (size_t i = 0; i < statuses.size(); ++i) {
              if (!statuses[i].ok()) {
                errors.push_back(Json{{"TableName", table},
                                      {"VersionId", version_ids[i]},
                                      {"ErrorDetail", ErrorDetailJson(statuses[i])}});
              }
            }
            return Json{{"Errors", std::move(errors)}};
          }));
  return Status::Ok();
}

}  // namespace

void BatchDeleteTableVersion(Engine& engine,
                             const aws::RequestContext& context,
                             const Json& input,
                             aws::Reply reply) {
  if (Status started = Start(engine, context, input, reply); !started.ok()) {
    reply(GlueError::FromEngine(started));
  }
}

}  // namespace stratus::glue::api
