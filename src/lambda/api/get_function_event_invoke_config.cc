#include "lambda/api/event_invoke_config_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

Result<Json> GetFunctionEventInvokeConfig(LambdaEngine& engine,
                                          const aws::RequestContext& /*context*/,
                                          const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, FunctionNameOf(input, engine.FunctionArn("")));
  STRATUS_ASSIGN_OR_RETURN(FunctionConfig function, FindFunction(engine, name));
  return EventInvokeConfigToJson(engine, function);
}

}  // namespace stratus::lambda::api
