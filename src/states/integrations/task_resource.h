#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "states/interpreter/effect.h"

namespace stratus::states::integrations {

/// What a Task state's "Resource" names.
enum class ResourceKind : uint8_t {
  kAwsSdk,          // arn:aws:states:::aws-sdk:SERVICE:ACTION[.waitForTaskToken]
  kOptimized,       // arn:aws:states:::SERVICE:ACTION[.sync|.sync:2|.waitForTaskToken]
  kLambdaFunction,  // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
  kActivity,        // arn:aws:states:REGION:ACCOUNT:activity:NAME
};

struct TaskResource {
  ResourceKind kind = ResourceKind::kOptimized;
  /// kAwsSdk/kOptimized: the service as written ("sqs", "dynamodb", "sfn").
  std::string service = {};
  /// kAwsSdk/kOptimized: the action without the pattern suffix ("sendMessage").
  std::string action = {};
  interpreter::IntegrationPattern pattern = interpreter::IntegrationPattern::kRequestResponse;
  /// kLambdaFunction/kActivity: the ARN as written.
  std::string arn = {};
};

/// Parses a Task resource; InvalidArgument naming it when it is none of the above.
Result<TaskResource> ParseTaskResource(std::string_view resource);

/// Returns "sendMessage" → "SendMessage": an action as the operation table names it.
std::string OperationName(std::string_view action);

}  // namespace stratus::states::integrations
