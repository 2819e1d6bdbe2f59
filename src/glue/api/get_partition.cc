#include "glue/api/catalog_json.h"
#include "glue/api/handlers.h"
#include "glue/api/request_fields.h"
#include "glue/engine.h"

namespace stratus::glue::api {

Result<Json> GetPartition(Engine& engine, const aws::RequestContext& context, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(TableRef ref, TableRefOf(context, input, "TableName"));
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> values, StringList(input, "PartitionValues"));
  STRATUS_ASSIGN_OR_RETURN(Partition partition, engine.GetPartition(ref, values));
  return Json{{"Partition", PartitionToJson(partition)}};
}

}  // namespace stratus::glue::api
