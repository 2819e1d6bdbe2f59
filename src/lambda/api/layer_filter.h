#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "base/json.h"
#include "base/result.h"
#include "lambda/function_config.h"

namespace stratus::lambda::api {

/// The CompatibleRuntime, CompatibleArchitecture, Marker and MaxItems members
/// of ListLayers and ListLayerVersions.
struct LayerListing {
  std::optional<std::string> runtime = std::nullopt;
  std::optional<std::string> architecture = std::nullopt;
  std::optional<std::string> marker = std::nullopt;
  size_t max_items = 50;  // AWS: 1 to 50, 50 by default.

  /// Returns whether `layer` declares the runtime and architecture asked
  /// for (AWS: a version is listed only when it names them).
  bool Matches(const LayerVersion& layer) const;
};

/// Reads the listing members of `input`.
Result<LayerListing> LayerListingOf(const Json& input);

}  // namespace stratus::lambda::api
