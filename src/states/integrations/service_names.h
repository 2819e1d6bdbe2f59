#pragma once

#include <string>
#include <string_view>

namespace stratus::states::integrations {

/// How Step Functions names a service in an `aws-sdk:SERVICE:ACTION`
/// resource, and what that is here.
struct SdkService {
  /// The operation-table service ("states" for "sfn", "events" for "eventbridge").
  std::string table_service = {};
  /// The prefix of the service's error names, as the AWS SDK for Java v2
  /// client is named: "Sqs", "DynamoDb", "Sfn" (error "Sqs.QueueDoesNotExistException").
  std::string error_prefix = {};
};

/// Returns the mapping for an aws-sdk service name (lowercase as written).
SdkService AwsSdkService(std::string_view sdk_name);

/// Returns the error prefix of an optimized integration: "SQS", "DynamoDB",
/// "Athena", "StepFunctions", "Lambda" (e.g. "DynamoDB.ConditionalCheckFailedException").
std::string OptimizedErrorPrefix(std::string_view service);

/// Returns the exception part of an error name: the AWS error code with
/// "Exception" appended unless it already ends with it
/// ("QueueDoesNotExist" → "QueueDoesNotExistException").
std::string ExceptionName(std::string_view aws_error_code);

}  // namespace stratus::states::integrations
