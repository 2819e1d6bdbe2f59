#include <regex>

#include "cloudformation/providers/provider_test_fixture.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

using S3BucketProviderTest = ProviderTest;

TEST_F(S3BucketProviderTest, CreatesALowercaseGeneratedBucketWithItsAttributes) {
  ResourceProvider& provider = Provider("AWS::S3::Bucket");
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome,
                       provider.Create(Request("AWS::S3::Bucket", "DataLake")));
  EXPECT_TRUE(std::regex_match(outcome.physical_id, std::regex("teststack-datalake-[a-z0-9]{13}")))
      << outcome.physical_id;
  Call("s3", "HeadBucket", {{"Bucket", outcome.physical_id}});
  const std::string& name = outcome.physical_id;
  EXPECT_EQ(outcome.attributes["Arn"], "arn:aws:s3:::" + name);
  EXPECT_EQ(outcome.attributes["DomainName"], name + ".s3.amazonaws.com");
  EXPECT_EQ(outcome.attributes["RegionalDomainName"], name + ".s3.us-east-1.amazonaws.com");
  EXPECT_EQ(outcome.attributes["DualStackDomainName"],
            name + ".s3.dualstack.us-east-1.amazonaws.com");
  EXPECT_EQ(outcome.attributes["WebsiteURL"],
            "http://" + name + ".s3-website-us-east-1.amazonaws.com");
}

TEST_F(S3BucketProviderTest, AppliesTagsVersioningAndNotifications) {
  ResourceProvider& provider = Provider("AWS::S3::Bucket");
  const std::string queue_arn = "arn:aws:sqs:us-east-1:000000000000:uploads";
  Call("sqs", "CreateQueue", {{"QueueName", "uploads"}});
  ResourceRequest request = Request(
      "AWS::S3::Bucket", "B",
      {{"BucketName", "my-bucket"},
       {"Tags", Json::array({{{"Key", "env"}, {"Value", "dev"}}})},
       {"VersioningConfiguration", {{"Status", "Enabled"}}},
       {"NotificationConfiguration",
        {{"QueueConfigurations",
          Json::array(
              {{{"Event", "s3:ObjectCreated:*"},
                {"Queue", queue_arn},
                {"Filter",
                 {{"S3Key",
                   {{"Rules", Json::array({{{"Name", "prefix"}, {"Value", "in/"}}})}}}}}}})}}}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));
  EXPECT_EQ(outcome.physical_id, "my-bucket");
  EXPECT_EQ(Call("s3", "GetBucketVersioning", {{"Bucket", "my-bucket"}})["Status"], "Enabled");
  const Json tags = Call("s3", "GetBucketTagging", {{"Bucket", "my-bucket"}})["TagSet"];
  EXPECT_EQ(tags, Json::array({{{"Key", "env"}, {"Value", "dev"}}}));
  const Json notifications =
      Call("s3", "GetBucketNotificationConfiguration", {{"Bucket", "my-bucket"}});
  ASSERT_EQ(notifications["QueueConfigurations"].size(), 1u) << notifications.dump();
  EXPECT_EQ(notifications["QueueConfigurations"][0]["QueueArn"], queue_arn);

  ResourceRequest update = request;
  update.physical_id = outcome.physical_id;
  update.previous_properties = request.properties;
  update.properties = {{"BucketName", "my-bucket"},
                       {"VersioningConfiguration", {{"Status", "Enabled"}}}};
  EXPECT_EQ(provider.KindOfUpdate(update), UpdateKind::kNoInterruption);
  ASSERT_OK(provider.Update(update).status());
  EXPECT_FALSE(TryCall("s3", "GetBucketTagging", {{"Bucket", "my-bucket"}}).ok());
  EXPECT_FALSE(Call("s3", "GetBucketNotificationConfiguration", {{"Bucket", "my-bucket"}})
                   .contains("QueueConfigurations"));
}

TEST_F(S3BucketProviderTest, ANameChangeNeedsReplacement) {
  ResourceRequest update = Request("AWS::S3::Bucket", "B", {{"BucketName", "b"}});
  update.previous_properties = {{"BucketName", "a"}};
  EXPECT_EQ(Provider("AWS::S3::Bucket").KindOfUpdate(update), UpdateKind::kReplacement);
}

TEST_F(S3BucketProviderTest, AFailedConfigurationLeavesNoBucket) {
  Result<ResourceOutcome> failed =
      Provider("AWS::S3::Bucket")
          .Create(Request("AWS::S3::Bucket", "B",
                          {{"BucketName", "half-made"},
                           {"VersioningConfiguration", {{"Status", "Sideways"}}}}));
  ASSERT_FALSE(failed.ok());
  EXPECT_FALSE(TryCall("s3", "HeadBucket", {{"Bucket", "half-made"}}).ok());
}

TEST_F(S3BucketProviderTest, DeleteRemovesTheBucketAndAcceptsAGoneOne) {
  ResourceProvider& provider = Provider("AWS::S3::Bucket");
  ResourceRequest request = Request("AWS::S3::Bucket", "B", {{"BucketName", "short-lived"}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));
  request.physical_id = outcome.physical_id;
  ASSERT_OK(provider.Delete(request));
  EXPECT_FALSE(TryCall("s3", "HeadBucket", {{"Bucket", "short-lived"}}).ok());
  EXPECT_OK(provider.Delete(request));
}

}  // namespace
}  // namespace stratus::cloudformation
