#include "lambda/api/handlers.h"
#include "lambda/api/layer_filter.h"
#include "lambda/api/layer_json.h"
#include "lambda/engine.h"
#include "lambda/layer_store.h"

namespace stratus::lambda::api {

// AWS: one item per layer that has a version matching the filters, with its
// newest matching version; by layer name, paged by the last name given.
Result<Json> ListLayers(LambdaEngine& engine,
                        const aws::RequestContext& /*context*/,
                        const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(LayerListing listing, LayerListingOf(input));
  STRATUS_ASSIGN_OR_RETURN(std::vector<LayerVersion> versions, engine.store().layers().ListAll());
  Json layers = Json::array();
  std::string last_name;
  bool more = false;
  for (const LayerVersion& layer : versions) {
    if (layer.name == last_name || !listing.Matches(layer) ||
        (listing.marker.has_value() && layer.name <= *listing.marker)) {
      continue;
    }
    if (layers.size() == listing.max_items) {
      more = true;
      break;
    }
    last_name = layer.name;
    layers.push_back(Json{{"LayerName", layer.name},
                          {"LayerArn", LayerArn(engine, layer.name)},
                          {"LatestMatchingVersion", LayerVersionToJson(engine, layer, true)}});
  }
  Json out{{"Layers", std::move(layers)}};
  if (more) {
    out["NextMarker"] = last_name;
  }
  return out;
}

}  // namespace stratus::lambda::api
