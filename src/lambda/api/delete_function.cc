#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "lambda/api/function_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {
namespace {

// AWS: DeleteFunction with a qualifier deletes one published version; it
// refuses $LATEST and aliases.
Status CheckDeletableVersion(const FunctionTarget& target) {
  if (target.IsVersion()) {
    return Status::Ok();
  }
  return LambdaError::InvalidParameter(
      target.qualifier == "$LATEST"
          ? "$LATEST version cannot be deleted without deleting the function."
          : "Deletion of aliases is not supported. Use DeleteAlias to delete an alias.");
}

// Deletes one published version; one an alias routes to is
// ResourceConflictException. REQUIRES: CheckDeletableVersion(target) is Ok.
void DeleteVersion(LambdaEngine& engine, const FunctionTarget& target, aws::Reply reply) {
  engine.store().DeleteVersion(
      target.name, target.qualifier,
      [&engine, target, reply = std::move(reply)](Result<bool> deleted) {
        if (!deleted.ok()) {
          reply(FunctionStatus(engine, target.Reference(), deleted.status()));
          return;
        }
        engine.VersionDeleted(target.name, target.qualifier);
        reply(Json{{"StatusCode", 204}});
      });
}

}  // namespace

void DeleteFunction(LambdaEngine& engine,
                    const aws::RequestContext& /*context*/,
                    const Json& input,
                    aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(FunctionTarget target,
                             FunctionTargetOf(input, engine.FunctionArn("")));
    if (!target.qualifier.empty()) {
      STRATUS_RETURN_IF_ERROR(CheckDeletableVersion(target));
      DeleteVersion(engine, target, std::move(reply));
      return Status::Ok();
    }
    const std::string name = target.name;
    // The versions' warm processes go with the function.
    std::vector<std::string> versions;
    if (Result<std::vector<FunctionConfig>> listed = engine.store().ListVersions(name);
        listed.ok()) {
      for (const FunctionConfig& version : *listed) {
        versions.push_back(version.version);
      }
    }
    engine.store().Delete(name, [&engine, name, versions = std::move(versions),
                                 reply = std::move(reply)](Result<bool> deleted) {
      if (!deleted.ok()) {
        reply(FunctionStatus(engine, name, deleted.status()));
        return;
      }
      engine.FunctionChanged(name);
      for (const std::string& version : versions) {
        engine.VersionDeleted(name, version);
      }
      // AWS: DeleteFunction answers 204 with no body.
      reply(Json{{"StatusCode", 204}});
    });
    return Status::Ok();
  });
}

}  // namespace stratus::lambda::api
