#include "states/integrations/member_case.h"

#include <gtest/gtest.h>

#include "aws/model/model_registry.h"
#include "aws/model/service_model.h"
#include "base/digest.h"

namespace stratus::states::integrations {
namespace {

TEST(MemberCaseTest, PascalCaseParametersBecomeTheModelsCamelCaseMembers) {
  aws::ModelRegistry models;
  const aws::ServiceModel* states = models.Find("states");
  ASSERT_NE(states, nullptr);
  const Json input = ToModelShape(*states, "StartExecutionInput",
                                  {{"StateMachineArn", "arn"}, {"Input", "{}"}, {"Name", "n"}});
  EXPECT_EQ(input, (Json{{"stateMachineArn", "arn"}, {"input", "{}"}, {"name", "n"}}));
}

TEST(MemberCaseTest, OutputsBecomePascalCaseWithIsoTimestamps) {
  aws::ModelRegistry models;
  const aws::ServiceModel* states = models.Find("states");
  const Json output =
      FromModelShape(*states, "DescribeExecutionOutput",
                     {{"executionArn", "e"}, {"status", "SUCCEEDED"}, {"startDate", 1767225600.5}});
  EXPECT_EQ(output["ExecutionArn"], "e");
  EXPECT_EQ(output["Status"], "SUCCEEDED");
  EXPECT_EQ(output["StartDate"], "2026-01-01T00:00:00.500Z");
}

TEST(MemberCaseTest, MapKeysAreKeptAndDocumentsForStringsBecomeText) {
  aws::ModelRegistry models;
  const aws::ServiceModel* sqs = models.Find("sqs");
  ASSERT_NE(sqs, nullptr);
  const Json input = ToModelShape(
      *sqs, "SendMessageRequest",
      {{"QueueUrl", "u"},
       {"MessageBody", {{"token", "t"}}},
       {"MessageAttributes", {{"lowerCase", {{"DataType", "String"}, {"StringValue", "v"}}}}}});
  EXPECT_EQ(input["MessageBody"], R"({"token":"t"})");
  EXPECT_TRUE(input["MessageAttributes"].contains("lowerCase"));
}

TEST(MemberCaseTest, BlobsAreBase64InTheModelAndTextOutsideIt) {
  aws::ModelRegistry models;
  const aws::ServiceModel* lambda = models.Find("lambda");
  ASSERT_NE(lambda, nullptr);
  const Json input =
      ToModelShape(*lambda, "InvocationRequest", {{"FunctionName", "f"}, {"Payload", {{"a", 1}}}});
  EXPECT_EQ(input["Payload"], Base64Encode(R"({"a":1})"));
  const Json output = FromModelShape(*lambda, "InvocationResponse",
                                     {{"StatusCode", 200}, {"Payload", Base64Encode("hi")}});
  EXPECT_EQ(output["Payload"], "hi");
}

}  // namespace
}  // namespace stratus::states::integrations
