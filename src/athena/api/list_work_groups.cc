#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/clock.h"

namespace stratus::athena::api {

Result<Json> ListWorkGroups(Engine& engine,
                            const aws::RequestContext& /*context*/,
                            const Json& /*input*/) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<WorkGroup> work_groups, engine.store().ListWorkGroups());
  Json out{{"WorkGroups", Json::array()}};
  for (const WorkGroup& work_group : work_groups) {
    out["WorkGroups"].push_back(WorkGroupSummaryToJson(work_group));
  }
  return out;
}

}  // namespace stratus::athena::api
