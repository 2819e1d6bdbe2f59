#include <utility>

#include "base/clock.h"
#include "base/random.h"
#include "lambda/api/function_json.h"
#include "lambda/api/function_layers.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/function_settings.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

void UpdateFunctionConfiguration(LambdaEngine& engine,
                                 const aws::RequestContext& /*context*/,
                                 const Json& input,
                                 aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, FunctionNameOf(input, engine.FunctionArn("")));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> revision,
                             OptionalString(input, "RevisionId"));
    // Checks the settings before queueing the write, so that errors come back unchanged.
    FunctionConfig scratch;
    STRATUS_RETURN_IF_ERROR(ApplyFunctionSettings(input, scratch));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::vector<FunctionLayer>> layers,
                             LayersOf(engine, input));
    const int64_t now = engine.clock().NowMillis();
    std::string next_revision = engine.ids().Uuid();
    engine.store().Update(
        name,
        [input, now, revision, next_revision, layers](FunctionConfig& function) -> Status {
          if (revision.has_value() && *revision != function.revision_id) {
            return LambdaError::FromEngine(Status::FailedPrecondition(
                "The Revision Id provided does not match the latest Revision Id. Call the "
                "GetFunction/GetAlias API to retrieve the latest Revision Id"));
          }
          STRATUS_RETURN_IF_ERROR(ApplyFunctionSettings(input, function));
          if (layers.has_value()) {
            function.layers = *layers;
          }
          function.last_modified_millis = now;
          function.revision_id = next_revision;
          return Status::Ok();
        },
        ReplyConfigurationAfterCommit(engine, name, std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
