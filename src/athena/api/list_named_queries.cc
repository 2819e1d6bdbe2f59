#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/random.h"

namespace stratus::athena::api {
namespace {

// AWS: ListNamedQueries returns at most 50 ids a page.
constexpr int kMaxListed = 50;

}  // namespace

Result<Json> ListNamedQueries(Engine& engine,
                              const aws::RequestContext& /*context*/,
                              const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string work_group, StringOr(input, "WorkGroup", "primary"));
  STRATUS_ASSIGN_OR_RETURN(std::string token, StringOr(input, "NextToken", ""));
  STRATUS_ASSIGN_OR_RETURN(int max_results, MaxResultsOf(input, kMaxListed, kMaxListed));
  STRATUS_ASSIGN_OR_RETURN(Page<std::string> page,
                           engine.store().ListNamedQueries(work_group, token, max_results));
  Json out{{"NamedQueryIds", page.items}};
  if (!page.next_token.empty()) {
    out["NextToken"] = page.next_token;
  }
  return out;
}

}  // namespace stratus::athena::api
