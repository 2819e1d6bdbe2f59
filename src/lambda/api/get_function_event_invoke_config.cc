#include "lambda/api/event_invoke_config_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

Result<Json> GetFunctionEventInvokeConfig(LambdaEngine& engine,
                                          const aws::RequestContext& /*context*/,
                                          const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(FunctionTarget target, FunctionTargetOf(input, engine.FunctionArn("")));
  if (target.IsAlias()) {
    Result<FunctionAlias> alias = engine.store().GetAlias(target.name, target.qualifier);
    if (!alias.ok()) {
      return FunctionStatus(engine, target.Reference(), alias.status());
    }
    if (!HasEventInvokeConfig(*alias)) {
      return NoEventInvokeConfig(engine, target);
    }
    return EventInvokeConfigToJson(engine, *alias, engine.clock().NowMillis());
  }
  STRATUS_ASSIGN_OR_RETURN(ResolvedFunction resolved, FindTarget(engine, target));
  if (!HasEventInvokeConfig(resolved.config)) {
    return NoEventInvokeConfig(engine, target);
  }
  return EventInvokeConfigToJson(engine, resolved.config,
                                 target.IsVersion() ? TargetArn(engine, target) : "");
}

}  // namespace stratus::lambda::api
