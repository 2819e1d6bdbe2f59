#include <string>
#include <vector>

#include "lambda/api/handlers.h"
#include "lambda/api/layer_json.h"
#include "lambda/engine.h"
#include "lambda/layer_store.h"

namespace stratus::lambda::api {

Result<Json> GetLayerVersionPolicy(LambdaEngine& engine,
                                   const aws::RequestContext& /*context*/,
                                   const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(LayerVersionRef ref, LayerRefOf(engine, input, true));
  STRATUS_ASSIGN_OR_RETURN(LayerVersion layer, FindLayerVersion(engine, ref));
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> statements,
                           engine.store().layers().ListPermissions(ref.name, ref.version));
  if (statements.empty()) {
    // AWS: a layer version without a policy answers ResourceNotFoundException.
    return LayerVersionNotFound();
  }
  Json policy = {{"Version", "2012-10-17"}, {"Id", "default"}, {"Statement", Json::array()}};
  for (const std::string& text : statements) {
    STRATUS_ASSIGN_OR_RETURN(Json statement, ParseJson(text));
    policy["Statement"].push_back(std::move(statement));
  }
  return Json{{"Policy", DumpJson(policy)}, {"RevisionId", layer.policy_revision_id}};
}

}  // namespace stratus::lambda::api
