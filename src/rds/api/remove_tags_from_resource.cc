#include "rds/api/handlers.h"
#include "rds/api/request_fields.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> RemoveTagsFromResource(RdsEngine& engine,
                                    const aws::RequestContext& /*context*/,
                                    const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "ResourceName"));
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> keys, StringList(input, "TagKeys"));
  STRATUS_RETURN_IF_ERROR(engine.RemoveTags(arn, keys));
  return Json::object();
}

}  // namespace stratus::rds::api
