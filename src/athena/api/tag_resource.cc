#include <utility>

#include "athena/api/data_catalog_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"

namespace stratus::athena::api {

void TagResource(Engine& engine,
                 const aws::RequestContext& /*context*/,
                 const Json& input,
                 aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "ResourceARN"));
    STRATUS_ASSIGN_OR_RETURN(std::string resource, TaggedResourceOf(arn));
    STRATUS_ASSIGN_OR_RETURN(std::vector<Tag> tags, TagsOf(input, "Tags"));
    engine.store().TagResource(std::move(resource), std::move(arn), std::move(tags),
                               ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::athena::api
