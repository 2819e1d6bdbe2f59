#include <utility>

#include "base/clock.h"
#include "base/random.h"
#include "lambda/api/function_json.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/handlers.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {
namespace {

// AWS: at most 50 functions a page.
constexpr int64_t kMaxListed = 50;

// FunctionVersion=ALL: each function's $LATEST (with its qualified ARN) and
// then its published versions. The marker here is the last entry's
// NAME:VERSION.
Result<Json> ListAllVersions(LambdaEngine& engine,
                             const std::vector<FunctionConfig>& functions,
                             const std::optional<std::string>& marker,
                             int64_t page_size) {
  Json out{{"Functions", Json::array()}};
  bool past_marker = !marker.has_value();
  std::string last;
  for (const FunctionConfig& function : functions) {
    STRATUS_ASSIGN_OR_RETURN(std::vector<FunctionConfig> versions,
                             engine.store().ListVersions(function.name));
    versions.insert(versions.begin(), function);
    for (const FunctionConfig& version : versions) {
      const std::string key = version.name + ":" + version.version;
      if (!past_marker) {
        past_marker = key == *marker;
        continue;
      }
      if (std::ssize(out["Functions"]) == page_size) {
        out["NextMarker"] = last;
        return out;
      }
      out["Functions"].push_back(
          FunctionConfigurationToJson(engine, version, engine.QualifiedArn(key)));
      last = key;
    }
  }
  if (!past_marker) {
    return LambdaError::InvalidParameter("Invalid marker: " + *marker);
  }
  return out;
}

}  // namespace

Result<Json> ListFunctions(LambdaEngine& engine,
                           const aws::RequestContext& /*context*/,
                           const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> marker, OptionalString(input, "Marker"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> max_items, OptionalInteger(input, "MaxItems"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> versions,
                           OptionalString(input, "FunctionVersion"));
  const int64_t page_size = std::min(max_items.value_or(kMaxListed), kMaxListed);
  STRATUS_ASSIGN_OR_RETURN(std::vector<FunctionConfig> functions, engine.store().List());
  if (versions.value_or("") == "ALL") {
    return ListAllVersions(engine, functions, marker, page_size);
  }
  // The marker here is the last name returned.
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
