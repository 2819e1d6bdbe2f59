#include "lambda/api/function_lookup.h"

#include <utility>

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

Result<FunctionConfig> FindFunction(LambdaEngine& engine, std::string_view name) {
  Result<FunctionConfig> found = engine.store().Get(name);
  if (!found.ok()) {
    return FunctionStatus(engine, name, found.status());
  }
  return found;
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
