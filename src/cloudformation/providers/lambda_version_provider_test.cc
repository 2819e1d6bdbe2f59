#include <gtest/gtest.h>

#include "base/digest.h"
#include "cloudformation/providers/inline_zip.h"
#include "cloudformation/providers/provider_test_fixture.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

constexpr const char* kRole = "arn:aws:iam::000000000000:role/lambda-role";
constexpr const char* kFunctionArn = "arn:aws:lambda:us-east-1:000000000000:function:greeter";

// AWS::Lambda::Version and AWS::Lambda::Alias against the real Lambda service.
class LambdaVersionProviderTest : public ProviderTest {
 protected:
  void SetUp() override {
    ProviderTest::SetUp();
    Deploy("exports.handler = async () => 'one';");
  }

  void Deploy(const std::string& body) {
    if (!TryCall("lambda", "GetFunction", {{"FunctionName", "greeter"}}).ok()) {
      Call("lambda", "CreateFunction",
           {{"FunctionName", "greeter"},
            {"Runtime", "nodejs20.x"},
            {"Handler", "index.handler"},
            {"Role", kRole},
            {"Code", {{"ZipFile", Base64Encode(Zip(body))}}}});
      return;
    }
    Call("lambda", "UpdateFunctionCode",
         {{"FunctionName", "greeter"}, {"ZipFile", Base64Encode(Zip(body))}});
  }

  static std::string Zip(const std::string& body) { return ZipSingleFile("index.js", body); }

  std::string InvokedVersion(const std::string& function) {
    const Json output = Call("lambda", "Invoke", {{"FunctionName", function}});
    return output.value("ExecutedVersion", "");
  }
};

TEST_F(LambdaVersionProviderTest, VersionRefIsItsArnAndItIsReplacedAndDeleted) {
  ResourceProvider& provider = Provider("AWS::Lambda::Version");
  ResourceRequest request =
      Request("AWS::Lambda::Version", "V", {{"FunctionName", "greeter"}, {"Description", "one"}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome first, provider.Create(request));
  EXPECT_EQ(first.physical_id, std::string(kFunctionArn) + ":1");
  EXPECT_EQ(first.attributes["Version"], "1");
  EXPECT_EQ(first.attributes["FunctionArn"], kFunctionArn);
  EXPECT_EQ(Call("lambda", "GetFunctionConfiguration",
                 {{"FunctionName", "greeter"}, {"Qualifier", "1"}})["Description"],
            "one");

  ResourceRequest update = request;
  update.physical_id = first.physical_id;
  update.previous_properties = request.properties;
  update.properties["Description"] = "two";
  EXPECT_EQ(provider.KindOfUpdate(update), UpdateKind::kReplacement);
  Deploy("exports.handler = async () => 'two';");
  ASSERT_OK_AND_ASSIGN(ResourceOutcome second, provider.Create(update));
  EXPECT_EQ(second.attributes["Version"], "2");

  ASSERT_OK(provider.Delete(update));
  EXPECT_FALSE(
      TryCall("lambda", "GetFunction", {{"FunctionName", "greeter"}, {"Qualifier", "1"}}).ok());
  EXPECT_OK(provider.Delete(update));  // Already gone is success.
  EXPECT_EQ(InvokedVersion(second.physical_id), "2");
}

TEST_F(LambdaVersionProviderTest, AliasPointsAtAVersionAndUpdatesInPlace) {
  ResourceProvider& versions = Provider("AWS::Lambda::Version");
  ASSERT_OK_AND_ASSIGN(
      ResourceOutcome one,
      versions.Create(Request("AWS::Lambda::Version", "V1", {{"FunctionName", "greeter"}})));
  Deploy("exports.handler = async () => 'two';");
  ASSERT_OK_AND_ASSIGN(
      ResourceOutcome two,
      versions.Create(Request("AWS::Lambda::Version", "V2", {{"FunctionName", "greeter"}})));

  ResourceProvider& provider = Provider("AWS::Lambda::Alias");
  ResourceRequest request = Request(
      "AWS::Lambda::Alias", "Live",
      {{"FunctionName", kFunctionArn},
       {"Name", "live"},
       {"FunctionVersion", "1"},
       {"RoutingConfig",
        {{"AdditionalVersionWeights", {{{"FunctionVersion", "2"}, {"FunctionWeight", "0.5"}}}}}}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome created, provider.Create(request));
  EXPECT_EQ(created.physical_id, std::string(kFunctionArn) + ":live");
  Json alias = Call("lambda", "GetAlias", {{"FunctionName", "greeter"}, {"Name", "live"}});
  EXPECT_EQ(alias["RoutingConfig"]["AdditionalVersionWeights"]["2"], 0.5);

  // The versions an alias routes to cannot be deleted under it.
  ResourceRequest delete_one = Request("AWS::Lambda::Version", "V1");
  delete_one.physical_id = one.physical_id;
  EXPECT_FALSE(versions.Delete(delete_one).ok());

  ResourceRequest update = request;
  update.physical_id = created.physical_id;
  update.previous_properties = request.properties;
  update.properties["FunctionVersion"] = "2";
  update.properties.erase("RoutingConfig");
  EXPECT_EQ(provider.KindOfUpdate(update), UpdateKind::kNoInterruption);
  ASSERT_OK_AND_ASSIGN(ResourceOutcome updated, provider.Update(update));
  EXPECT_EQ(updated.physical_id, created.physical_id);
  EXPECT_EQ(InvokedVersion(created.physical_id), "2");
  alias = Call("lambda", "GetAlias", {{"FunctionName", "greeter"}, {"Name", "live"}});
  EXPECT_FALSE(alias.contains("RoutingConfig"));

  ResourceRequest rename = update;
  rename.previous_properties = update.properties;
  rename.properties["Name"] = "other";
  EXPECT_EQ(provider.KindOfUpdate(rename), UpdateKind::kReplacement);

  ASSERT_OK(provider.Delete(update));
  EXPECT_FALSE(TryCall("lambda", "GetAlias", {{"FunctionName", "greeter"}, {"Name", "live"}}).ok());
  EXPECT_OK(versions.Delete(delete_one));
  EXPECT_EQ(InvokedVersion(two.physical_id), "2");
}

}  // namespace
}  // namespace stratus::cloudformation
