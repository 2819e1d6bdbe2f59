#include <regex>

#include "base/digest.h"
#include "cloudformation/providers/inline_zip.h"
#include "cloudformation/providers/provider_test_fixture.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

constexpr const char* kRole = "arn:aws:iam::000000000000:role/lambda-role";

class LambdaFunctionProviderTest : public ProviderTest {
 protected:
  Json Configuration(const std::string& name) {
    return Call("lambda", "GetFunctionConfiguration", {{"FunctionName", name}});
  }

  std::string Invoke(const std::string& name) {
    const Json output =
        Call("lambda", "Invoke", {{"FunctionName", name}, {"Payload", Base64Encode("{}")}});
    std::string payload;
    EXPECT_TRUE(Base64Decode(output.value("Payload", ""), &payload)) << output.dump();
    return payload;
  }

  Json InlineNode(const std::string& body) const {
    return {{"Runtime", "nodejs18.x"},
            {"Handler", "index.handler"},
            {"Role", kRole},
            {"Code", {{"ZipFile", body}}}};
  }
};

TEST_F(LambdaFunctionProviderTest, DeploysInlineNodeCodeThatRuns) {
  ResourceProvider& provider = Provider("AWS::Lambda::Function");
  Json properties = InlineNode(
      "exports.handler = async () => ({ greeting: process.env.GREETING + process.env.COUNT });");
  properties["Timeout"] = "25";
  properties["MemorySize"] = 256;
  properties["Environment"] = {{"Variables", {{"GREETING", "hi"}, {"COUNT", 3}}}};
  properties["Description"] = "inline";
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome,
                       provider.Create(Request("AWS::Lambda::Function", "Greeter", properties)));
  EXPECT_TRUE(std::regex_match(outcome.physical_id, std::regex("teststack-Greeter-[A-Z0-9]{13}")))
      << outcome.physical_id;
  EXPECT_EQ(outcome.attributes["Arn"],
            "arn:aws:lambda:us-east-1:000000000000:function:" + outcome.physical_id);
  const Json configuration = Configuration(outcome.physical_id);
  EXPECT_EQ(configuration["Timeout"], 25);
  EXPECT_EQ(configuration["MemorySize"], 256);
  EXPECT_EQ(configuration["Handler"], "index.handler");
  EXPECT_EQ(configuration["Environment"]["Variables"]["COUNT"], "3");
  ASSERT_OK_AND_ASSIGN(Json result, ParseJson(Invoke(outcome.physical_id)));
  EXPECT_EQ(result["greeting"], "hi3");
}

TEST_F(LambdaFunctionProviderTest, UpdatesConfigurationAndCodeInPlace) {
  ResourceProvider& provider = Provider("AWS::Lambda::Function");
  ResourceRequest request =
      Request("AWS::Lambda::Function", "F", InlineNode("exports.handler = async () => 'one';"));
  request.properties["FunctionName"] = "updatable";
  request.properties["Timeout"] = 10;
  ASSERT_OK_AND_ASSIGN(ResourceOutcome created, provider.Create(request));

  ResourceRequest update = request;
  update.physical_id = created.physical_id;
  update.previous_properties = request.properties;
  update.properties = InlineNode("exports.handler = async () => 'two';");
  update.properties["FunctionName"] = "updatable";
  update.properties["Environment"] = {{"Variables", {{"A", "b"}}}};
  EXPECT_EQ(provider.KindOfUpdate(update), UpdateKind::kNoInterruption);
  ASSERT_OK_AND_ASSIGN(ResourceOutcome updated, provider.Update(update));
  EXPECT_EQ(updated.physical_id, "updatable");
  const Json configuration = Configuration("updatable");
  EXPECT_EQ(configuration["Timeout"], 3);
  EXPECT_EQ(configuration["Environment"]["Variables"]["A"], "b");
  EXPECT_EQ(Invoke("updatable"), "\"two\"");

  ResourceRequest rename = update;
  rename.previous_properties = update.properties;
  rename.properties["FunctionName"] = "renamed";
  EXPECT_EQ(provider.KindOfUpdate(rename), UpdateKind::kReplacement);

  ASSERT_OK(provider.Delete(update));
  EXPECT_FALSE(TryCall("lambda", "GetFunction", {{"FunctionName", "updatable"}}).ok());
  EXPECT_OK(provider.Delete(update));
}

TEST_F(LambdaFunctionProviderTest, TakesCodeFromS3) {
  Call("s3", "CreateBucket", {{"Bucket", "code"}});
  Call("s3", "PutObject",
       {{"Bucket", "code"},
        {"Key", "fn.zip"},
        {"Body", Base64Encode(ZipSingleFile(
                     "index.py", "def handler(event, context):\n    return 'from s3'\n"))}});
  ResourceProvider& provider = Provider("AWS::Lambda::Function");
  Json properties = {{"Runtime", "python3.11"},
                     {"Handler", "index.handler"},
                     {"Role", kRole},
                     {"FunctionName", "from-s3"},
                     {"Code", {{"S3Bucket", "code"}, {"S3Key", "fn.zip"}}}};
  ASSERT_OK(provider.Create(Request("AWS::Lambda::Function", "F", properties)).status());
  EXPECT_EQ(Invoke("from-s3"), "\"from s3\"");

  properties["FunctionName"] = "missing-code";
  properties["Code"]["S3Key"] = "absent.zip";
  Result<ResourceOutcome> missing =
      provider.Create(Request("AWS::Lambda::Function", "G", properties));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("CreateFunction"), std::string::npos)
      << missing.status().ToString();
}

TEST_F(LambdaFunctionProviderTest, RejectsWhatItCannotDeployLeavingNothing) {
  ResourceProvider& provider = Provider("AWS::Lambda::Function");
  Json java = InlineNode("class A {}");
  java["Runtime"] = "java17";
  java["FunctionName"] = "java";
  Result<ResourceOutcome> failed = provider.Create(Request("AWS::Lambda::Function", "F", java));
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("ZipFile"), std::string::npos);

  EXPECT_FALSE(TryCall("lambda", "GetFunction", {{"FunctionName", "java"}}).ok());
}

TEST_F(LambdaFunctionProviderTest, ReservedConcurrentExecutionsIsTheFunctionsReservation) {
  ResourceProvider& provider = Provider("AWS::Lambda::Function");
  Json reserved = InlineNode("exports.handler = async () => 1;");
  reserved["ReservedConcurrentExecutions"] = 5;
  reserved["FunctionName"] = "reserved";
  ASSERT_OK(provider.Create(Request("AWS::Lambda::Function", "F", reserved)).status());
  Result<Json> concurrency =
      TryCall("lambda", "GetFunctionConcurrency", {{"FunctionName", "reserved"}});
  ASSERT_OK(concurrency.status());
  EXPECT_EQ((*concurrency)["ReservedConcurrentExecutions"], 5) << concurrency->dump();
}

TEST_F(LambdaFunctionProviderTest, EventSourceMappingConnectsAQueueToAFunction) {
  ASSERT_OK(Provider("AWS::Lambda::Function")
                .Create(Request("AWS::Lambda::Function", "F",
                                [&] {
                                  Json properties = InlineNode("exports.handler = async () => 1;");
                                  properties["FunctionName"] = "consumer";
                                  return properties;
                                }()))
                .status());
  const std::string url = Call("sqs", "CreateQueue", {{"QueueName", "events"}})["QueueUrl"];
  const std::string arn = Call(
      "sqs", "GetQueueAttributes",
      {{"QueueUrl", url}, {"AttributeNames", Json::array({"QueueArn"})}})["Attributes"]["QueueArn"];
  ResourceProvider& provider = Provider("AWS::Lambda::EventSourceMapping");
  ResourceRequest request =
      Request("AWS::Lambda::EventSourceMapping", "Mapping",
              {{"FunctionName", "consumer"}, {"EventSourceArn", arn}, {"BatchSize", "5"}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));
  EXPECT_EQ(outcome.attributes["Id"], outcome.physical_id);
  Json mapping = Call("lambda", "GetEventSourceMapping", {{"UUID", outcome.physical_id}});
  EXPECT_EQ(mapping["BatchSize"], 5);
  EXPECT_EQ(mapping["EventSourceArn"], arn);

  ResourceRequest update = request;
  update.physical_id = outcome.physical_id;
  update.previous_properties = request.properties;
  update.properties["BatchSize"] = 7;
  EXPECT_EQ(provider.KindOfUpdate(update), UpdateKind::kNoInterruption);
  ASSERT_OK(provider.Update(update).status());
  mapping = Call("lambda", "GetEventSourceMapping", {{"UUID", outcome.physical_id}});
  EXPECT_EQ(mapping["BatchSize"], 7);
  ResourceRequest moved = update;
  moved.previous_properties = update.properties;
  moved.properties["EventSourceArn"] = arn + "-other";
  EXPECT_EQ(provider.KindOfUpdate(moved), UpdateKind::kReplacement);

  ASSERT_OK(provider.Delete(update));
  EXPECT_FALSE(TryCall("lambda", "GetEventSourceMapping", {{"UUID", outcome.physical_id}}).ok());
  EXPECT_OK(provider.Delete(update));
}

TEST_F(LambdaFunctionProviderTest, PermissionAddsAStatementToTheFunctionsPolicy) {
  Json function = InlineNode("exports.handler = async () => 1;");
  function["FunctionName"] = "guarded";
  ASSERT_OK(Provider("AWS::Lambda::Function")
                .Create(Request("AWS::Lambda::Function", "F", function))
                .status());
  ResourceProvider& provider = Provider("AWS::Lambda::Permission");
  ResourceRequest request =
      Request("AWS::Lambda::Permission", "InvokeFromS3",
              {{"FunctionName", "arn:aws:lambda:us-east-1:000000000000:function:guarded"},
               {"Action", "lambda:InvokeFunction"},
               {"Principal", "s3.amazonaws.com"},
               {"SourceArn", "arn:aws:s3:::uploads"}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));
  EXPECT_TRUE(outcome.physical_id.starts_with("teststack-InvokeFromS3-")) << outcome.physical_id;
  ASSERT_OK_AND_ASSIGN(
      Json policy,
      ParseJson(
          Call("lambda", "GetPolicy", {{"FunctionName", "guarded"}})["Policy"].get<std::string>()));
  ASSERT_EQ(policy["Statement"].size(), 1u) << policy.dump();
  const Json& statement = policy["Statement"][0];
  EXPECT_EQ(statement["Sid"], outcome.physical_id);
  EXPECT_EQ(statement["Principal"]["Service"], "s3.amazonaws.com");
  EXPECT_EQ(statement["Resource"], "arn:aws:lambda:us-east-1:000000000000:function:guarded");
  EXPECT_EQ(statement["Condition"]["ArnLike"]["AWS:SourceArn"], "arn:aws:s3:::uploads");
  EXPECT_EQ(provider.KindOfUpdate(request), UpdateKind::kReplacement);

  request.physical_id = outcome.physical_id;
  ASSERT_OK(provider.Delete(request));
  EXPECT_FALSE(TryCall("lambda", "GetPolicy", {{"FunctionName", "guarded"}}).ok());
  EXPECT_OK(provider.Delete(request));

  Result<ResourceOutcome> missing = provider.Create(Request(
      "AWS::Lambda::Permission", "P",
      {{"FunctionName", "absent"}, {"Action", "lambda:InvokeFunction"}, {"Principal", "*"}}));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("AddPermission"), std::string::npos);
}

}  // namespace
}  // namespace stratus::cloudformation
