#pragma once

#include <map>
#include <optional>
#include <string>

#include "base/json.h"
#include "base/result.h"
#include "lambda/function_config.h"

namespace stratus::lambda {
class LambdaEngine;
}  // namespace stratus::lambda

namespace stratus::lambda::api {

/// The members CreateAlias and UpdateAlias set; unset ones stay as they are.
struct AliasSettings {
  std::optional<std::string> function_version = std::nullopt;
  std::optional<std::string> description = std::nullopt;
  /// RoutingConfig.AdditionalVersionWeights (an empty map removes routing).
  std::optional<std::map<std::string, double>> weights = std::nullopt;
};

/// Checks an alias name as AWS does: 1 to 128 of [a-zA-Z0-9-_], not all digits.
Status CheckAliasName(const std::string& name);

/// Reads the settings members of `input`, checking that every version they
/// name exists (ResourceNotFoundException) and that weights are 0 to 1.
Result<AliasSettings> ReadAliasSettings(LambdaEngine& engine,
                                        const std::string& function,
                                        const Json& input);

/// Applies `settings` to `alias` and checks the result's routing: at most
/// one additional version, not the alias's own, and not with $LATEST.
Status ApplyAliasSettings(const AliasSettings& settings, FunctionAlias& alias);

}  // namespace stratus::lambda::api
