#include "cloudformation/providers/provider_test_fixture.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

class LogGroupProviderTest : public ProviderTest {
 protected:
  Json Group(const std::string& name) {
    const Json groups =
        Call("logs", "DescribeLogGroups", {{"logGroupNamePrefix", name}})["logGroups"];
    for (const Json& group : groups) {
      if (group["logGroupName"] == name) {
        return group;
      }
    }
    return nullptr;
  }
};

TEST_F(LogGroupProviderTest, CreatesUpdatesAndDeletesALogGroup) {
  ResourceProvider& provider = Provider("AWS::Logs::LogGroup");
  ResourceRequest request = Request("AWS::Logs::LogGroup", "Logs",
                                    {{"LogGroupName", "/aws/lambda/etl"},
                                     {"RetentionInDays", "14"},
                                     {"Tags", Json::array({{{"Key", "k"}, {"Value", "v"}}})}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));
  EXPECT_EQ(outcome.physical_id, "/aws/lambda/etl");
  EXPECT_EQ(outcome.attributes["Arn"],
            "arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/etl:*");
  EXPECT_EQ(Group("/aws/lambda/etl")["retentionInDays"], 14);
  EXPECT_EQ(Call("logs", "ListTagsLogGroup", {{"logGroupName", "/aws/lambda/etl"}})["tags"],
            Json({{"k", "v"}}));

  ResourceRequest update = request;
  update.physical_id = outcome.physical_id;
  update.previous_properties = request.properties;
  update.properties = {{"LogGroupName", "/aws/lambda/etl"}};
  EXPECT_EQ(provider.KindOfUpdate(update), UpdateKind::kNoInterruption);
  ASSERT_OK(provider.Update(update).status());
  EXPECT_FALSE(Group("/aws/lambda/etl").contains("retentionInDays"));
  EXPECT_EQ(Call("logs", "ListTagsLogGroup", {{"logGroupName", "/aws/lambda/etl"}})["tags"],
            Json::object());

  ASSERT_OK(provider.Delete(update));
  EXPECT_TRUE(Group("/aws/lambda/etl").is_null());
  EXPECT_OK(provider.Delete(update));
}

TEST_F(LogGroupProviderTest, GeneratesANameAndReplacesOnRename) {
  ResourceProvider& provider = Provider("AWS::Logs::LogGroup");
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome,
                       provider.Create(Request("AWS::Logs::LogGroup", "AppLogs")));
  EXPECT_TRUE(outcome.physical_id.starts_with("teststack-AppLogs-")) << outcome.physical_id;
  EXPECT_FALSE(Group(outcome.physical_id).is_null());
  ResourceRequest update = Request("AWS::Logs::LogGroup", "AppLogs", {{"LogGroupName", "x"}});
  EXPECT_EQ(provider.KindOfUpdate(update), UpdateKind::kReplacement);
}

TEST_F(LogGroupProviderTest, AnInvalidRetentionLeavesNoGroup) {
  Result<ResourceOutcome> failed =
      Provider("AWS::Logs::LogGroup")
          .Create(Request("AWS::Logs::LogGroup", "L",
                          {{"LogGroupName", "bad-retention"}, {"RetentionInDays", 13}}));
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("PutRetentionPolicy"), std::string::npos)
      << failed.status().ToString();
  EXPECT_TRUE(Group("bad-retention").is_null());
}

}  // namespace
}  // namespace stratus::cloudformation
