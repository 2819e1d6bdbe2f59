#include <utility>

#include "base/clock.h"
#include "base/random.h"
#include "lambda/api/function_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

void DeleteFunction(LambdaEngine& engine,
                    const aws::RequestContext& /*context*/,
                    const Json& input,
                    aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, FunctionNameOf(input, engine.FunctionArn("")));
    engine.store().Delete(name, [&engine, name, reply = std::move(reply)](Result<bool> deleted) {
      if (!deleted.ok()) {
        reply(FunctionStatus(engine, name, deleted.status()));
        return;
      }
      engine.FunctionChanged(name);
      // AWS: DeleteFunction answers 204 with no body.
      reply(Json{{"StatusCode", 204}});
    });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
