#include <regex>

#include "cloudformation/providers/provider_test_fixture.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

class SqsQueueProviderTest : public ProviderTest {
 protected:
  Json Attributes(const std::string& url) {
    return Call("sqs", "GetQueueAttributes",
                {{"QueueUrl", url}, {"AttributeNames", Json::array({"All"})}})["Attributes"];
  }
};

TEST_F(SqsQueueProviderTest, CreatesAQueueWithAGeneratedNameAndItsAttributes) {
  ResourceProvider& provider = Provider("AWS::SQS::Queue");
  ResourceRequest request =
      Request("AWS::SQS::Queue", "Orders", {{"VisibilityTimeout", "45"}, {"DelaySeconds", 2}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));

  const std::string name = outcome.attributes["QueueName"].get<std::string>();
  EXPECT_TRUE(std::regex_match(name, std::regex("teststack-Orders-[A-Z0-9]{13}"))) << name;
  EXPECT_EQ(outcome.physical_id, outcome.attributes["QueueUrl"]);
  EXPECT_TRUE(outcome.physical_id.ends_with("/000000000000/" + name)) << outcome.physical_id;
  EXPECT_EQ(outcome.attributes["Arn"], "arn:aws:sqs:us-east-1:000000000000:" + name);
  const Json attributes = Attributes(outcome.physical_id);
  EXPECT_EQ(attributes["VisibilityTimeout"], "45");
  EXPECT_EQ(attributes["DelaySeconds"], "2");
}

TEST_F(SqsQueueProviderTest, RecoveryFindsAQueueByItsGeneratedNameAndDeletesIt) {
  ResourceProvider& provider = Provider("AWS::SQS::Queue");
  ResourceRequest request = Request("AWS::SQS::Queue", "Lost", {{"FifoQueue", true}});
  EXPECT_TRUE(
      std::regex_match(request.generated_name, std::regex("teststack-Lost-[A-Z0-9]{13}\\.fifo")))
      << request.generated_name;
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));
  EXPECT_TRUE(outcome.physical_id.ends_with("/" + request.generated_name)) << outcome.physical_id;
  // The queue's URL was never recorded: recovery has only the request.
  ASSERT_OK(provider.DeleteGenerated(request));
  EXPECT_FALSE(TryCall("sqs", "GetQueueUrl", {{"QueueName", request.generated_name}}).ok());
  EXPECT_OK(provider.DeleteGenerated(request));  // Nothing there: success.
  // A named queue has no generated name; recovery leaves it alone.
  ResourceRequest named = Request("AWS::SQS::Queue", "Named", {{"QueueName", "keep"}});
  EXPECT_EQ(named.generated_name, "");
  ASSERT_OK(provider.Create(named).status());
  ASSERT_OK(provider.DeleteGenerated(named));
  EXPECT_OK(TryCall("sqs", "GetQueueUrl", {{"QueueName", "keep"}}).status());
}

TEST_F(SqsQueueProviderTest, TakesARedrivePolicyObjectAndTags) {
  ResourceProvider& provider = Provider("AWS::SQS::Queue");
  ASSERT_OK_AND_ASSIGN(ResourceOutcome dlq,
                       provider.Create(Request("AWS::SQS::Queue", "Dlq", {{"QueueName", "dlq"}})));
  ResourceRequest request =
      Request("AWS::SQS::Queue", "Work",
              {{"QueueName", "work"},
               {"RedrivePolicy",
                {{"deadLetterTargetArn", dlq.attributes["Arn"]}, {"maxReceiveCount", "3"}}},
               {"Tags", Json::array({{{"Key", "team"}, {"Value", "data"}}})}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));
  ASSERT_OK_AND_ASSIGN(
      Json policy, ParseJson(Attributes(outcome.physical_id)["RedrivePolicy"].get<std::string>()));
  EXPECT_EQ(policy["deadLetterTargetArn"], dlq.attributes["Arn"]);
  EXPECT_EQ(policy["maxReceiveCount"].dump(),
            policy["maxReceiveCount"].is_string() ? "\"3\"" : "3");
  EXPECT_EQ(Call("sqs", "ListQueueTags", {{"QueueUrl", outcome.physical_id}})["Tags"]["team"],
            "data");
}

TEST_F(SqsQueueProviderTest, UpdatesOnlyWhatChangedAndResetsRemovedAttributes) {
  ResourceProvider& provider = Provider("AWS::SQS::Queue");
  ResourceRequest request = Request(
      "AWS::SQS::Queue", "Q",
      {{"VisibilityTimeout", 60},
       {"MessageRetentionPeriod", 600},
       {"Tags", Json::array({{{"Key", "a"}, {"Value", "1"}}, {{"Key", "b"}, {"Value", "2"}}})}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome created, provider.Create(request));

  ResourceRequest update = request;
  update.physical_id = created.physical_id;
  update.previous_properties = request.properties;
  update.properties = {{"VisibilityTimeout", 90},
                       {"Tags", Json::array({{{"Key", "a"}, {"Value", "9"}}})}};
  EXPECT_EQ(provider.KindOfUpdate(update), UpdateKind::kNoInterruption);
  ASSERT_OK_AND_ASSIGN(ResourceOutcome updated, provider.Update(update));
  EXPECT_EQ(updated.physical_id, created.physical_id);
  const Json attributes = Attributes(created.physical_id);
  EXPECT_EQ(attributes["VisibilityTimeout"], "90");
  EXPECT_EQ(attributes["MessageRetentionPeriod"], "345600");
  EXPECT_EQ(Call("sqs", "ListQueueTags", {{"QueueUrl", created.physical_id}})["Tags"],
            Json({{"a", "9"}}));
}

TEST_F(SqsQueueProviderTest, NameOrFifoChangesNeedReplacement) {
  ResourceProvider& provider = Provider("AWS::SQS::Queue");
  ResourceRequest update = Request("AWS::SQS::Queue", "Q", {{"QueueName", "b"}});
  update.previous_properties = {{"QueueName", "a"}};
  EXPECT_EQ(provider.KindOfUpdate(update), UpdateKind::kReplacement);
  update.previous_properties = {{"QueueName", "b"}, {"FifoQueue", false}};
  update.properties = {{"QueueName", "b"}, {"FifoQueue", true}};
  EXPECT_EQ(provider.KindOfUpdate(update), UpdateKind::kReplacement);
}

TEST_F(SqsQueueProviderTest, GeneratesFifoNamesWithTheSuffix) {
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome,
                       Provider("AWS::SQS::Queue")
                           .Create(Request("AWS::SQS::Queue", "Jobs", {{"FifoQueue", "true"}})));
  EXPECT_TRUE(outcome.attributes["QueueName"].get<std::string>().ends_with(".fifo"));
  EXPECT_EQ(Attributes(outcome.physical_id)["FifoQueue"], "true");
}

TEST_F(SqsQueueProviderTest, DeleteRemovesTheQueueAndAcceptsAGoneOne) {
  ResourceProvider& provider = Provider("AWS::SQS::Queue");
  ResourceRequest request = Request("AWS::SQS::Queue", "Q", {{"QueueName", "gone"}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome created, provider.Create(request));
  request.physical_id = created.physical_id;
  ASSERT_OK(provider.Delete(request));
  EXPECT_FALSE(TryCall("sqs", "GetQueueUrl", {{"QueueName", "gone"}}).ok());
  EXPECT_OK(provider.Delete(request));
}

TEST_F(SqsQueueProviderTest, RejectsUnknownPropertiesAndExistingNamesLeavingNothing) {
  ResourceProvider& provider = Provider("AWS::SQS::Queue");
  Result<ResourceOutcome> bad =
      provider.Create(Request("AWS::SQS::Queue", "Q", {{"QueueName", "bad"}, {"Colour", "blue"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("Colour"), std::string::npos) << bad.status().ToString();
  EXPECT_FALSE(TryCall("sqs", "GetQueueUrl", {{"QueueName", "bad"}}).ok());

  Result<ResourceOutcome> invalid = provider.Create(
      Request("AWS::SQS::Queue", "Q", {{"QueueName", "bad"}, {"DelaySeconds", 9999}}));
  ASSERT_FALSE(invalid.ok());
  EXPECT_NE(invalid.status().message().find("CreateQueue"), std::string::npos);
  EXPECT_FALSE(TryCall("sqs", "GetQueueUrl", {{"QueueName", "bad"}}).ok());

  ASSERT_OK(provider.Create(Request("AWS::SQS::Queue", "Q", {{"QueueName", "taken"}})).status());
  Result<ResourceOutcome> again =
      provider.Create(Request("AWS::SQS::Queue", "Q2", {{"QueueName", "taken"}}));
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace stratus::cloudformation
