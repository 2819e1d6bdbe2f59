#include <algorithm>
#include <utility>

#include "lambda/api/function_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

// AWS: aliases by name, at most 50 a page; FunctionVersion keeps those that
// route to that version. The marker here is the last alias name returned.
Result<Json> ListAliases(LambdaEngine& engine,
                         const aws::RequestContext& /*context*/,
                         const Json& input) {
  constexpr int64_t kMaxListed = 50;
  STRATUS_ASSIGN_OR_RETURN(std::string function, FunctionNameOf(input, engine.FunctionArn("")));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> version,
                           OptionalString(input, "FunctionVersion"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> marker, OptionalString(input, "Marker"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> max_items, OptionalInteger(input, "MaxItems"));
  const int64_t page_size = std::min(max_items.value_or(kMaxListed), kMaxListed);
  STRATUS_RETURN_IF_ERROR(FindFunction(engine, function).status());
  STRATUS_ASSIGN_OR_RETURN(std::vector<FunctionAlias> aliases,
                           engine.store().ListAliases(function));
  Json out{{"Aliases", Json::array()}};
  for (const FunctionAlias& alias : aliases) {
    if ((marker.has_value() && alias.name <= *marker) ||
        (version.has_value() && alias.function_version != *version &&
         !alias.additional_version_weights.contains(*version))) {
      continue;
    }
    if (std::ssize(out["Aliases"]) == page_size) {
      out["NextMarker"] = out["Aliases"].back()["Name"];
      break;
    }
    out["Aliases"].push_back(AliasToJson(engine, alias));
  }
  return out;
}

}  // namespace stratus::lambda::api
