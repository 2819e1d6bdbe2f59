#include <string>
#include <vector>

#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

Result<Json> GetPolicy(LambdaEngine& engine,
                       const aws::RequestContext& /*context*/,
                       const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(FunctionTarget target, FunctionTargetOf(input, engine.FunctionArn("")));
  STRATUS_ASSIGN_OR_RETURN(ResolvedFunction resolved, FindTarget(engine, target));
  const FunctionConfig& function = resolved.config;
  const std::string name = PolicyKey(target);
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> statements,
                           engine.store().ListPermissions(name));
  if (statements.empty()) {
    // AWS: a function without a resource-based policy answers ResourceNotFoundException.
    return LambdaError::FromEngine(Status::NotFound("The resource you requested does not exist."));
  }
  Json policy = {{"Version", "2012-10-17"}, {"Id", "default"}, {"Statement", Json::array()}};
  for (const std::string& text : statements) {
    STRATUS_ASSIGN_OR_RETURN(Json statement, ParseJson(text));
    policy["Statement"].push_back(std::move(statement));
  }
  return Json{{"Policy", DumpJson(policy)}, {"RevisionId", function.revision_id}};
}

}  // namespace stratus::lambda::api
