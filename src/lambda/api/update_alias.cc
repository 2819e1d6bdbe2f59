#include <utility>

#include "base/random.h"
#include "lambda/api/alias_settings.h"
#include "lambda/api/function_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

// AWS: changes only the members given; RevisionId, when given, must be the
// alias's current one (PreconditionFailedException).
void UpdateAlias(LambdaEngine& engine,
                 const aws::RequestContext& /*context*/,
                 const Json& input,
                 aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string function, FunctionNameOf(input, engine.FunctionArn("")));
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "Name"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> revision,
                             OptionalString(input, "RevisionId"));
    STRATUS_ASSIGN_OR_RETURN(AliasSettings settings, ReadAliasSettings(engine, function, input));
    std::string next_revision = engine.ids().Uuid();
    engine.store().UpdateAlias(
        function, name,
        [settings, revision, next_revision](FunctionAlias& alias) -> Status {
          if (revision.has_value() && *revision != alias.revision_id) {
            return LambdaError::PreconditionFailed(
                "The Revision Id provided does not match the latest Revision Id. Call the "
                "GetFunction/GetAlias API to retrieve the latest Revision Id");
          }
          STRATUS_RETURN_IF_ERROR(ApplyAliasSettings(settings, alias));
          alias.revision_id = next_revision;
          return Status::Ok();
        },
        [&engine, function, name, reply = std::move(reply)](Result<FunctionAlias> updated) {
          if (!updated.ok()) {
            reply(AliasStatus(engine, function, name, updated.status()));
            return;
          }
          reply(AliasToJson(engine, *updated));
        });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
