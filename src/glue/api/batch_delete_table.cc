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
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> names, StringList(input, "TablesToDelete"));
  std::vector<std::string> asked = names;
  engine.DeleteTables(
      std::move(database), std::move(names),
      ReplyAfterCommit<std::vector<Status>>(
          std::move(reply), [asked = std::move(asked)](std::vector<Status> statuses) {
            Json errors = Json::array();
            for (size_t i = 0; i < statuses.size(); ++i) {
              if (!statuses[i].ok()) {
                errors.push_back(
                    Json{{"TableName", asked[i]}, {"ErrorDetail", ErrorDetailJson(statuses[i])}});
              }
            }
            return Json{{"Errors", std::move(errors)}};
          }));
  return Status::Ok();
}

}  // namespace

void BatchDeleteTable(Engine& engine,
                      const aws::RequestContext& context,
                      const Json& input,
                      aws::Reply reply) {
  if (Status started = Start(engine, context, input, reply); !started.ok()) {
    reply(GlueError::FromEngine(started));
  }
}

}  // namespace stratus::glue::api
