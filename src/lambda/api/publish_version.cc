#include <utility>

#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "lambda/api/function_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

bool WantsPublish(const Json& input) {
  return input.contains("Publish") && input["Publish"].is_boolean() && input["Publish"].get<bool>();
}

void PublishAndReply(LambdaEngine& engine, std::string name, aws::Reply reply) {
  std::string version_revision = engine.ids().Uuid();
  const int64_t now = engine.clock().NowMillis();
  engine.store().PublishVersion(
      name, [](const FunctionConfig&) { return Status::Ok(); },
      [now, version_revision](FunctionConfig& version) {
        version.last_modified_millis = now;
        version.revision_id = version_revision;
      },
      [&engine, name, reply = std::move(reply)](Result<FunctionConfig> published) {
        if (!published.ok()) {
          reply(FunctionStatus(engine, name, published.status()));
          return;
        }
        reply(FunctionConfigurationToJson(engine, *published));
      });
}

// AWS: a version is an immutable snapshot of $LATEST's code and
// configuration, numbered 1, 2, ...; publishing an unchanged $LATEST again
// returns the newest version. CodeSha256 and RevisionId, when given, must
// match $LATEST. Answers 201 with the version's FunctionConfiguration.
void PublishVersion(LambdaEngine& engine,
                    const aws::RequestContext& /*context*/,
                    const Json& input,
                    aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, FunctionNameOf(input, engine.FunctionArn("")));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> sha256,
                             OptionalString(input, "CodeSha256"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> revision,
                             OptionalString(input, "RevisionId"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> description,
                             OptionalString(input, "Description"));
    const int64_t now = engine.clock().NowMillis();
    std::string version_revision = engine.ids().Uuid();
    engine.store().PublishVersion(
        name,
        [sha256, revision](const FunctionConfig& latest) -> Status {
          if (sha256.has_value() && *sha256 != latest.code.sha256) {
            return LambdaError::InvalidParameter(
                Format("CodeSHA256 ({}) is different from current CodeSHA256 in $LATEST ({}). "
                       "Please try again with the CodeSHA256 in $LATEST.",
                       *sha256, latest.code.sha256));
          }
          if (revision.has_value() && *revision != latest.revision_id) {
            return LambdaError::PreconditionFailed(
                "The Revision Id provided does not match the latest Revision Id. Call the "
                "GetFunction/GetAlias API to retrieve the latest Revision Id");
          }
          return Status::Ok();
        },
        [description, now, version_revision](FunctionConfig& version) {
          if (description.has_value()) {
            version.description = *description;
          }
          version.last_modified_millis = now;
          version.revision_id = version_revision;
        },
        [&engine, name, reply = std::move(reply)](Result<FunctionConfig> published) {
          if (!published.ok()) {
            reply(FunctionStatus(engine, name, published.status()));
            return;
          }
          reply(FunctionConfigurationToJson(engine, *published));
        });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
