#include "lambda/api/alias_settings.h"

#include "base/format.h"
#include "lambda/api/function_lookup.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"
#include "lambda/errors.h"

namespace stratus::lambda::api {
namespace {

constexpr size_t kMaxAliasName = 128;

Status CheckVersionExists(LambdaEngine& engine,
                          const std::string& function,
                          const std::string& version) {
  if (version == kLatestVersion) {
    return FindFunction(engine, function).status();
  }
  Result<FunctionConfig> found = engine.store().GetVersion(function, version);
  if (!found.ok()) {
    return FunctionStatus(engine, function + ":" + version, found.status());
  }
  return Status::Ok();
}

}  // namespace

Status CheckAliasName(const std::string& name) {
  const bool valid_characters =
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") ==
      std::string::npos;
  const bool all_digits = name.find_first_not_of("0123456789") == std::string::npos;
  if (name.empty() || name.size() > kMaxAliasName || !valid_characters || all_digits) {
    // AWS: the Alias pattern (?!^[0-9]+$)([a-zA-Z0-9-_]+), 1 to 128 characters.
    return LambdaError::InvalidParameter(Format(
        "1 validation error detected: Value '{}' at 'name' failed to satisfy constraint: Member "
        "must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)",
        name));
  }
  return Status::Ok();
}

Result<AliasSettings> ReadAliasSettings(LambdaEngine& engine,
                                        const std::string& function,
                                        const Json& input) {
  AliasSettings settings;
  STRATUS_ASSIGN_OR_RETURN(settings.function_version, OptionalString(input, "FunctionVersion"));
  STRATUS_ASSIGN_OR_RETURN(settings.description, OptionalString(input, "Description"));
  if (settings.function_version.has_value()) {
    STRATUS_RETURN_IF_ERROR(CheckVersionExists(engine, function, *settings.function_version));
  }
  if (input.contains("RoutingConfig")) {
    STRATUS_ASSIGN_OR_RETURN(Json routing, OptionalObject(input, "RoutingConfig"));
    STRATUS_ASSIGN_OR_RETURN(Json weights, OptionalObject(routing, "AdditionalVersionWeights"));
    std::map<std::string, double> parsed;
    for (const auto& [version, weight] : weights.items()) {
      if (!weight.is_number()) {
        return LambdaError::InvalidParameter("AdditionalVersionWeights values must be numbers");
      }
      const double share = weight.get<double>();
      if (share < 0.0 || share > 1.0) {
        return LambdaError::InvalidParameter(Format(
            "Invalid weight {} for version {}: a weight is between 0.0 and 1.0", share, version));
      }
      if (version == kLatestVersion ||
          version.find_first_not_of("0123456789") != std::string::npos) {
        return LambdaError::InvalidParameter(
            Format("Invalid version {} in AdditionalVersionWeights: a published version "
                   "number is required",
                   version));
      }
      STRATUS_RETURN_IF_ERROR(CheckVersionExists(engine, function, version));
      parsed.emplace(version, share);
    }
    settings.weights = std::move(parsed);
  }
  return settings;
}

Status ApplyAliasSettings(const AliasSettings& settings, FunctionAlias& alias) {
  if (settings.function_version.has_value()) {
    alias.function_version = *settings.function_version;
  }
  if (settings.description.has_value()) {
    alias.description = *settings.description;
  }
  if (settings.weights.has_value()) {
    alias.additional_version_weights = *settings.weights;
  }
  const auto& weights = alias.additional_version_weights;
  if (weights.size() > 1) {
    return LambdaError::InvalidParameter(
        "Number of items in AdditionalVersionWeights cannot be greater than 1");
  }
  if (!weights.empty() && alias.function_version == kLatestVersion) {
    return LambdaError::InvalidParameter(
        "$LATEST is not supported for an alias pointing to more than 1 version");
  }
  if (weights.contains(alias.function_version)) {
    return LambdaError::InvalidParameter(
        Format("Invalid function version {}. Function version {} is already included in routing "
               "configuration.",
               alias.function_version, alias.function_version));
  }
  return Status::Ok();
}

}  // namespace stratus::lambda::api
