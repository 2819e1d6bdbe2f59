#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/random.h"

namespace stratus::athena::api {

void UpdateNamedQuery(Engine& engine,
                      const aws::RequestContext& /*context*/,
                      const Json& input,
                      aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string id, RequiredString(input, "NamedQueryId"));
    STRATUS_ASSIGN_OR_RETURN(NamedQuery query, engine.store().GetNamedQuery(id));
    STRATUS_ASSIGN_OR_RETURN(query.name, RequiredString(input, "Name"));
    STRATUS_ASSIGN_OR_RETURN(query.description, StringOr(input, "Description", ""));
    STRATUS_ASSIGN_OR_RETURN(query.query, RequiredString(input, "QueryString"));
    engine.store().UpdateNamedQuery(std::move(query),
                                    ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::athena::api
