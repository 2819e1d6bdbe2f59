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
                            const Json& input) {
  // AWS: at most 50 work groups a page; the token is the last name returned.
  constexpr int kMaxListed = 50;
  STRATUS_ASSIGN_OR_RETURN(std::string token, StringOr(input, "NextToken", ""));
  STRATUS_ASSIGN_OR_RETURN(int max_results, MaxResultsOf(input, kMaxListed, kMaxListed));
  STRATUS_ASSIGN_OR_RETURN(std::vector<WorkGroup> work_groups, engine.store().ListWorkGroups());
  Json out{{"WorkGroups", Json::array()}};
  for (const WorkGroup& work_group : work_groups) {
    if (work_group.name <= token) {
      continue;
    }
    if (std::ssize(out["WorkGroups"]) == max_results) {
      out["NextToken"] = out["WorkGroups"].back()["Name"];
      break;
    }
    out["WorkGroups"].push_back(WorkGroupSummaryToJson(work_group));
  }
  return out;
}

}  // namespace stratus::athena::api
