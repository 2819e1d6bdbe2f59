#include <utility>

#include "base/clock.h"
#include "base/random.h"
#include "lambda/api/code_source.h"
#include "lambda/api/function_json.h"
#include "lambda/api/function_layers.h"
#include "lambda/api/function_settings.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"
#include "lambda/runtime/runtime_catalog.h"

namespace stratus::lambda::api {

void CreateFunction(LambdaEngine& engine,
                    const aws::RequestContext& /*context*/,
                    const Json& input,
                    aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    FunctionConfig function;
    STRATUS_ASSIGN_OR_RETURN(function.name, RequiredString(input, "FunctionName"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> package_type,
                             OptionalString(input, "PackageType"));
    if (package_type.value_or("Zip") == "Image") {
      return LambdaError::InvalidParameter(
          "PackageType Image is not supported by stratus: it runs functions as local processes "
          "without Docker. Deploy a .zip package instead.");
    }
    STRATUS_RETURN_IF_ERROR(ApplyFunctionSettings(input, function));
    if (function.runtime.empty()) {
      // AWS: zip functions need a runtime and a handler.
      return LambdaError::InvalidParameter(
          "Runtime and Handler are mandatory parameters for "
          "functions created with deployment packages.");
    }
    if (function.handler.empty() &&
        RuntimeFamilyOf(function.runtime).value_or(RuntimeFamily::kProvided) !=
            RuntimeFamily::kProvided) {
      return LambdaError::InvalidParameter(
          "Runtime and Handler are mandatory parameters for "
          "functions created with deployment packages.");
    }
    STRATUS_ASSIGN_OR_RETURN(Json code, OptionalObject(input, "Code"));
    STRATUS_ASSIGN_OR_RETURN(function.code, StoreCode(engine, code));
    STRATUS_ASSIGN_OR_RETURN(function.tags, StringMap(input, "Tags"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::vector<FunctionLayer>> layers,
                             LayersOf(engine, input));
    function.layers = std::move(layers).value_or(std::vector<FunctionLayer>());
    if (input.contains("Architectures") && input["Architectures"].is_array() &&
        !input["Architectures"].empty() && input["Architectures"][0].is_string()) {
      function.architecture = input["Architectures"][0].get<std::string>();
    }
    function.last_modified_millis = engine.clock().NowMillis();
    function.revision_id = engine.ids().Uuid();
    const std::string name = function.name;
    const bool publish = WantsPublish(input);
    engine.store().Create(std::move(function), [&engine, name, publish, reply = std::move(reply)](
                                                   Result<FunctionConfig> created) {
      if (!created.ok()) {
        reply(created.status().code() == StatusCode::kAlreadyExists
                  ? LambdaError::FunctionExists(name)
                  : LambdaError::FromEngine(created.status()));
        return;
      }
      if (publish) {
        // AWS: Publish answers with version 1's configuration.
        PublishAndReply(engine, name, std::move(reply));
        return;
      }
      reply(FunctionConfigurationToJson(engine, *created));
    });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
