#include "lambda/api/handlers.h"
#include "lambda/api/layer_json.h"
#include "lambda/engine.h"
#include "lambda/layer_store.h"

namespace stratus::lambda::api {

Result<Json> GetLayerVersion(LambdaEngine& engine,
                             const aws::RequestContext& /*context*/,
                             const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(LayerVersionRef ref, LayerRefOf(engine, input, true));
  STRATUS_ASSIGN_OR_RETURN(LayerVersion layer, FindLayerVersion(engine, ref));
  return LayerVersionToJson(engine, layer, /*list_item=*/false);
}

}  // namespace stratus::lambda::api
