#include <utility>

#include "base/clock.h"
#include "logs/api/handlers.h"
#include "logs/api/logs_json.h"
#include "logs/api/request_fields.h"
#include "logs/log_store.h"

namespace stratus::logs::api {

void DeleteRetentionPolicy(LogStore& store,
                           const aws::RequestContext& /*context*/,
                           const Json& input,
                           aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string group, RequiredString(input, "logGroupName"));
    store.SetRetention(std::move(group), std::nullopt,
                       ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::logs::api
