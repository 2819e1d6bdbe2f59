#include <utility>

#include "base/clock.h"
#include "base/random.h"
#include "lambda/api/function_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

Result<Json> ListFunctions(LambdaEngine& engine,
                           const aws::RequestContext& /*context*/,
                           const Json& input) {
  // AWS: at most 50 functions a page; the marker here is the last name returned.
  constexpr int64_t kMaxListed = 50;
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> marker, OptionalString(input, "Marker"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> max_items, OptionalInteger(input, "MaxItems"));
  const int64_t page_size = std::min(max_items.value_or(kMaxListed), kMaxListed);
  STRATUS_ASSIGN_OR_RETURN(std::vector<FunctionConfig> functions, engine.store().List());
  Json out{{"Functions", Json::array()}};
  for (const FunctionConfig& function : functions) {
    if (marker.has_value() && function.name <= *marker) {
      continue;
    }
    if (std::ssize(out["Functions"]) == page_size) {
      out["NextMarker"] = out["Functions"].back()["FunctionName"];
      break;
    }
    out["Functions"].push_back(FunctionConfigurationToJson(engine, function));
  }
  return out;
}

}  // namespace stratus::lambda::api
