#pragma once

#include "base/json.h"
#include "lambda/function_config.h"

namespace stratus::lambda {
class LambdaEngine;
}  // namespace stratus::lambda

namespace stratus::lambda::api {

/// Returns the FunctionEventInvokeConfig shape of $LATEST.
Json EventInvokeConfigToJson(const LambdaEngine& engine, const FunctionConfig& function);

}  // namespace stratus::lambda::api
