#include <utility>

#include "base/clock.h"
#include "logs/api/handlers.h"
#include "logs/api/logs_json.h"
#include "logs/api/request_fields.h"
#include "logs/log_store.h"

namespace stratus::logs::api {

Result<Json> DescribeLogGroups(LogStore& store,
                               const aws::RequestContext& context,
                               const Json& input) {
  // AWS: at most 50 groups a page, by name; the token is the last name returned.
  constexpr int kMaxListed = 50;
  STRATUS_ASSIGN_OR_RETURN(std::string prefix, StringOr(input, "logGroupNamePrefix", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string pattern, StringOr(input, "logGroupNamePattern", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string token, StringOr(input, "nextToken", ""));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> limit, OptionalInteger(input, "limit"));
  const int page_size = static_cast<int>(limit.value_or(kMaxListed));
  Json out{{"logGroups", Json::array()}};
  std::string after = token;
  while (true) {
    bool more = false;
    STRATUS_ASSIGN_OR_RETURN(std::vector<LogGroup> groups,
                             store.ListGroups(prefix, after, page_size, &more));
    for (const LogGroup& group : groups) {
      after = group.name;
      // AWS: logGroupNamePattern matches a case-insensitive substring; here, case-sensitive.
      if (!pattern.empty() && group.name.find(pattern) == std::string::npos) {
        continue;
      }
      out["logGroups"].push_back(GroupToJson(context, group));
      if (std::ssize(out["logGroups"]) == page_size) {
        if (more || &group != &groups.back()) {
          out["nextToken"] = group.name;
        }
        return out;
      }
    }
    if (!more) {
      return out;
    }
  }
}

}  // namespace stratus::logs::api
