#include "lambda/api/function_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

Result<Json> GetAlias(LambdaEngine& engine,
                      const aws::RequestContext& /*context*/,
                      const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string function, FunctionNameOf(input, engine.FunctionArn("")));
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "Name"));
  Result<FunctionAlias> alias = engine.store().GetAlias(function, name);
  if (!alias.ok()) {
    return AliasStatus(engine, function, name, alias.status());
  }
  return AliasToJson(engine, *alias);
}

}  // namespace stratus::lambda::api
