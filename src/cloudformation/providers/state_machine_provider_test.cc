#include "base/digest.h"
#include "cloudformation/providers/provider_test_fixture.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

constexpr const char* kRole = "arn:aws:iam::000000000000:role/sfn-role";

class StateMachineProviderTest : public ProviderTest {
 protected:
  Json Described(const std::string& arn) {
    return Call("states", "DescribeStateMachine", {{"stateMachineArn", arn}});
  }
};

TEST_F(StateMachineProviderTest, CreatesFromADefinitionObjectWithSubstitutions) {
  ResourceProvider& provider = Provider("AWS::StepFunctions::StateMachine");
  const Json properties = {
      {"RoleArn", kRole},
      {"Definition",
       {{"StartAt", "Done"},
        {"States",
         {{"Done", {{"Type", "Pass"}, {"Result", "${Greeting}-${Unknown}"}, {"End", true}}}}}}},
      {"DefinitionSubstitutions", {{"Greeting", "hello"}}},
      {"Tags", Json::array({{{"Key", "team"}, {"Value", "etl"}}})}};
  ASSERT_OK_AND_ASSIGN(
      ResourceOutcome outcome,
      provider.Create(Request("AWS::StepFunctions::StateMachine", "Flow", properties)));
  EXPECT_TRUE(outcome.physical_id.starts_with(
      "arn:aws:states:us-east-1:000000000000:stateMachine:teststack-Flow-"))
      << outcome.physical_id;
  EXPECT_EQ(outcome.attributes["Arn"], outcome.physical_id);
  const Json described = Described(outcome.physical_id);
  EXPECT_EQ(outcome.attributes["Name"], described["name"]);
  ASSERT_OK_AND_ASSIGN(Json definition, ParseJson(described["definition"].get<std::string>()));
  EXPECT_EQ(definition["States"]["Done"]["Result"], "hello-${Unknown}");
  EXPECT_EQ(described["roleArn"], kRole);
  const Json tags =
      Call("states", "ListTagsForResource", {{"resourceArn", outcome.physical_id}})["tags"];
  EXPECT_EQ(tags, Json::array({{{"key", "team"}, {"value", "etl"}}}));
}

TEST_F(StateMachineProviderTest, ReadsTheDefinitionFromS3AndUpdatesInPlace) {
  Call("s3", "CreateBucket", {{"Bucket", "defs"}});
  Call("s3", "PutObject",
       {{"Bucket", "defs"},
        {"Key", "flow.json"},
        {"Body", Base64Encode(R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}})")}});
  ResourceProvider& provider = Provider("AWS::StepFunctions::StateMachine");
  ResourceRequest request =
      Request("AWS::StepFunctions::StateMachine", "Flow",
              {{"RoleArn", kRole},
               {"StateMachineName", "from-s3"},
               {"DefinitionS3Location", {{"Bucket", "defs"}, {"Key", "flow.json"}}}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome created, provider.Create(request));
  EXPECT_EQ(created.attributes["Name"], "from-s3");
  EXPECT_NE(Described(created.physical_id)["definition"].get<std::string>().find("Succeed"),
            std::string::npos);

  ResourceRequest update = request;
  update.physical_id = created.physical_id;
  update.previous_properties = request.properties;
  update.properties = {
      {"RoleArn", kRole},
      {"StateMachineName", "from-s3"},
      {"DefinitionString", R"({"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}})"}};
  EXPECT_EQ(provider.KindOfUpdate(update), UpdateKind::kNoInterruption);
  ASSERT_OK_AND_ASSIGN(ResourceOutcome updated, provider.Update(update));
  EXPECT_EQ(updated.physical_id, created.physical_id);
  const Json described = Described(created.physical_id);
  EXPECT_NE(described["definition"].get<std::string>().find("\"B\""), std::string::npos);
  if (described.contains("revisionId")) {
    EXPECT_EQ(updated.attributes["StateMachineRevisionId"], described["revisionId"]);
  }

  ResourceRequest rename = update;
  rename.previous_properties = update.properties;
  rename.properties["StateMachineName"] = "other";
  EXPECT_EQ(provider.KindOfUpdate(rename), UpdateKind::kReplacement);

  ASSERT_OK(provider.Delete(update));
  EXPECT_OK(provider.Delete(update));
}

TEST_F(StateMachineProviderTest, RejectsAmbiguousOrInvalidDefinitions) {
  ResourceProvider& provider = Provider("AWS::StepFunctions::StateMachine");
  Result<ResourceOutcome> both = provider.Create(Request("AWS::StepFunctions::StateMachine", "F",
                                                         {{"RoleArn", kRole},
                                                          {"StateMachineName", "both"},
                                                          {"DefinitionString", "{}"},
                                                          {"Definition", {{"StartAt", "A"}}}}));
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.status().message().find("exactly one"), std::string::npos);

  Result<ResourceOutcome> invalid =
      provider.Create(Request("AWS::StepFunctions::StateMachine", "F",
                              {{"RoleArn", kRole},
                               {"StateMachineName", "invalid"},
                               {"DefinitionString", "{\"StartAt\": 1}"}}));
  ASSERT_FALSE(invalid.ok());
  EXPECT_NE(invalid.status().message().find("CreateStateMachine"), std::string::npos);
  EXPECT_TRUE(Call("states", "ListStateMachines", Json::object())["stateMachines"].empty());
}

}  // namespace
}  // namespace stratus::cloudformation
