#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "lambda/function_config.h"

namespace stratus::lambda {
class LambdaEngine;
}  // namespace stratus::lambda

namespace stratus::lambda::api {

/// Returns the FunctionConfiguration shape of $LATEST or a published version
/// (FunctionArn: `arn` when given, else the version's own ARN — unqualified
/// for $LATEST, NAME:N for a version). Functions are Active
/// and their last update Successful as soon as the call that made them
/// returns (the code is unpacked before it answers), which is what the SDK
/// waiters (function_active_v2, function_updated_v2) poll for.
Json FunctionConfigurationToJson(const LambdaEngine& engine,
                                 const FunctionConfig& function,
                                 std::string_view arn = {});

/// Returns the AliasConfiguration shape.
Json AliasToJson(const LambdaEngine& engine, const FunctionAlias& alias);

/// Returns AWS's LastModified text: "2024-06-10T12:00:00.000+0000".
std::string LastModifiedText(int64_t millis);

}  // namespace stratus::lambda::api
