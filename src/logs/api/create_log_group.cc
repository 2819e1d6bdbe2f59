#include <utility>

#include "base/clock.h"
#include "logs/api/handlers.h"
#include "logs/api/logs_json.h"
#include "logs/api/request_fields.h"
#include "logs/log_store.h"

namespace stratus::logs::api {

void CreateLogGroup(LogStore& store,
                    const aws::RequestContext& /*context*/,
                    const Json& input,
                    aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    LogGroup group;
    STRATUS_ASSIGN_OR_RETURN(group.name, RequiredString(input, "logGroupName"));
    STRATUS_ASSIGN_OR_RETURN(group.tags, StringMap(input, "tags"));
    group.created_millis = store.clock().NowMillis();
    store.CreateGroup(std::move(group), ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::logs::api
