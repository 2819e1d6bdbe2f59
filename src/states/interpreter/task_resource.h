#pragma once

#include <string>
#include <string_view>

#include "states/interpreter/effect.h"

namespace stratus::states::interpreter {

/// What a Task's "Resource" names, as the history reports it.
struct TaskResource {
  enum class Kind : uint8_t {
    kService,         // arn:aws:states:::<service>:<action>[.<pattern>] (Task* events)
    kLambdaFunction,  // arn:aws:lambda:<region>:<account>:function:<name> (LambdaFunction* events)
    kActivity,        // arn:aws:states:<region>:<account>:activity:<name> (Activity* events)
  };

  Kind kind = Kind::kService;
  /// TaskScheduled "resourceType": "lambda", "sqs", "aws-sdk:dynamodb", ...
  std::string resource_type = {};
  /// TaskScheduled "resource": "invoke", "sendMessage.waitForTaskToken", ...
  std::string resource = {};
  IntegrationPattern pattern = IntegrationPattern::kRequestResponse;
};

/// Splits a resource ARN as AWS does for TaskScheduled/TaskStarted events.
TaskResource ParseTaskResource(std::string_view arn);

}  // namespace stratus::states::interpreter
