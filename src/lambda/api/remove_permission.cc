#include <utility>

#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

void RemovePermission(LambdaEngine& engine,
                      const aws::RequestContext& /*context*/,
                      const Json& input,
                      aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(FunctionTarget target,
                             FunctionTargetOf(input, engine.FunctionArn("")));
    STRATUS_ASSIGN_OR_RETURN(std::string statement_id, RequiredString(input, "StatementId"));
    STRATUS_RETURN_IF_ERROR(FindTarget(engine, target).status());
    const std::string name = PolicyKey(target);
    engine.store().RemovePermission(name, statement_id,
                                    [reply = std::move(reply)](Result<bool> removed) {
                                      if (!removed.ok()) {
                                        reply(LambdaError::FromEngine(removed.status()));
                                        return;
                                      }
                                      // AWS: RemovePermission answers 204 with no body.
                                      reply(Json::object());
                                    });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
