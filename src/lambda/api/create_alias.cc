#include <utility>

#include "base/format.h"
#include "base/random.h"
#include "lambda/api/alias_settings.h"
#include "lambda/api/function_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

// AWS: answers 201 with the AliasConfiguration; a taken name is
// ResourceConflictException "Alias already exists: ARN".
void CreateAlias(LambdaEngine& engine,
                 const aws::RequestContext& /*context*/,
                 const Json& input,
                 aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string function, FunctionNameOf(input, engine.FunctionArn("")));
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "Name"));
    STRATUS_RETURN_IF_ERROR(CheckAliasName(name));
    STRATUS_RETURN_IF_ERROR(RequiredString(input, "FunctionVersion").status());
    STRATUS_ASSIGN_OR_RETURN(AliasSettings settings, ReadAliasSettings(engine, function, input));
    FunctionAlias alias{.function = function, .name = name, .revision_id = engine.ids().Uuid()};
    STRATUS_RETURN_IF_ERROR(ApplyAliasSettings(settings, alias));
    engine.store().CreateAlias(
        std::move(alias),
        [&engine, function, name, reply = std::move(reply)](Result<FunctionAlias> created) {
          if (!created.ok()) {
            const std::string arn = engine.QualifiedArn(function + ":" + name);
            reply(created.status().code() == StatusCode::kAlreadyExists
                      ? LambdaError::FromEngine(
                            Status::AlreadyExists(Format("Alias already exists: {}", arn)))
                      : FunctionStatus(engine, function, created.status()));
            return;
          }
          reply(AliasToJson(engine, *created));
        });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
