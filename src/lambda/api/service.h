#pragma once

#include <functional>
#include <memory>
#include <string>

#include "aws/service.h"
#include "base/result.h"

namespace stratus::lambda {

class LambdaEngine;
class LogSink;

/// What Lambda runs with, built by the composition root.
struct LambdaDependencies {
  /// Where functions' output goes (CloudWatch Logs); may be null.
  LogSink* logs = nullptr;
  /// The endpoint functions' SDKs call (AWS_ENDPOINT_URL).
  std::function<std::string()> endpoint_url = nullptr;
  std::string account_id = "000000000000";
  std::string region = "us-east-1";
};

/// Lambda as the server runs it, and its engine.
struct OpenedLambda {
  std::unique_ptr<aws::Service> service = nullptr;
  /// Owned by `service`; for in-process callers (Step Functions).
  LambdaEngine* engine = nullptr;
};

/// Opens Lambda for the server: `<data_dir>/lambda.db` and
/// `<data_dir>/lambda/` (see LambdaEngine) with the API handlers on it.
Result<OpenedLambda> OpenLambda(const aws::ServiceEnvironment& environment,
                                LambdaDependencies dependencies);

}  // namespace stratus::lambda
