#pragma once

#include <string>
#include <string_view>

#include "aws/operation_table.h"
#include "base/result.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"
#include "lambda/function_config.h"

namespace stratus::lambda::api {

/// Names a store status as Lambda does: NotFound is "Function not found: ARN".
Status FunctionStatus(const LambdaEngine& engine, std::string_view name, const Status& status);

/// Names a store status about an alias as Lambda does: NotFound is "Cannot
/// find alias arn: ARN".
Status AliasStatus(const LambdaEngine& engine,
                   std::string_view function,
                   std::string_view name,
                   const Status& status);

/// Returns the function, or ResourceNotFoundException.
Result<FunctionConfig> FindFunction(LambdaEngine& engine, std::string_view name);

/// Returns what `target` names without routing (an alias gives its
/// FunctionVersion), or ResourceNotFoundException naming the target.
Result<ResolvedFunction> FindTarget(LambdaEngine& engine, const FunctionTarget& target);

/// Returns the ARN a response shows for `target`: unqualified when it is,
/// else NAME:QUALIFIER.
std::string TargetArn(const LambdaEngine& engine, const FunctionTarget& target);

/// Returns whose policy a request names: "NAME" for the function ($LATEST
/// included), "NAME:QUALIFIER" for a version or an alias.
std::string PolicyKey(const FunctionTarget& target);

/// Returns a store callback that retires the function's warm processes and
/// replies its FunctionConfiguration, or the error as Lambda names it.
Done<FunctionConfig> ReplyConfigurationAfterCommit(LambdaEngine& engine,
                                                   std::string name,
                                                   aws::Reply reply);

}  // namespace stratus::lambda::api
