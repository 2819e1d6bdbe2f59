#include "rds/api/handlers.h"
#include "rds/api/request_fields.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> AddTagsToResource(RdsEngine& engine,
                               const aws::RequestContext& /*context*/,
                               const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "ResourceName"));
  STRATUS_ASSIGN_OR_RETURN(Tags tags, TagsOf(input));
  STRATUS_RETURN_IF_ERROR(engine.AddTags(arn, tags));
  return Json::object();
}

}  // namespace stratus::rds::api
