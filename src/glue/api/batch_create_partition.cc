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
  STRATUS_ASSIGN_OR_RETURN(Json list, OptionalArray(input, "PartitionInputList"));
  std::vector<PartitionDefinition> definitions;
  std::vector<std::vector<std::string>> values;
  for (const Json& item : list) {
    STRATUS_ASSIGN_OR_RETURN(PartitionDefinition definition, PartitionFromJson(item));
    values.push_back(definition.values);
    definitions.push_back(std::move(definition));
  }
  // AWS: entries that fail (an existing partition, a wrong number of
  // values) come back in Errors; the others are created.
  engine.CreatePartitions(
      std::move(ref), std::move(definitions),
      ReplyAfterCommit<std::vector<Status>>(
          std::move(reply), [values = std::move(values)](std::vector<Status> statuses) {
            Json errors = Json::array();
            for (size_t i = 0; i < statuses.size(); ++i) {
              if (!statuses[i].ok()) {
                errors.push_back(Json{{"PartitionValues", values[i]},
                                      {"ErrorDetail", ErrorDetailJson(statuses[i])}});
              }
            }
            return Json{{"Errors", std::move(errors)}};
          }));
  return Status::Ok();
}

}  // namespace

void BatchCreatePartition(Engine& engine,
                          const aws::RequestContext& context,
                          const Json& input,
                          aws::Reply reply) {
  if (Status started = Start(engine, context, input, reply); !started.ok()) {
    reply(GlueError::FromEngine(started));
  }
}

}  // namespace stratus::glue::api
