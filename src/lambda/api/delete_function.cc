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

// Deletes one published version: AWS refuses $LATEST and aliases here, and a
// version an alias routes to (ResourceConflictException).
Status DeleteVersion(LambdaEngine& engine, const FunctionTarget& target, aws::Reply reply) {
  if (!target.IsVersion()) {
    return LambdaError::InvalidParameter(
        target.qualifier == "$LATEST"
            ? "$LATEST version cannot be deleted without deleting the function."
            : "Deletion of aliases is not supported. Use DeleteAlias to delete an alias.");
  }
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
  return Status::Ok();
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
      return DeleteVersion(engine, target, std::move(reply));
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
