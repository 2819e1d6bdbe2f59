#pragma once

#include <cstdint>
#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "lambda/function_config.h"

namespace stratus::lambda {
class LambdaEngine;
}  // namespace stratus::lambda

namespace stratus::lambda::api {

struct FunctionTarget;

/// Returns whether async invocation settings were put (any member set); a
/// qualifier without them has no EventInvokeConfig.
bool HasEventInvokeConfig(const FunctionConfig& function);
bool HasEventInvokeConfig(const FunctionAlias& alias);

/// Returns ResourceNotFoundException for a qualifier without settings. AWS:
/// "The function arn:aws:lambda:REGION:ACCOUNT:function:NAME:QUALIFIER
/// doesn't have an EventInvokeConfig".
Status NoEventInvokeConfig(const LambdaEngine& engine, const FunctionTarget& target);

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
