#pragma once

#include <optional>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "lambda/function_config.h"

namespace stratus::lambda {
class LambdaEngine;
}  // namespace stratus::lambda

namespace stratus::lambda::api {

/// Reads the Layers member of CreateFunction or UpdateFunctionConfiguration:
/// nullopt when absent, else the layer versions named, in order, with their
/// content. AWS: at most 5, each a layer version ARN that exists, no layer
/// twice; InvalidParameterValueException otherwise.
Result<std::optional<std::vector<FunctionLayer>>> LayersOf(LambdaEngine& engine, const Json& input);

/// Returns the Layers member of a FunctionConfiguration: [{Arn, CodeSize}].
Json LayersToJson(const std::vector<FunctionLayer>& layers);

}  // namespace stratus::lambda::api
