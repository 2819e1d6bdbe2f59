#include "states/integrations/service_names.h"

#include <cctype>

namespace stratus::states::integrations {
namespace {

struct Entry {
  std::string_view sdk_name;
  std::string_view table_service;
  std::string_view error_prefix;
};

// AWS: the service names Step Functions accepts in aws-sdk resources and the
// Java SDK v2 client names its error names start with.
constexpr Entry kEntries[] = {
    {"athena", "athena", "Athena"},
    {"cloudformation", "cloudformation", "CloudFormation"},
    {"cloudwatch", "monitoring", "CloudWatch"},
    {"cloudwatchlogs", "logs", "CloudWatchLogs"},
    {"dynamodb", "dynamodb", "DynamoDb"},
    {"dynamodbstreams", "streams.dynamodb", "DynamoDbStreams"},
    {"eventbridge", "events", "EventBridge"},
    {"glue", "glue", "Glue"},
    {"iam", "iam", "Iam"},
    {"lambda", "lambda", "Lambda"},
    {"s3", "s3", "S3"},
    {"scheduler", "scheduler", "Scheduler"},
    {"sfn", "states", "Sfn"},
    {"sqs", "sqs", "Sqs"},
    {"sts", "sts", "Sts"},
};

std::string Capitalized(std::string_view text) {
  std::string result(text);
  if (!result.empty()) {
    result[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(result[0])));
  }
  return result;
}

}  // namespace

SdkService AwsSdkService(std::string_view sdk_name) {
  for (const Entry& entry : kEntries) {
    if (entry.sdk_name == sdk_name) {
      return SdkService{.table_service = std::string(entry.table_service),
                        .error_prefix = std::string(entry.error_prefix)};
    }
  }
  return SdkService{.table_service = std::string(sdk_name), .error_prefix = Capitalized(sdk_name)};
}

std::string OptimizedErrorPrefix(std::string_view service) {
  if (service == "sqs") {
    return "SQS";
  }
  if (service == "dynamodb") {
    return "DynamoDB";
  }
  if (service == "states") {
    return "StepFunctions";
  }
  if (service == "sns") {
    return "SNS";
  }
  return Capitalized(service);
}

std::string ExceptionName(std::string_view aws_error_code) {
  std::string name(aws_error_code);
  // Query-protocol codes such as "AWS.SimpleQueueService.NonExistentQueue".
  if (const size_t dot = name.rfind('.'); dot != std::string::npos) {
    name = name.substr(dot + 1);
  }
  if (!name.ends_with("Exception")) {
    name += "Exception";
  }
  return name;
}

}  // namespace stratus::states::integrations
