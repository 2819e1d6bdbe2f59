#pragma once

#include <string>
#include <string_view>

#include "aws/operation_table.h"
#include "base/result.h"
#include "lambda/function_config.h"

namespace stratus::lambda {
class LambdaEngine;
}  // namespace stratus::lambda

namespace stratus::lambda::api {

/// Names a store status as Lambda does: NotFound is "Function not found: ARN".
Status FunctionStatus(const LambdaEngine& engine, std::string_view name, const Status& status);

/// Returns the function, or ResourceNotFoundException.
Result<FunctionConfig> FindFunction(LambdaEngine& engine, std::string_view name);

/// Returns a store callback that retires the function's warm processes and
/// replies its FunctionConfiguration, or the error as Lambda names it.
Done<FunctionConfig> ReplyConfigurationAfterCommit(LambdaEngine& engine,
                                                   std::string name,
                                                   aws::Reply reply);

}  // namespace stratus::lambda::api
