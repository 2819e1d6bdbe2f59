#include <algorithm>
#include <array>
#include <utility>

#include "base/clock.h"
#include "logs/api/handlers.h"
#include "logs/api/logs_json.h"
#include "logs/api/request_fields.h"
#include "logs/log_store.h"

namespace stratus::logs::api {
namespace {

// AWS: the retention periods PutRetentionPolicy accepts, in days.
constexpr std::array<int64_t, 22> kRetentionDays = {1,    3,    5,    7,    14,   30,  60,  90,
                                                    120,  150,  180,  365,  400,  545, 731, 1096,
                                                    1827, 2192, 2557, 2922, 3288, 3653};

}  // namespace

void PutRetentionPolicy(LogStore& store,
                        const aws::RequestContext& /*context*/,
                        const Json& input,
                        aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string group, RequiredString(input, "logGroupName"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> days,
                             OptionalInteger(input, "retentionInDays"));
    if (!days.has_value() || std::ranges::find(kRetentionDays, *days) == kRetentionDays.end()) {
      return LogsError::InvalidParameter(
          "1 validation error detected: Value at 'retentionInDays' failed to satisfy constraint: "
          "Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, "
          "400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]");
    }
    store.SetRetention(std::move(group), static_cast<int>(*days),
                       ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::logs::api
