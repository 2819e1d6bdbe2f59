#include <string>
#include <vector>

#include "athena/api/data_catalog_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"

namespace stratus::athena::api {

Result<Json> ListTagsForResource(Engine& engine,
                                 const aws::RequestContext& /*context*/,
                                 const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "ResourceARN"));
  STRATUS_ASSIGN_OR_RETURN(std::string resource, TaggedResourceOf(arn));
  STRATUS_ASSIGN_OR_RETURN(std::vector<Tag> tags, engine.store().ListTags(resource, arn));
  return Json{{"Tags", TagsToJson(tags)}};
}

}  // namespace stratus::athena::api
