#pragma once

#include "base/json.h"
#include "base/status.h"
#include "lambda/function_config.h"

namespace stratus::lambda::api {

/// Applies BatchSize, MaximumBatchingWindowInSeconds, Enabled and
/// FunctionResponseTypes from a Create/UpdateEventSourceMapping input;
/// members absent leave `mapping` unchanged.
Status ApplyMappingSettings(const Json& input, EventSourceMapping& mapping);

}  // namespace stratus::lambda::api
