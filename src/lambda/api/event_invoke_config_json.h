#pragma once

#include <cstdint>
#include <string_view>

#include "base/json.h"
#include "lambda/function_config.h"

namespace stratus::lambda {
class LambdaEngine;
}  // namespace stratus::lambda

namespace stratus::lambda::api {

/// Returns the FunctionEventInvokeConfig shape of $LATEST or a version
/// (FunctionArn `arn`; empty: NAME:$LATEST).
Json EventInvokeConfigToJson(const LambdaEngine& engine,
                             const FunctionConfig& function,
                             std::string_view arn = {});

/// Returns the FunctionEventInvokeConfig shape of an alias.
Json EventInvokeConfigToJson(const LambdaEngine& engine,
                             const FunctionAlias& alias,
                             int64_t now_millis);

}  // namespace stratus::lambda::api
