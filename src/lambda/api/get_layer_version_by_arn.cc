#include "lambda/api/handlers.h"
#include "lambda/api/layer_json.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"
#include "lambda/layer_store.h"

namespace stratus::lambda::api {

Result<Json> GetLayerVersionByArn(LambdaEngine& engine,
                                  const aws::RequestContext& /*context*/,
                                  const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(input, "Arn"));
  STRATUS_ASSIGN_OR_RETURN(LayerVersionRef ref, ParseLayerVersionArn(engine, arn));
  STRATUS_ASSIGN_OR_RETURN(LayerVersion layer, FindLayerVersion(engine, ref));
  return LayerVersionToJson(engine, layer, /*list_item=*/false);
}

}  // namespace stratus::lambda::api
