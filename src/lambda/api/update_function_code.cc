#include <utility>

#include "base/clock.h"
#include "base/random.h"
#include "lambda/api/code_source.h"
#include "lambda/api/function_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

void UpdateFunctionCode(LambdaEngine& engine,
                        const aws::RequestContext& /*context*/,
                        const Json& input,
                        aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, FunctionNameOf(input, engine.FunctionArn("")));
    STRATUS_RETURN_IF_ERROR(FindFunction(engine, name).status());
    STRATUS_ASSIGN_OR_RETURN(CodeInfo code, StoreCode(engine, input));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> revision,
                             OptionalString(input, "RevisionId"));
    const int64_t now = engine.clock().NowMillis();
    std::string next_revision = engine.ids().Uuid();
    engine.store().Update(
        name,
        [code, now, revision, next_revision](FunctionConfig& function) -> Status {
          if (revision.has_value() && *revision != function.revision_id) {
            return LambdaError::FromEngine(Status::FailedPrecondition(
                "The Revision Id provided does not match the latest Revision Id. Call the "
                "GetFunction/GetAlias API to retrieve the latest Revision Id"));
          }
          function.code = code;
          function.last_modified_millis = now;
          function.revision_id = next_revision;
          return Status::Ok();
        },
        WantsPublish(input) ? Done<FunctionConfig>([&engine, name, reply = std::move(reply)](
                                                       Result<FunctionConfig> stored) mutable {
          if (!stored.ok()) {
            reply(FunctionStatus(engine, name, stored.status()));
            return;
          }
          engine.FunctionChanged(name);
          // AWS: Publish answers with the new version's configuration.
          PublishAndReply(engine, name, std::move(reply));
        })
                            : ReplyConfigurationAfterCommit(engine, name, std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
