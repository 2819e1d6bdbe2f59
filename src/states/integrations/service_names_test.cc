#include "states/integrations/service_names.h"

#include <gtest/gtest.h>

namespace stratus::states::integrations {
namespace {

TEST(ServiceNamesTest, MapsAwsSdkNamesToTableServicesAndErrorPrefixes) {
  EXPECT_EQ(AwsSdkService("sfn").table_service, "states");
  EXPECT_EQ(AwsSdkService("sfn").error_prefix, "Sfn");
  EXPECT_EQ(AwsSdkService("dynamodb").error_prefix, "DynamoDb");
  EXPECT_EQ(AwsSdkService("eventbridge").table_service, "events");
  EXPECT_EQ(AwsSdkService("cloudwatchlogs").table_service, "logs");
  EXPECT_EQ(AwsSdkService("kinesis").table_service, "kinesis");
  EXPECT_EQ(AwsSdkService("kinesis").error_prefix, "Kinesis");
}

TEST(ServiceNamesTest, ExceptionNamesEndInException) {
  EXPECT_EQ(ExceptionName("QueueDoesNotExist"), "QueueDoesNotExistException");
  EXPECT_EQ(ExceptionName("ConditionalCheckFailedException"), "ConditionalCheckFailedException");
  EXPECT_EQ(ExceptionName("AWS.SimpleQueueService.NonExistentQueue"), "NonExistentQueueException");
  EXPECT_EQ(OptimizedErrorPrefix("dynamodb"), "DynamoDB");
  EXPECT_EQ(OptimizedErrorPrefix("states"), "StepFunctions");
}

}  // namespace
}  // namespace stratus::states::integrations
