#include <utility>

#include "base/clock.h"
#include "logs/api/handlers.h"
#include "logs/api/logs_json.h"
#include "logs/api/request_fields.h"
#include "logs/log_store.h"

namespace stratus::logs::api {
Result<Json> ListTagsForResource(LogStore& store,
                                 const aws::RequestContext& /*context*/,
                                 const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "resourceArn"));
  STRATUS_ASSIGN_OR_RETURN(std::string name, GroupNameOfArn(arn));
  STRATUS_ASSIGN_OR_RETURN(LogGroup group, store.GetGroup(name));
  return Json{{"tags", group.tags}};
}

}  // namespace stratus::logs::api
