#pragma once

#include "base/json.h"
#include "base/status.h"
#include "lambda/function_config.h"

namespace stratus::lambda::api {

/// Applies the configuration members CreateFunction and
/// UpdateFunctionConfiguration share (Runtime, Handler, Role, Description,
/// Timeout, MemorySize, Environment, EphemeralStorage) to `function`;
/// members absent from `input` leave it unchanged.
///
/// AWS: environment variables may not set reserved keys ("Lambda was unable
/// to configure your environment variables because the environment variables
/// you have provided contains reserved keys that are currently not supported
/// for modification. Reserved keys used in this request: AWS_REGION").
Status ApplyFunctionSettings(const Json& input, FunctionConfig& function);

}  // namespace stratus::lambda::api
