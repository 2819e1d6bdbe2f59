#include <utility>

#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

// AWS: answers 204; deleting an alias that does not exist is not an error
// (DeleteAlias lists no ResourceNotFoundException).
void DeleteAlias(LambdaEngine& engine,
                 const aws::RequestContext& /*context*/,
                 const Json& input,
                 aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string function, FunctionNameOf(input, engine.FunctionArn("")));
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "Name"));
    engine.store().DeleteAlias(function, name, [reply = std::move(reply)](Result<bool> deleted) {
      if (!deleted.ok() && deleted.status().code() != StatusCode::kNotFound) {
        reply(LambdaError::FromEngine(deleted.status()));
        return;
      }
      reply(Json::object());
    });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
