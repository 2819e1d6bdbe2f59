#include <utility>

#include "base/clock.h"
#include "base/random.h"
#include "lambda/api/function_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

Result<Json> GetFunction(LambdaEngine& engine,
                         const aws::RequestContext& /*context*/,
                         const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(FunctionTarget target, FunctionTargetOf(input, engine.FunctionArn("")));
  STRATUS_ASSIGN_OR_RETURN(ResolvedFunction resolved, FindTarget(engine, target));
  const FunctionConfig& function = resolved.config;
  // AWS: a qualified request shows the qualified ARN; an alias, its version's configuration.
  const std::string arn = target.qualifier.empty() ? "" : TargetArn(engine, target);
  // TODO(#11): a Code.Location URL that serves the zip.
  Json out{{"Configuration", FunctionConfigurationToJson(engine, function, arn)},
           {"Code", {{"RepositoryType", "S3"}}}};
  if (!function.tags.empty()) {
    out["Tags"] = function.tags;
  }
  // AWS: the function's reservation, whichever qualifier was asked for.
  Result<FunctionConfig> latest = function.version == kLatestVersion
                                      ? Result<FunctionConfig>(function)
                                      : FindFunction(engine, function.name);
  if (latest.ok() && latest->reserved_concurrency.has_value()) {
    out["Concurrency"] = {{"ReservedConcurrentExecutions", *latest->reserved_concurrency}};
  }
  return out;
}

}  // namespace stratus::lambda::api
