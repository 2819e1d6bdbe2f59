#include "lambda/api/layer_filter.h"

#include <algorithm>

#include "lambda/api/request_fields.h"
#include "lambda/errors.h"

namespace stratus::lambda::api {

bool LayerListing::Matches(const LayerVersion& layer) const {
  auto names = [](const std::vector<std::string>& list, const std::optional<std::string>& wanted) {
    return !wanted.has_value() || std::ranges::find(list, *wanted) != list.end();
  };
  return names(layer.compatible_runtimes, runtime) &&
         names(layer.compatible_architectures, architecture);
}

Result<LayerListing> LayerListingOf(const Json& input) {
  LayerListing listing;
  STRATUS_ASSIGN_OR_RETURN(listing.runtime, OptionalString(input, "CompatibleRuntime"));
  STRATUS_ASSIGN_OR_RETURN(listing.architecture, OptionalString(input, "CompatibleArchitecture"));
  STRATUS_ASSIGN_OR_RETURN(listing.marker, OptionalString(input, "Marker"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> max_items, OptionalInteger(input, "MaxItems"));
  if (max_items.has_value()) {
    if (*max_items < 1 || *max_items > 50) {
      return LambdaError::InvalidParameter("MaxItems must be between 1 and 50");
    }
    listing.max_items = static_cast<size_t>(*max_items);
  }
  return listing;
}

}  // namespace stratus::lambda::api
