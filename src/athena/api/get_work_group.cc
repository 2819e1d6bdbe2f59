#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/clock.h"

namespace stratus::athena::api {

Result<Json> GetWorkGroup(Engine& engine,
                          const aws::RequestContext& /*context*/,
                          const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "WorkGroup"));
  STRATUS_ASSIGN_OR_RETURN(WorkGroup work_group, engine.store().GetWorkGroup(name));
  return Json{{"WorkGroup", WorkGroupToJson(work_group)}};
}

}  // namespace stratus::athena::api
