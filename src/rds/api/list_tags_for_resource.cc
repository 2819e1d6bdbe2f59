#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> ListTagsForResource(RdsEngine& engine,
                                 const aws::RequestContext& /*context*/,
                                 const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "ResourceName"));
  STRATUS_ASSIGN_OR_RETURN(Tags tags, engine.ListTags(arn));
  return Json{{"TagList", TagListJson(tags)}};
}

}  // namespace stratus::rds::api
