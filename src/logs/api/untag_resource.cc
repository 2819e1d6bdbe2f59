#include <utility>

#include "base/clock.h"
#include "logs/api/handlers.h"
#include "logs/api/logs_json.h"
#include "logs/api/request_fields.h"
#include "logs/log_store.h"

namespace stratus::logs::api {
void UntagResource(LogStore& store,
                   const aws::RequestContext& /*context*/,
                   const Json& input,
                   aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "resourceArn"));
    STRATUS_ASSIGN_OR_RETURN(std::string group, GroupNameOfArn(arn));
    STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> keys, StringList(input, "tagKeys"));
    store.UntagGroup(std::move(group), std::move(keys),
                     ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::logs::api
