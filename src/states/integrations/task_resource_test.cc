#include "states/integrations/task_resource.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::states::integrations {
namespace {

using interpreter::IntegrationPattern;

TEST(TaskResourceTest, ParsesAwsSdkResources) {
  ASSERT_OK_AND_ASSIGN(TaskResource resource,
                       ParseTaskResource("arn:aws:states:::aws-sdk:sqs:sendMessage"));
  EXPECT_EQ(resource.kind, ResourceKind::kAwsSdk);
  EXPECT_EQ(resource.service, "sqs");
  EXPECT_EQ(resource.action, "sendMessage");
  EXPECT_EQ(resource.pattern, IntegrationPattern::kRequestResponse);
  ASSERT_OK_AND_ASSIGN(
      resource, ParseTaskResource("arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken"));
  EXPECT_EQ(resource.action, "sendMessage");
  EXPECT_EQ(resource.pattern, IntegrationPattern::kWaitForTaskToken);
}

TEST(TaskResourceTest, ParsesOptimizedIntegrationsWithTheirPatterns) {
  ASSERT_OK_AND_ASSIGN(TaskResource sync,
                       ParseTaskResource("arn:aws:states:::athena:startQueryExecution.sync"));
  EXPECT_EQ(sync.kind, ResourceKind::kOptimized);
  EXPECT_EQ(sync.service, "athena");
  EXPECT_EQ(sync.action, "startQueryExecution");
  EXPECT_EQ(sync.pattern, IntegrationPattern::kRunJob);
  ASSERT_OK_AND_ASSIGN(TaskResource sync2,
                       ParseTaskResource("arn:aws:states:::states:startExecution.sync:2"));
  EXPECT_EQ(sync2.action, "startExecution");
  EXPECT_EQ(sync2.pattern, IntegrationPattern::kRunJobV2);
}

TEST(TaskResourceTest, ParsesLambdaFunctionsAndActivities) {
  ASSERT_OK_AND_ASSIGN(TaskResource lambda,
                       ParseTaskResource("arn:aws:lambda:us-east-1:1:function:f:prod"));
  EXPECT_EQ(lambda.kind, ResourceKind::kLambdaFunction);
  ASSERT_OK_AND_ASSIGN(TaskResource activity,
                       ParseTaskResource("arn:aws:states:us-east-1:1:activity:a"));
  EXPECT_EQ(activity.kind, ResourceKind::kActivity);
}

TEST(TaskResourceTest, RejectsOtherResources) {
  EXPECT_FALSE(ParseTaskResource("not-an-arn").ok());
  EXPECT_FALSE(ParseTaskResource("arn:aws:sqs:us-east-1:1:queue").ok());
  EXPECT_FALSE(ParseTaskResource("arn:aws:states:::aws-sdk:sqs").ok());
}

TEST(TaskResourceTest, OperationNameCapitalizesTheAction) {
  EXPECT_EQ(OperationName("sendMessage"), "SendMessage");
  EXPECT_EQ(OperationName("getItem"), "GetItem");
}

}  // namespace
}  // namespace stratus::states::integrations
