#include "glue/api/catalog_json.h"
#include "glue/api/handlers.h"
#include "glue/api/request_fields.h"
#include "glue/engine.h"

namespace stratus::glue::api {

// AWS: partitions that do not exist are left out of Partitions (they are
// not UnprocessedKeys, which are for keys Glue could not look up in time).
Result<Json> BatchGetPartition(Engine& engine,
                               const aws::RequestContext& context,
                               const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(TableRef ref, TableRefOf(context, input, "TableName"));
  STRATUS_ASSIGN_OR_RETURN(Json to_get, OptionalArray(input, "PartitionsToGet"));
  std::vector<std::vector<std::string>> value_lists;
  for (const Json& item : to_get) {
    STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> values, StringList(item, "Values"));
    value_lists.push_back(std::move(values));
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<Partition> partitions,
                           engine.GetPartitions(ref, value_lists));
  Json out{{"Partitions", Json::array()}, {"UnprocessedKeys", Json::array()}};
  for (const Partition& partition : partitions) {
    out["Partitions"].push_back(PartitionToJson(partition));
  }
  return out;
}

}  // namespace stratus::glue::api
