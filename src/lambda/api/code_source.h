#pragma once

#include "base/json.h"
#include "base/result.h"
#include "lambda/function_config.h"

namespace stratus::lambda {
class LambdaEngine;
}  // namespace stratus::lambda

namespace stratus::lambda::api {

/// Stores the deployment package that `code` names — the members of
/// CreateFunction's Code or of UpdateFunctionCode: ZipFile (base64), or
/// S3Bucket + S3Key read through the lake. ImageUri is rejected: stratus
/// runs no containers.
Result<CodeInfo> StoreCode(LambdaEngine& engine, const Json& code);

}  // namespace stratus::lambda::api
