#pragma once

#include <string>

#include "base/json.h"
#include "lambda/function_config.h"

namespace stratus::lambda {
class LambdaEngine;
}  // namespace stratus::lambda

namespace stratus::lambda::api {

/// Returns the EventSourceMappingConfiguration shape; `state` overrides the
/// state the mapping's Enabled flag gives ("Creating" right after
/// CreateEventSourceMapping, "Deleting" after DeleteEventSourceMapping).
Json MappingToJson(const LambdaEngine& engine,
                   const EventSourceMapping& mapping,
                   const std::string& state = "");

}  // namespace stratus::lambda::api
