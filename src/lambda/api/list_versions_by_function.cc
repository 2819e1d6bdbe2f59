#include <algorithm>
#include <utility>

#include "lambda/api/function_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

// AWS: $LATEST first (with its qualified ARN), then the versions in order;
// at most 50 a page. The marker here is the last version returned.
Result<Json> ListVersionsByFunction(LambdaEngine& engine,
                                    const aws::RequestContext& /*context*/,
                                    const Json& input) {
  constexpr int64_t kMaxListed = 50;
  STRATUS_ASSIGN_OR_RETURN(std::string name, FunctionNameOf(input, engine.FunctionArn("")));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> marker, OptionalString(input, "Marker"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> max_items, OptionalInteger(input, "MaxItems"));
  const int64_t page_size = std::min(max_items.value_or(kMaxListed), kMaxListed);
  STRATUS_ASSIGN_OR_RETURN(FunctionConfig latest, FindFunction(engine, name));
  STRATUS_ASSIGN_OR_RETURN(std::vector<FunctionConfig> versions, engine.store().ListVersions(name));
  versions.insert(versions.begin(), std::move(latest));
  Json out{{"Versions", Json::array()}};
  bool past_marker = !marker.has_value();
  for (const FunctionConfig& version : versions) {
    if (!past_marker) {
      past_marker = version.version == *marker;
      continue;
    }
    if (std::ssize(out["Versions"]) == page_size) {
      out["NextMarker"] = out["Versions"].back()["Version"];
      break;
    }
    out["Versions"].push_back(FunctionConfigurationToJson(
        engine, version, engine.QualifiedArn(name + ":" + version.version)));
  }
  if (!past_marker) {
    return LambdaError::InvalidParameter("Invalid marker: " + *marker);
  }
  return out;
}

}  // namespace stratus::lambda::api
