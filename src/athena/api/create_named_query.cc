#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/random.h"

namespace stratus::athena::api {

void CreateNamedQuery(Engine& engine,
                      const aws::RequestContext& /*context*/,
                      const Json& input,
                      aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    NamedQuery query;
    STRATUS_ASSIGN_OR_RETURN(query.name, RequiredString(input, "Name"));
    STRATUS_ASSIGN_OR_RETURN(query.description, StringOr(input, "Description", ""));
    STRATUS_ASSIGN_OR_RETURN(query.database, RequiredString(input, "Database"));
    STRATUS_ASSIGN_OR_RETURN(query.query, RequiredString(input, "QueryString"));
    STRATUS_ASSIGN_OR_RETURN(query.work_group, StringOr(input, "WorkGroup", "primary"));
    STRATUS_ASSIGN_OR_RETURN(query.client_request_token, StringOr(input, "ClientRequestToken", ""));
    query.id = engine.ids().Uuid();
    engine.store().CreateNamedQuery(
        std::move(query), ReplyAfterCommit<NamedQuery>(std::move(reply), [](NamedQuery created) {
          return Json{{"NamedQueryId", created.id}};
        }));
    return Status::Ok();
  });
}

}  // namespace stratus::athena::api
