#include <charconv>

#include "lambda/api/handlers.h"
#include "lambda/api/layer_filter.h"
#include "lambda/api/layer_json.h"
#include "lambda/engine.h"
#include "lambda/layer_store.h"

namespace stratus::lambda::api {

// AWS: the versions matching the filters, newest first, paged by the last
// version number given; an unknown layer has none.
Result<Json> ListLayerVersions(LambdaEngine& engine,
                               const aws::RequestContext& /*context*/,
                               const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(LayerVersionRef ref, LayerRefOf(engine, input, false));
  STRATUS_ASSIGN_OR_RETURN(LayerListing listing, LayerListingOf(input));
  int64_t after = 0;
  if (listing.marker.has_value()) {
    const std::string& marker = *listing.marker;
    auto [end, error] = std::from_chars(marker.data(), marker.data() + marker.size(), after);
    if (error != std::errc() || end != marker.data() + marker.size()) {
      return LambdaError::InvalidParameter("Marker is not valid");
    }
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<LayerVersion> versions,
                           engine.store().layers().ListVersions(ref.name));
  Json items = Json::array();
  int64_t last = 0;
  bool more = false;
  for (const LayerVersion& layer : versions) {
    if (!listing.Matches(layer) || (after > 0 && layer.version >= after)) {
      continue;
    }
    if (items.size() == listing.max_items) {
      more = true;
      break;
    }
    last = layer.version;
    items.push_back(LayerVersionToJson(engine, layer, /*list_item=*/true));
  }
  Json out{{"LayerVersions", std::move(items)}};
  if (more) {
    out["NextMarker"] = std::to_string(last);
  }
  return out;
}

}  // namespace stratus::lambda::api
