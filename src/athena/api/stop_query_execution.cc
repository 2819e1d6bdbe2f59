#include <algorithm>
#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/clock.h"

namespace stratus::athena::api {

void StopQueryExecution(Engine& engine,
                        const aws::RequestContext& /*context*/,
                        const Json& input,
                        aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string id, RequiredString(input, "QueryExecutionId"));
    engine.StopQuery(std::move(id), ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::athena::api
