#include <regex>

#include "cloudformation/providers/provider_test_fixture.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

const Json kTrust = {
    {"Version", "2012-10-17"},
    {"Statement", Json::array({{{"Effect", "Allow"},
                                {"Principal", {{"Service", "lambda.amazonaws.com"}}},
                                {"Action", "sts:AssumeRole"}}})}};

Json Allow(const std::string& action) {
  return {
      {"Version", "2012-10-17"},
      {"Statement", Json::array({{{"Effect", "Allow"}, {"Action", action}, {"Resource", "*"}}})}};
}

class IamProvidersTest : public ProviderTest {
 protected:
  std::vector<std::string> InlinePolicies(const std::string& role) {
    std::vector<std::string> names;
    const Json listed = Call("iam", "ListRolePolicies", {{"RoleName", role}});
    for (const Json& name : listed["PolicyNames"]) {
      names.push_back(name.get<std::string>());
    }
    return names;
  }

  std::vector<std::string> AttachedPolicies(const std::string& role) {
    std::vector<std::string> arns;
    const Json listed = Call("iam", "ListAttachedRolePolicies", {{"RoleName", role}});
    for (const Json& policy : listed["AttachedPolicies"]) {
      arns.push_back(policy["PolicyArn"].get<std::string>());
    }
    return arns;
  }

  std::string MakeManagedPolicy(const std::string& name) {
    return Call("iam", "CreatePolicy",
                {{"PolicyName", name}, {"PolicyDocument", Allow("s3:GetObject").dump()}})["Policy"]
        .value("Arn", "");
  }
};

TEST_F(IamProvidersTest, RoleWithInlineAndManagedPolicies) {
  const std::string managed = MakeManagedPolicy("read-objects");
  ResourceProvider& provider = Provider("AWS::IAM::Role");
  ResourceRequest request = Request(
      "AWS::IAM::Role", "LambdaRole",
      {{"AssumeRolePolicyDocument", kTrust},
       {"Path", "/service/"},
       {"MaxSessionDuration", "7200"},
       {"ManagedPolicyArns", Json::array({managed})},
       {"Policies", Json::array({{{"PolicyName", "logs"}, {"PolicyDocument", Allow("logs:*")}}})},
       {"Tags", Json::array({{{"Key", "app"}, {"Value", "etl"}}})}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));
  const std::string& name = outcome.physical_id;
  EXPECT_TRUE(std::regex_match(name, std::regex("teststack-LambdaRole-[A-Z0-9]{13}"))) << name;
  const Json role = Call("iam", "GetRole", {{"RoleName", name}})["Role"];
  EXPECT_EQ(outcome.attributes["Arn"], "arn:aws:iam::000000000000:role/service/" + name);
  EXPECT_EQ(outcome.attributes["Arn"], role["Arn"]);
  EXPECT_EQ(outcome.attributes["RoleId"], role["RoleId"]);
  EXPECT_EQ(role["MaxSessionDuration"], 7200);
  EXPECT_EQ(InlinePolicies(name), std::vector<std::string>{"logs"});
  EXPECT_EQ(AttachedPolicies(name), std::vector<std::string>{managed});

  ResourceRequest update = request;
  update.physical_id = name;
  update.previous_properties = request.properties;
  update.properties = {
      {"AssumeRolePolicyDocument", kTrust},
      {"Path", "/service/"},
      {"Policies", Json::array({{{"PolicyName", "queues"}, {"PolicyDocument", Allow("sqs:*")}}})}};
  EXPECT_EQ(provider.KindOfUpdate(update), UpdateKind::kNoInterruption);
  ASSERT_OK(provider.Update(update).status());
  EXPECT_EQ(InlinePolicies(name), std::vector<std::string>{"queues"});
  EXPECT_TRUE(AttachedPolicies(name).empty());
  EXPECT_EQ(Call("iam", "GetRole", {{"RoleName", name}})["Role"]["MaxSessionDuration"], 3600);

  ResourceRequest moved = update;
  moved.previous_properties = update.properties;
  moved.properties["Path"] = "/other/";
  EXPECT_EQ(provider.KindOfUpdate(moved), UpdateKind::kReplacement);
  moved.properties = update.properties;
  moved.properties["RoleName"] = "renamed";
  EXPECT_EQ(provider.KindOfUpdate(moved), UpdateKind::kReplacement);

  ASSERT_OK(provider.Delete(update));
  EXPECT_FALSE(TryCall("iam", "GetRole", {{"RoleName", name}}).ok());
  EXPECT_OK(provider.Delete(update));
}

TEST_F(IamProvidersTest, ARoleWithABadInlinePolicyLeavesNothing) {
  Result<ResourceOutcome> failed =
      Provider("AWS::IAM::Role")
          .Create(Request("AWS::IAM::Role", "R",
                          {{"RoleName", "half"},
                           {"AssumeRolePolicyDocument", kTrust},
                           {"ManagedPolicyArns", Json::array({"arn:aws:iam::000000000000:"
                                                              "policy/does-not-exist"})}}));
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("AttachRolePolicy"), std::string::npos)
      << failed.status().ToString();
  EXPECT_FALSE(TryCall("iam", "GetRole", {{"RoleName", "half"}}).ok());

  Result<ResourceOutcome> missing =
      Provider("AWS::IAM::Role").Create(Request("AWS::IAM::Role", "R", {{"RoleName", "none"}}));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("AssumeRolePolicyDocument"), std::string::npos);
}

TEST_F(IamProvidersTest, PolicyPutsItselfOnEachRoleAndMovesOnUpdate) {
  for (const char* role : {"a", "b"}) {
    Call("iam", "CreateRole", {{"RoleName", role}, {"AssumeRolePolicyDocument", kTrust.dump()}});
  }
  ResourceProvider& provider = Provider("AWS::IAM::Policy");
  ResourceRequest request =
      Request("AWS::IAM::Policy", "Access",
              {{"PolicyName", "access"},
               {"PolicyDocument", Allow("s3:*").dump()},
               {"Roles", Json::array({"a", "arn:aws:iam::000000000000:role/b"})}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));
  EXPECT_TRUE(outcome.physical_id.starts_with("teststack-Access-")) << outcome.physical_id;
  EXPECT_EQ(InlinePolicies("a"), std::vector<std::string>{"access"});
  EXPECT_EQ(InlinePolicies("b"), std::vector<std::string>{"access"});

  ResourceRequest update = request;
  update.physical_id = outcome.physical_id;
  update.previous_properties = request.properties;
  update.properties = {
      {"PolicyName", "renamed"}, {"PolicyDocument", Allow("s3:*")}, {"Roles", Json::array({"b"})}};
  ASSERT_OK_AND_ASSIGN(ResourceOutcome updated, provider.Update(update));
  EXPECT_EQ(updated.physical_id, outcome.physical_id);
  EXPECT_TRUE(InlinePolicies("a").empty());
  EXPECT_EQ(InlinePolicies("b"), std::vector<std::string>{"renamed"});

  ASSERT_OK(provider.Delete(update));
  EXPECT_TRUE(InlinePolicies("b").empty());
  EXPECT_OK(provider.Delete(update));

  Result<ResourceOutcome> nobody = provider.Create(
      Request("AWS::IAM::Policy", "P", {{"PolicyName", "p"}, {"PolicyDocument", Allow("s3:*")}}));
  EXPECT_EQ(nobody.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(IamProvidersTest, ManagedPolicyVersionsAndAttachments) {
  Call("iam", "CreateRole", {{"RoleName", "r"}, {"AssumeRolePolicyDocument", kTrust.dump()}});
  ResourceProvider& provider = Provider("AWS::IAM::ManagedPolicy");
  ResourceRequest request =
      Request("AWS::IAM::ManagedPolicy", "Managed",
              {{"PolicyDocument", Allow("s3:GetObject")}, {"Roles", Json::array({"r"})}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));
  EXPECT_TRUE(
      outcome.physical_id.starts_with("arn:aws:iam::000000000000:policy/teststack-Managed-"))
      << outcome.physical_id;
  EXPECT_EQ(outcome.attributes["PolicyArn"], outcome.physical_id);
  EXPECT_EQ(AttachedPolicies("r"), std::vector<std::string>{outcome.physical_id});

  ResourceRequest update = request;
  update.physical_id = outcome.physical_id;
  for (int i = 0; i < 6; ++i) {
    update.previous_properties = update.properties;
    update.properties = {{"PolicyDocument", Allow("s3:Action" + std::to_string(i))},
                         {"Roles", Json::array()}};
    ASSERT_OK(provider.Update(update).status());
  }
  EXPECT_TRUE(AttachedPolicies("r").empty());
  const Json policy = Call("iam", "GetPolicy", {{"PolicyArn", outcome.physical_id}})["Policy"];
  const Json version = Call("iam", "GetPolicyVersion",
                            {{"PolicyArn", outcome.physical_id},
                             {"VersionId", policy["DefaultVersionId"]}})["PolicyVersion"];
  // IAM returns documents URL-encoded.
  EXPECT_NE(version.dump().find("Action5"), std::string::npos) << version.dump();

  ResourceRequest renamed = update;
  renamed.previous_properties = update.properties;
  renamed.properties["ManagedPolicyName"] = "named";
  EXPECT_EQ(provider.KindOfUpdate(renamed), UpdateKind::kReplacement);

  ASSERT_OK(provider.Delete(update));
  EXPECT_FALSE(TryCall("iam", "GetPolicy", {{"PolicyArn", outcome.physical_id}}).ok());
  EXPECT_OK(provider.Delete(update));
}

TEST_F(IamProvidersTest, InstanceProfileHoldsItsRole) {
  Call("iam", "CreateRole", {{"RoleName", "ec2"}, {"AssumeRolePolicyDocument", kTrust.dump()}});
  ResourceProvider& provider = Provider("AWS::IAM::InstanceProfile");
  ResourceRequest request =
      Request("AWS::IAM::InstanceProfile", "Profile", {{"Roles", Json::array({"ec2"})}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));
  const Json profile = Call("iam", "GetInstanceProfile",
                            {{"InstanceProfileName", outcome.physical_id}})["InstanceProfile"];
  EXPECT_EQ(outcome.attributes["Arn"], profile["Arn"]);
  ASSERT_EQ(profile["Roles"].size(), 1u);
  EXPECT_EQ(profile["Roles"][0]["RoleName"], "ec2");

  ResourceRequest deleting = request;
  deleting.physical_id = outcome.physical_id;
  ASSERT_OK(provider.Delete(deleting));
  EXPECT_FALSE(
      TryCall("iam", "GetInstanceProfile", {{"InstanceProfileName", outcome.physical_id}}).ok());
  EXPECT_OK(TryCall("iam", "GetRole", {{"RoleName", "ec2"}}).status());
}

}  // namespace
}  // namespace stratus::cloudformation
