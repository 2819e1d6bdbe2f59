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
  STRATUS_ASSIGN_OR_RETURN(Json to_delete, OptionalArray(input, "PartitionsToDelete"));
  std::vector<std::vector<std::string>> value_lists;
  for (const Json& item : to_delete) {
    STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> values, StringList(item, "Values"));
    value_lists.push_back(std::move(values));
  }
  std::vector<std::vector<std::string>> asked = value_lists;
  engine.DeletePartitions(
      std::move(ref), std::move(value_lists),
      ReplyAfterCommit<std::vector<Status>>(
          std::move(reply), [asked = std::move(asked)](std::vector<Status> statuses) {
            Json errors = Json::array();
            for (size_t i = 0; i < statuses.size(); ++i) {
              if (!statuses[i].ok()) {
                errors.push_back(Json{{"PartitionValues", asked[i]},
                                      {"ErrorDetail", ErrorDetailJson(statuses[i])}});
              }
            }
            return Json{{"Errors", std::move(errors)}};
          }));
  return Status::Ok();
}

}  // namespace

void BatchDeletePartition(Engine& engine,
                          const aws::RequestContext& context,
                          const Json& input,
                          aws::Reply reply) {
  if (Status started = Start(engine, context, input, reply); !started.ok()) {
    reply(GlueError::FromEngine(started));
  }
}

}  // namespace stratus::glue::api
