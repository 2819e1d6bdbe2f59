#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sqs/api/sqs_api_test_fixture.h"

namespace stratus::sqs {
namespace {

using namespace std::chrono_literals;

class QueueOperationsTest : public SqsApiTestFixture {
 protected:
  Json Attributes(const std::string& url) {
    return Ok("GetQueueAttributes", {{"QueueUrl", url}, {"AttributeNames", {"All"}}})
        .value("Attributes", Json::object());
  }
};

TEST_F(QueueOperationsTest, CreateQueueRejectsBadNames) {
  EXPECT_EQ(ErrorType("CreateQueue", {{"QueueName", "has space"}}), "InvalidParameterValue");
  EXPECT_EQ(ErrorType("CreateQueue", {{"QueueName", std::string(81, 'a')}}),
            "InvalidParameterValue");
  EXPECT_EQ(ErrorType("CreateQueue", {{"QueueName", ""}}), "InvalidParameterValue");
  EXPECT_EQ(ErrorType("CreateQueue", Json::object()), "MissingParameter");
  // A .fifo name needs FifoQueue=true, and FifoQueue=true needs a .fifo name.
  EXPECT_EQ(ErrorType("CreateQueue", {{"QueueName", "a.fifo"}}), "InvalidParameterValue");
  EXPECT_EQ(ErrorType("CreateQueue", {{"QueueName", "a"}, {"Attributes", {{"FifoQueue", "true"}}}}),
            "InvalidParameterValue");
  CreateQueue(std::string(80, 'a'));
}

TEST_F(QueueOperationsTest, CreateQueueValidatesAttributeRanges) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"DelaySeconds", "901"},
      {"DelaySeconds", "-1"},
      {"MaximumMessageSize", "1023"},
      {"MaximumMessageSize", "1048577"},
      {"MessageRetentionPeriod", "59"},
      {"MessageRetentionPeriod", "1209601"},
      {"ReceiveMessageWaitTimeSeconds", "21"},
      {"VisibilityTimeout", "43201"},
      {"VisibilityTimeout", "abc"},
      {"KmsDataKeyReusePeriodSeconds", "59"},
      {"Policy", "not json"},
      {"SqsManagedSseEnabled", "yes"},
  };
  for (const auto& [name, value] : bad) {
    EXPECT_EQ(ErrorType("CreateQueue", {{"QueueName", "q"}, {"Attributes", {{name, value}}}}),
              "InvalidAttributeValue")
        << name << "=" << value;
  }
  EXPECT_EQ(ErrorType("CreateQueue", {{"QueueName", "q"}, {"Attributes", {{"Bogus", "1"}}}}),
            "InvalidAttributeName");
  EXPECT_EQ(ErrorType("CreateQueue",
                      {{"QueueName", "q"}, {"Attributes", {{"ApproximateNumberOfMessages", "1"}}}}),
            "InvalidAttributeName");
  EXPECT_EQ(ErrorType("CreateQueue", {{"QueueName", "q"},
                                      {"Attributes", {{"ContentBasedDeduplication", "true"}}}}),
            "InvalidAttributeName");
}

TEST_F(QueueOperationsTest, CreateQueueWithSameAttributesReturnsUrlAndDifferentFails) {
  const std::string url = CreateQueue("q", {{"DelaySeconds", "5"}});
  EXPECT_EQ(CreateQueue("q", {{"DelaySeconds", "5"}}), url);
  EXPECT_EQ(CreateQueue("q"), url);
  EXPECT_EQ(ErrorType("CreateQueue", {{"QueueName", "q"}, {"Attributes", {{"DelaySeconds", "6"}}}}),
            "QueueNameExists");
}

TEST_F(QueueOperationsTest, CreateQueueSoonAfterDeleteIsQueueDeletedRecently) {
  const std::string url = CreateQueue("q");
  Ok("DeleteQueue", {{"QueueUrl", url}});
  EXPECT_EQ(ErrorType("CreateQueue", {{"QueueName", "q"}}), "QueueDeletedRecently");
  clock_.Advance(61s);
  EXPECT_EQ(CreateQueue("q"), url);
}

TEST_F(QueueOperationsTest, GetQueueAttributesReturnsDefaults) {
  const Json attributes = Attributes(CreateQueue("q"));
  EXPECT_EQ(attributes["DelaySeconds"], "0");
  EXPECT_EQ(attributes["MaximumMessageSize"], "1048576");
  EXPECT_EQ(attributes["MessageRetentionPeriod"], "345600");
  EXPECT_EQ(attributes["ReceiveMessageWaitTimeSeconds"], "0");
  EXPECT_EQ(attributes["VisibilityTimeout"], "30");
  EXPECT_EQ(attributes["SqsManagedSseEnabled"], "true");
  EXPECT_EQ(attributes["CreatedTimestamp"], std::to_string(clock_.NowMillis() / 1000));
  EXPECT_FALSE(attributes.contains("FifoQueue"));
  EXPECT_FALSE(attributes.contains("RedrivePolicy"));
}

TEST_F(QueueOperationsTest, GetQueueAttributesReturnsOnlyTheNamedOnes) {
  const std::string url = CreateQueue("q");
  Json out = Ok("GetQueueAttributes", {{"QueueUrl", url}, {"AttributeNames", {"QueueArn"}}});
  EXPECT_EQ(out["Attributes"].size(), 1u);
  EXPECT_FALSE(Ok("GetQueueAttributes", {{"QueueUrl", url}}).contains("Attributes"));
  EXPECT_EQ(ErrorType("GetQueueAttributes", {{"QueueUrl", url}, {"AttributeNames", {"Nope"}}}),
            "InvalidAttributeName");
}

TEST_F(QueueOperationsTest, FifoQueueAttributes) {
  const std::string url = CreateQueue("q.fifo", {{"FifoQueue", "true"},
                                                 {"DeduplicationScope", "messageGroup"},
                                                 {"FifoThroughputLimit", "perMessageGroupId"}});
  const Json attributes = Attributes(url);
  EXPECT_EQ(attributes["FifoQueue"], "true");
  EXPECT_EQ(attributes["ContentBasedDeduplication"], "false");
  EXPECT_EQ(attributes["DeduplicationScope"], "messageGroup");
  EXPECT_EQ(attributes["FifoThroughputLimit"], "perMessageGroupId");
  EXPECT_EQ(ErrorType("SetQueueAttributes",
                      {{"QueueUrl", url}, {"Attributes", {{"FifoQueue", "false"}}}}),
            "InvalidAttributeName");
  EXPECT_EQ(ErrorType("CreateQueue",
                      {{"QueueName", "bad.fifo"},
                       {"Attributes",
                        {{"FifoQueue", "true"}, {"FifoThroughputLimit", "perMessageGroupId"}}}}),
            "InvalidAttributeValue");
}

TEST_F(QueueOperationsTest, SetQueueAttributesUpdatesAndPersists) {
  const std::string url = CreateQueue("q");
  clock_.Advance(10s);
  Ok("SetQueueAttributes", {{"QueueUrl", url},
                            {"Attributes",
                             {{"VisibilityTimeout", "5"},
                              {"Policy", R"({"Version":"2012-10-17"})"},
                              {"KmsMasterKeyId", "alias/aws/sqs"}}}});
  Close();
  Open();
  const Json attributes = Attributes(url);
  EXPECT_EQ(attributes["VisibilityTimeout"], "5");
  EXPECT_EQ(attributes["Policy"], R"({"Version":"2012-10-17"})");
  EXPECT_EQ(attributes["KmsMasterKeyId"], "alias/aws/sqs");
  EXPECT_EQ(attributes["KmsDataKeyReusePeriodSeconds"], "300");
  EXPECT_EQ(attributes["SqsManagedSseEnabled"], "false");
  EXPECT_EQ(attributes["LastModifiedTimestamp"], std::to_string(clock_.NowMillis() / 1000));
  EXPECT_EQ(ErrorType("SetQueueAttributes", {{"QueueUrl", url}}), "MissingParameter");
}

TEST_F(QueueOperationsTest, RedrivePolicyIsValidatedAndRendered) {
  const std::string dlq = CreateQueue("dlq");
  const std::string url = CreateQueue("q");
  const std::string arn = "arn:aws:sqs:us-east-1:000000000000:dlq";
  Ok("SetQueueAttributes",
     {{"QueueUrl", url},
      {"Attributes",
       {{"RedrivePolicy", R"({"deadLetterTargetArn":")" + arn + R"(","maxReceiveCount":"3"})"}}}});
  EXPECT_EQ(Attributes(url)["RedrivePolicy"],
            R"({"deadLetterTargetArn":")" + arn + R"(","maxReceiveCount":3})");
  const std::vector<std::string> bad = {
      "nope",
      R"({"maxReceiveCount":3})",
      R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:missing","maxReceiveCount":3})",
      R"({"deadLetterTargetArn":")" + arn + R"(","maxReceiveCount":0})",
  };
  for (const std::string& policy : bad) {
    EXPECT_EQ(ErrorType("SetQueueAttributes",
                        {{"QueueUrl", url}, {"Attributes", {{"RedrivePolicy", policy}}}}),
              "InvalidAttributeValue")
        << policy;
  }
  Json sources = Ok("ListDeadLetterSourceQueues", {{"QueueUrl", dlq}});
  EXPECT_THAT(sources["queueUrls"], ::testing::ElementsAre(url));
  Ok("SetQueueAttributes", {{"QueueUrl", url}, {"Attributes", {{"RedrivePolicy", ""}}}});
  EXPECT_FALSE(Attributes(url).contains("RedrivePolicy"));
}

TEST_F(QueueOperationsTest, RedriveAllowPolicyIsValidated) {
  const std::string url = CreateQueue("q");
  Ok("SetQueueAttributes",
     {{"QueueUrl", url},
      {"Attributes", {{"RedriveAllowPolicy", R"({"redrivePermission":"denyAll"})"}}}});
  EXPECT_EQ(Attributes(url)["RedriveAllowPolicy"], R"({"redrivePermission":"denyAll"})");
  EXPECT_EQ(
      ErrorType("SetQueueAttributes",
                {{"QueueUrl", url},
                 {"Attributes", {{"RedriveAllowPolicy", R"({"redrivePermission":"byQueue"})"}}}}),
      "InvalidAttributeValue");
}

TEST_F(QueueOperationsTest, RedriveAllowPolicyRestrictsWhichQueuesMayUseTheDeadLetterQueue) {
  const std::string dlq = CreateQueue("dlq");
  const std::string allowed = CreateQueue("allowed");
  const std::string other = CreateQueue("other");
  Ok("SetQueueAttributes",
     {{"QueueUrl", dlq},
      {"Attributes",
       {{"RedriveAllowPolicy",
         R"({"redrivePermission":"byQueue","sourceQueueArns":["arn:aws:sqs:us-east-1:000000000000:allowed"]})"}}}});
  const Json redrive = {
      {"RedrivePolicy",
       R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":1})"}};
  Ok("SetQueueAttributes", {{"QueueUrl", allowed}, {"Attributes", redrive}});
  EXPECT_EQ(ErrorType("SetQueueAttributes", {{"QueueUrl", other}, {"Attributes", redrive}}),
            "InvalidAttributeValue");
  Ok("SetQueueAttributes",
     {{"QueueUrl", dlq},
      {"Attributes", {{"RedriveAllowPolicy", R"({"redrivePermission":"denyAll"})"}}}});
  EXPECT_EQ(ErrorType("CreateQueue", {{"QueueName", "new"}, {"Attributes", redrive}}),
            "InvalidAttributeValue");
}

TEST_F(QueueOperationsTest, ListQueuesPaginatesWithMaxResults) {
  for (const char* name : {"a1", "a2", "a3", "b1"}) {
    CreateQueue(name);
  }
  Json first = Ok("ListQueues", {{"QueueNamePrefix", "a"}, {"MaxResults", 2}});
  ASSERT_EQ(first["QueueUrls"].size(), 2u);
  ASSERT_TRUE(first.contains("NextToken"));
  Json second =
      Ok("ListQueues",
         {{"QueueNamePrefix", "a"}, {"MaxResults", 2}, {"NextToken", first["NextToken"]}});
  ASSERT_EQ(second["QueueUrls"].size(), 1u);
  EXPECT_EQ(second["QueueUrls"][0], "http://localhost:4566/000000000000/a3");
  EXPECT_FALSE(second.contains("NextToken"));
  EXPECT_EQ(ErrorType("ListQueues", {{"MaxResults", 0}}), "InvalidParameterValue");
  EXPECT_FALSE(Ok("ListQueues", {{"QueueNamePrefix", "zzz"}}).contains("QueueUrls"));
}

TEST_F(QueueOperationsTest, QueueUrlsFromOtherHostsAndAwsFormsWork) {
  CreateQueue("q");
  for (const char* url : {"https://sqs.us-east-1.amazonaws.com/000000000000/q",
                          "http://elsewhere:9324/000000000000/q", "/000000000000/q"}) {
    EXPECT_TRUE(Call("GetQueueAttributes", {{"QueueUrl", url}}).ok()) << url;
  }
  EXPECT_EQ(ErrorType("GetQueueAttributes",
                      {{"QueueUrl", "https://sqs.eu-west-1.amazonaws.com/000000000000/q"}}),
            "QueueDoesNotExist");
  EXPECT_EQ(ErrorType("GetQueueAttributes", Json::object()), "MissingParameter");
}

// AWS: pinned by test/wire/test_sqs_queues.py::test_queue_name_works_as_queue_url and
// ::test_queue_url_that_names_no_queue_is_queue_does_not_exist.
TEST_F(QueueOperationsTest, BareQueueNameNamesTheQueueAndGarbageNamesNone) {
  CreateQueue("q");
  EXPECT_TRUE(Call("GetQueueAttributes", {{"QueueUrl", "q"}}).ok());
  EXPECT_TRUE(Call("SendMessage", {{"QueueUrl", "q"}, {"MessageBody", "by name"}}).ok());
  for (const char* url : {"http://whatever-incorrect-queue-address", "http://localhost:4566/",
                          "no such queue!", "other"}) {
    EXPECT_EQ(ErrorType("GetQueueAttributes", {{"QueueUrl", url}}), "QueueDoesNotExist") << url;
  }
  context_.region = "eu-west-1";
  EXPECT_EQ(ErrorType("GetQueueAttributes", {{"QueueUrl", "q"}}), "QueueDoesNotExist");
}

TEST_F(QueueOperationsTest, QueuesArePerAccountAndRegion) {
  CreateQueue("q");
  context_.region = "eu-west-1";
  EXPECT_EQ(ErrorType("GetQueueUrl", {{"QueueName", "q"}}), "QueueDoesNotExist");
  context_.region = "us-east-1";
  context_.account_id = "111111111111";
  EXPECT_EQ(ErrorType("GetQueueUrl", {{"QueueName", "q"}}), "QueueDoesNotExist");
  EXPECT_TRUE(
      Call("GetQueueUrl", {{"QueueName", "q"}, {"QueueOwnerAWSAccountId", "000000000000"}}).ok());
}

TEST_F(QueueOperationsTest, TagsAddListRemove) {
  const std::string url = CreateQueue("q");
  Ok("TagQueue", {{"QueueUrl", url}, {"Tags", {{"a", "1"}, {"b", "2"}}}});
  Ok("TagQueue", {{"QueueUrl", url}, {"Tags", {{"a", "3"}}}});
  EXPECT_EQ(Ok("ListQueueTags", {{"QueueUrl", url}})["Tags"], (Json{{"a", "3"}, {"b", "2"}}));
  Ok("UntagQueue", {{"QueueUrl", url}, {"TagKeys", {"a"}}});
  EXPECT_EQ(Ok("ListQueueTags", {{"QueueUrl", url}})["Tags"], (Json{{"b", "2"}}));
  Ok("UntagQueue", {{"QueueUrl", url}, {"TagKeys", {"b"}}});
  EXPECT_FALSE(Ok("ListQueueTags", {{"QueueUrl", url}}).contains("Tags"));
  EXPECT_EQ(ErrorType("TagQueue", {{"QueueUrl", url}}), "MissingParameter");
  EXPECT_EQ(ErrorType("UntagQueue", {{"QueueUrl", url}, {"TagKeys", Json::array()}}),
            "MissingParameter");
}

TEST_F(QueueOperationsTest, CreateQueueTagsSurviveRestart) {
  const std::string url =
      Ok("CreateQueue", {{"QueueName", "q"}, {"tags", {{"env", "dev"}}}})["QueueUrl"];
  Close();
  Open();
  EXPECT_EQ(Ok("ListQueueTags", {{"QueueUrl", url}})["Tags"], (Json{{"env", "dev"}}));
}

TEST_F(QueueOperationsTest, AddAndRemovePermissionEditThePolicy) {
  const std::string url = CreateQueue("q");
  Ok("AddPermission", {{"QueueUrl", url},
                       {"Label", "send"},
                       {"AWSAccountIds", {"111111111111"}},
                       {"Actions", {"SendMessage"}}});
  Json policy = ParseJson(Attributes(url)["Policy"].get<std::string>()).value();
  ASSERT_EQ(policy["Statement"].size(), 1u);
  EXPECT_EQ(policy["Statement"][0]["Sid"], "send");
  EXPECT_EQ(policy["Statement"][0]["Action"], "SQS:SendMessage");
  EXPECT_EQ(policy["Statement"][0]["Principal"]["AWS"], "arn:aws:iam::111111111111:root");
  EXPECT_EQ(policy["Statement"][0]["Resource"], "arn:aws:sqs:us-east-1:000000000000:q");
  EXPECT_EQ(ErrorType("AddPermission", {{"QueueUrl", url},
                                        {"Label", "send"},
                                        {"AWSAccountIds", {"1"}},
                                        {"Actions", {"SendMessage"}}}),
            "InvalidParameterValue");
  EXPECT_EQ(ErrorType("AddPermission", {{"QueueUrl", url},
                                        {"Label", "many"},
                                        {"AWSAccountIds", {"1"}},
                                        {"Actions",
                                         {"SendMessage", "ReceiveMessage", "DeleteMessage",
                                          "ChangeMessageVisibility", "GetQueueAttributes",
                                          "GetQueueUrl", "PurgeQueue", "ListQueueTags"}}}),
            "OverLimit");
  Ok("RemovePermission", {{"QueueUrl", url}, {"Label", "send"}});
  EXPECT_FALSE(Attributes(url).contains("Policy"));
  EXPECT_EQ(ErrorType("RemovePermission", {{"QueueUrl", url}, {"Label", "send"}}),
            "InvalidParameterValue");
}

TEST_F(QueueOperationsTest, PurgeQueueEmptiesAndLimitsRate) {
  const std::string url = CreateQueue("q");
  Ok("SendMessage", {{"QueueUrl", url}, {"MessageBody", "x"}});
  Ok("PurgeQueue", {{"QueueUrl", url}});
  EXPECT_EQ(Attributes(url)["ApproximateNumberOfMessages"], "0");
  EXPECT_EQ(ErrorType("PurgeQueue", {{"QueueUrl", url}}), "PurgeQueueInProgress");
}

TEST_F(QueueOperationsTest, MissingQueueIsQueueDoesNotExistEverywhere) {
  const Json missing = {{"QueueUrl", "http://localhost:4566/000000000000/none"}};
  for (const char* operation : {"DeleteQueue", "GetQueueAttributes", "PurgeQueue", "ListQueueTags",
                                "ReceiveMessage", "ListDeadLetterSourceQueues"}) {
    EXPECT_EQ(ErrorType(operation, missing), "QueueDoesNotExist") << operation;
  }
  Json send = missing;
  send["MessageBody"] = "x";
  EXPECT_EQ(ErrorType("SendMessage", send), "QueueDoesNotExist");
}

}  // namespace
}  // namespace stratus::sqs
