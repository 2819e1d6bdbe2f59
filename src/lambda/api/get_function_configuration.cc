#include <utility>

#include "base/clock.h"
#include "base/random.h"
#include "lambda/api/function_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

Result<Json> GetFunctionConfiguration(LambdaEngine& engine,
                                      const aws::RequestContext& /*context*/,
                                      const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(FunctionTarget target, FunctionTargetOf(input, engine.FunctionArn("")));
  STRATUS_ASSIGN_OR_RETURN(ResolvedFunction resolved, FindTarget(engine, target));
  // AWS: a qualified request shows the qualified ARN; an alias, its version's configuration.
  return FunctionConfigurationToJson(engine, resolved.config,
                                     target.qualifier.empty() ? "" : TargetArn(engine, target));
}

}  // namespace stratus::lambda::api
