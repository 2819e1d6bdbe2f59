#include "lambda/api/function_layers.h"

#include <map>

#include "base/format.h"
#include "lambda/api/layer_json.h"
#include "lambda/engine.h"
#include "lambda/errors.h"
#include "lambda/layer_store.h"

namespace stratus::lambda::api {
namespace {

// AWS: a function uses at most five layers.
constexpr size_t kMaxLayers = 5;

}  // namespace

Result<std::optional<std::vector<FunctionLayer>>> LayersOf(LambdaEngine& engine,
                                                           const Json& input) {
  if (!input.contains("Layers") || input["Layers"].is_null()) {
    return std::optional<std::vector<FunctionLayer>>();
  }
  const Json& list = input["Layers"];
  if (!list.is_array()) {
    return LambdaError::InvalidParameter("Layers must be a list of layer version ARNs");
  }
  if (list.size() > kMaxLayers) {
    return LambdaError::InvalidParameter("Cannot reference more than 5 layers.");
  }
  std::vector<FunctionLayer> layers;
  std::map<std::string, std::string> seen;  // Layer name → the ARN that named it.
  LayerStore& store = engine.store().layers();
  for (const Json& item : list) {
    if (!item.is_string()) {
      return LambdaError::InvalidParameter("Layers must be a list of layer version ARNs");
    }
    const std::string arn = item.get<std::string>();
    STRATUS_ASSIGN_OR_RETURN(LayerVersionRef ref, ParseLayerVersionArn(engine, arn));
    if (auto [it, inserted] = seen.emplace(ref.name, arn); !inserted) {
      return LambdaError::InvalidParameter(
          Format("Two different versions of the same layer are not allowed to be referenced in "
                 "the same function. {} and {} are versions of the same layer.",
                 it->second, arn));
    }
    Result<LayerVersion> layer = store.Get(ref.name, ref.version);
    if (!layer.ok()) {
      if (layer.status().code() != StatusCode::kNotFound) {
        return LambdaError::FromEngine(layer.status());
      }
      // AWS: "Layer version arn:aws:lambda:REGION:ACCOUNT:layer:NAME:N does not exist."
      return LambdaError::InvalidParameter(Format("Layer version {} does not exist.", arn));
    }
    layers.push_back(FunctionLayer{.arn = arn, .code = layer->code});
  }
  return std::optional<std::vector<FunctionLayer>>(std::move(layers));
}

Json LayersToJson(const std::vector<FunctionLayer>& layers) {
  Json out = Json::array();
  for (const FunctionLayer& layer : layers) {
    out.push_back(Json{{"Arn", layer.arn}, {"CodeSize", layer.code.size}});
  }
  return out;
}

}  // namespace stratus::lambda::api
