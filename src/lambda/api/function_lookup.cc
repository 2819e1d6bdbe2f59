#include "lambda/api/function_lookup.h"

#include <utility>

#include "base/format.h"
#include "lambda/api/function_json.h"
#include "lambda/engine.h"
#include "lambda/errors.h"

namespace stratus::lambda::api {

Status FunctionStatus(const LambdaEngine& engine, std::string_view name, const Status& status) {
  if (status.code() == StatusCode::kNotFound && status.aws_type().empty()) {
    return LambdaError::FunctionNotFound(engine.FunctionArn(name));
  }
  return LambdaError::FromEngine(status);
}

Status AliasStatus(const LambdaEngine& engine,
                   std::string_view function,
                   std::string_view name,
                   const Status& status) {
  if (status.code() == StatusCode::kNotFound && status.aws_type().empty()) {
    return LambdaError::AliasNotFound(engine.QualifiedArn(Format("{}:{}", function, name)));
  }
  return LambdaError::FromEngine(status);
}

Result<FunctionConfig> FindFunction(LambdaEngine& engine, std::string_view name) {
  Result<FunctionConfig> found = engine.store().Get(name);
  if (!found.ok()) {
    return FunctionStatus(engine, name, found.status());
  }
  return found;
}

Result<ResolvedFunction> FindTarget(LambdaEngine& engine, const FunctionTarget& target) {
  Result<ResolvedFunction> found = engine.Resolve(target.Reference(), /*route=*/false);
  if (!found.ok()) {
    return FunctionStatus(engine, target.Reference(), found.status());
  }
  return found;
}

std::string TargetArn(const LambdaEngine& engine, const FunctionTarget& target) {
  return engine.QualifiedArn(target.Reference());
}

std::string PolicyKey(const FunctionTarget& target) {
  return target.qualifier == "$LATEST" ? target.name : target.Reference();
}

Done<FunctionConfig> ReplyConfigurationAfterCommit(LambdaEngine& engine,
                                                   std::string name,
                                                   aws::Reply reply) {
  return
      [&engine, name = std::move(name), reply = std::move(reply)](Result<FunctionConfig> stored) {
        if (!stored.ok()) {
          reply(FunctionStatus(engine, name, stored.status()));
          return;
        }
        engine.FunctionChanged(name);
        reply(FunctionConfigurationToJson(engine, *stored));
      };
}

}  // namespace stratus::lambda::api
