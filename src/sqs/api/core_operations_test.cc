#include <gtest/gtest.h>

#include "sqs/api/sqs_api_test_fixture.h"

namespace stratus::sqs {
namespace {

using namespace std::chrono_literals;

class CoreOperationsTest : public SqsApiTestFixture {};

TEST_F(CoreOperationsTest, CreateQueueReturnsUrlWithHostAccountAndName) {
  EXPECT_EQ(CreateQueue("orders"), "http://localhost:4566/000000000000/orders");
}

TEST_F(CoreOperationsTest, SendReceiveDeleteRoundTrip) {
  const std::string url = CreateQueue("orders");
  Json sent = Ok("SendMessage", {{"QueueUrl", url}, {"MessageBody", "hi"}});
  EXPECT_EQ(sent["MD5OfMessageBody"], "49f68a5c8493ec2c0bf489821c21fc3b");
  EXPECT_FALSE(sent["MessageId"].get<std::string>().empty());

  Json received = Ok("ReceiveMessage", {{"QueueUrl", url}});
  ASSERT_EQ(received["Messages"].size(), 1u);
  const Json& message = received["Messages"][0];
  EXPECT_EQ(message["Body"], "hi");
  EXPECT_EQ(message["MessageId"], sent["MessageId"]);
  EXPECT_EQ(message["MD5OfBody"], "49f68a5c8493ec2c0bf489821c21fc3b");

  Ok("DeleteMessage", {{"QueueUrl", url}, {"ReceiptHandle", message["ReceiptHandle"]}});
  clock_.Advance(31s);
  EXPECT_FALSE(Ok("ReceiveMessage", {{"QueueUrl", url}}).contains("Messages"));
}

TEST_F(CoreOperationsTest, GetQueueUrlAndListQueues) {
  const std::string url = CreateQueue("alpha");
  CreateQueue("beta");
  EXPECT_EQ(Ok("GetQueueUrl", {{"QueueName", "alpha"}})["QueueUrl"], url);
  EXPECT_EQ(ErrorType("GetQueueUrl", {{"QueueName", "gamma"}}), "QueueDoesNotExist");
  Json all = Ok("ListQueues", Json::object());
  EXPECT_EQ(all["QueueUrls"].size(), 2u);
  Json prefixed = Ok("ListQueues", {{"QueueNamePrefix", "be"}});
  ASSERT_EQ(prefixed["QueueUrls"].size(), 1u);
  EXPECT_EQ(prefixed["QueueUrls"][0], "http://localhost:4566/000000000000/beta");
}

TEST_F(CoreOperationsTest, DeleteQueueRemovesIt) {
  const std::string url = CreateQueue("gone");
  Ok("DeleteQueue", {{"QueueUrl", url}});
  EXPECT_EQ(ErrorType("SendMessage", {{"QueueUrl", url}, {"MessageBody", "x"}}),
            "QueueDoesNotExist");
}

TEST_F(CoreOperationsTest, GetQueueAttributesAll) {
  const std::string url = CreateQueue("attrs", {{"VisibilityTimeout", "45"}});
  Ok("SendMessage", {{"QueueUrl", url}, {"MessageBody", "one"}});
  Json attributes =
      Ok("GetQueueAttributes", {{"QueueUrl", url}, {"AttributeNames", {"All"}}})["Attributes"];
  EXPECT_EQ(attributes["VisibilityTimeout"], "45");
  EXPECT_EQ(attributes["ApproximateNumberOfMessages"], "1");
  EXPECT_EQ(attributes["QueueArn"], "arn:aws:sqs:us-east-1:000000000000:attrs");
  EXPECT_EQ(attributes["MaximumMessageSize"], "1048576");
}

// AWS: pinned by test/wire/test_arn_partitions.py::test_sqs_queue_arns_use_the_regions_partition.
TEST_F(CoreOperationsTest, QueueArnsUseTheRegionsPartition) {
  context_.region = "cn-north-1";
  const std::string dlq = CreateQueue("dlq");
  const std::string dlq_arn = "arn:aws-cn:sqs:cn-north-1:000000000000:dlq";
  EXPECT_EQ(Ok("GetQueueAttributes",
               {{"QueueUrl", dlq}, {"AttributeNames", {"QueueArn"}}})["Attributes"]["QueueArn"],
            dlq_arn);
  const std::string redrive =
      R"({"deadLetterTargetArn":")" + dlq_arn + R"(","maxReceiveCount":"3"})";
  const std::string source = CreateQueue("source", {{"RedrivePolicy", redrive}});
  Json attributes = Ok("GetQueueAttributes",
                       {{"QueueUrl", source}, {"AttributeNames", {"RedrivePolicy"}}})["Attributes"];
  EXPECT_NE(attributes["RedrivePolicy"].get<std::string>().find(dlq_arn), std::string::npos);

  context_.region = "us-gov-west-1";
  const std::string gov = CreateQueue("gov");
  EXPECT_EQ(Ok("GetQueueAttributes",
               {{"QueueUrl", gov}, {"AttributeNames", {"QueueArn"}}})["Attributes"]["QueueArn"],
            "arn:aws-us-gov:sqs:us-gov-west-1:000000000000:gov");
}

}  // namespace
}  // namespace stratus::sqs
