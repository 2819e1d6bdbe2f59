// Places where Step Functions once answered differently from AWS.
// Each test names the wire test in test/wire that pins the same behaviour
// against a real endpoint.

#include <future>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "states/api/states_service_test_fixture.h"
#include "testing/status_matchers.h"

namespace stratus::states::api {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::string_view kRole = "arn:aws:iam::000000000000:role/r";
constexpr std::string_view kHello =
    R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"x": 1}, "End": true}}})";
constexpr std::string_view kLongWait =
    R"({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}})";

class AwsAnswersTest : public StatesServiceFixture {
 protected:
  AwsAnswersTest() : StatesServiceFixture(14) {}

  /// Calls `operation` as a client signing for `region` would.
  Result<Json> CallIn(std::string_view region, std::string_view operation, Json input) {
    std::promise<Result<Json>> promise;
    aws::RequestContext context{.request_id = "r",
                                .region = std::string(region),
                                .service = "states",
                                .operation = std::string(operation),
                                .host = "localhost:4566"};
    table_->Invoke(context, "states", operation, std::move(input),
                   [&promise](Result<Json> result) { promise.set_value(std::move(result)); });
    return promise.get_future().get();
  }

  std::string CreateMachine(std::string_view name, std::string_view definition = kHello) {
    Result<Json> created = Call("CreateStateMachine",
                                {{"name", name}, {"definition", definition}, {"roleArn", kRole}});
    STRATUS_CHECK(created.ok(), "create failed: {}", created.status().ToString());
    return (*created)["stateMachineArn"];
  }

  std::string Publish(const std::string& machine_arn) {
    Result<Json> published = Call("PublishStateMachineVersion", {{"stateMachineArn", machine_arn}});
    STRATUS_CHECK(published.ok(), "publish failed: {}", published.status().ToString());
    return (*published)["stateMachineVersionArn"];
  }
};

// AWS: pinned by
// test/wire/test_arn_partitions.py::test_step_functions_arns_use_the_regions_partition.
TEST_F(AwsAnswersTest, ArnsUseTheRegionsPartition) {
  ASSERT_OK_AND_ASSIGN(Json created, CallIn("cn-north-1", "CreateStateMachine",
                                            {{"name", "m"},
                                             {"definition", kHello},
                                             {"roleArn", "arn:aws-cn:iam::000000000000:role/r"},
                                             {"publish", true}}));
  const std::string machine = created["stateMachineArn"];
  EXPECT_EQ(machine, "arn:aws-cn:states:cn-north-1:000000000000:stateMachine:m");
  EXPECT_EQ(created["stateMachineVersionArn"], machine + ":1");
  ASSERT_OK_AND_ASSIGN(
      Json alias,
      CallIn("cn-north-1", "CreateStateMachineAlias",
             {{"name", "live"},
              {"routingConfiguration",
               Json::array({{{"stateMachineVersionArn", machine + ":1"}, {"weight", 100}}})}}));
  EXPECT_EQ(alias["stateMachineAliasArn"], machine + ":live");
  ASSERT_OK_AND_ASSIGN(Json started, CallIn("cn-north-1", "StartExecution",
                                            {{"stateMachineArn", machine}, {"name", "e"}}));
  EXPECT_EQ(started["executionArn"], "arn:aws-cn:states:cn-north-1:000000000000:execution:m:e");
  EXPECT_EQ(WaitForEnd(started["executionArn"])["stateMachineArn"], machine);
  ASSERT_OK_AND_ASSIGN(Json listed, CallIn("cn-north-1", "ListStateMachines", Json::object()));
  ASSERT_EQ(listed["stateMachines"].size(), 1U);
  EXPECT_EQ(listed["stateMachines"][0]["stateMachineArn"], machine);
  ASSERT_OK_AND_ASSIGN(Json none, CallIn("us-east-1", "ListStateMachines", Json::object()));
  EXPECT_TRUE(none["stateMachines"].empty());

  for (const auto& [region, partition] :
       {std::pair{"us-gov-west-1", "aws-us-gov"}, std::pair{"us-iso-east-1", "aws-iso"},
        std::pair{"us-isob-east-1", "aws-iso-b"}}) {
    ASSERT_OK_AND_ASSIGN(Json activity, CallIn(region, "CreateActivity", {{"name", "a"}}));
    EXPECT_EQ(activity["activityArn"],
              std::string("arn:") + partition + ":states:" + region + ":000000000000:activity:a");
    ASSERT_OK(CallIn(region, "DescribeActivity", {{"activityArn", activity["activityArn"]}}));
  }
  EXPECT_EQ(Call("DescribeStateMachine",
                 {{"stateMachineArn", "arn:mars:states:cn-north-1:000000000000:stateMachine:m"}})
                .status()
                .aws_type(),
            "InvalidArn");
}

// AWS: pinned by test/wire/test_stepfunctions.py::test_invalid_role_arn_is_invalid_arn.
TEST_F(AwsAnswersTest, RoleArnMustBeAnIamRoleOfATwelveDigitAccount) {
  for (const char* role :
       {"not-an-arn", "arn:aws:iam::123:role/r", "arn:aws:iam::aws:role/r",
        "arn:aws:iam::000000000000:user/u", "arn:aws:iam::aws:policy/AWSBatchFullAccess"}) {
    Status status =
        Call("CreateStateMachine", {{"name", "m"}, {"definition", kHello}, {"roleArn", role}})
            .status();
    EXPECT_EQ(status.aws_type(), "InvalidArn") << role;
    EXPECT_EQ(status.message(), std::string("Invalid Role Arn: '") + role + "'");
  }
  const std::string machine = CreateMachine("m");
  Status update = Call("UpdateStateMachine",
                       {{"stateMachineArn", machine}, {"roleArn", "arn:aws:iam::1:role/r"}})
                      .status();
  EXPECT_EQ(update.message(), "Invalid Role Arn: 'arn:aws:iam::1:role/r'");
  ASSERT_OK(Call("UpdateStateMachine", {{"stateMachineArn", machine},
                                        {"roleArn", "arn:aws-us-gov:iam::123456789012:role/x"}}));
}

// AWS: pinned by
// test/wire/test_stepfunctions.py::test_alias_routing_to_two_state_machines_is_validation_error.
TEST_F(AwsAnswersTest, AliasRoutingToVersionsOfTwoMachinesIsValidationError) {
  const std::string first = Publish(CreateMachine("first"));
  const std::string second = Publish(CreateMachine("second"));
  Json routing = Json::array({{{"stateMachineVersionArn", first}, {"weight", 50}},
                              {{"stateMachineVersionArn", second}, {"weight", 50}}});
  Status created =
      Call("CreateStateMachineAlias", {{"name", "split"}, {"routingConfiguration", routing}})
          .status();
  EXPECT_EQ(created.aws_type(), "ValidationException");
  EXPECT_THAT(created.message(), HasSubstr("same state machine"));
  ASSERT_OK(Call("CreateStateMachineAlias",
                 {{"name", "live"},
                  {"routingConfiguration",
                   Json::array({{{"stateMachineVersionArn", first}, {"weight", 100}}})}}));
  EXPECT_EQ(Call("UpdateStateMachineAlias",
                 {{"stateMachineAliasArn", first.substr(0, first.rfind(':')) + ":live"},
                  {"routingConfiguration", routing}})
                .status()
                .aws_type(),
            "ValidationException");
}

// AWS: pinned by
// test/wire/test_stepfunctions_service.py::test_describe_shows_the_aws_owned_key_by_default.
TEST_F(AwsAnswersTest, DescribeShowsTheEncryptionConfigurationAndTheAwsOwnedKeyByDefault) {
  const Json aws_owned = {{"type", "AWS_OWNED_KEY"}};
  const std::string machine = CreateMachine("m");
  EXPECT_EQ(
      Call("DescribeStateMachine", {{"stateMachineArn", machine}})->at("encryptionConfiguration"),
      aws_owned);
  ASSERT_OK_AND_ASSIGN(Json started, Call("StartExecution", {{"stateMachineArn", machine}}));
  WaitForEnd(started["executionArn"]);
  EXPECT_EQ(Call("DescribeStateMachineForExecution", {{"executionArn", started["executionArn"]}})
                ->at("encryptionConfiguration"),
            aws_owned);

  const Json customer = {{"type", "CUSTOMER_MANAGED_KMS_KEY"},
                         {"kmsKeyId", "alias/mine"},
                         {"kmsDataKeyReusePeriodSeconds", 300}};
  ASSERT_OK(Call("UpdateStateMachine",
                 {{"stateMachineArn", machine}, {"encryptionConfiguration", customer}}));
  const std::string version = Publish(machine);
  EXPECT_EQ(
      Call("DescribeStateMachine", {{"stateMachineArn", machine}})->at("encryptionConfiguration"),
      customer);
  EXPECT_EQ(
      Call("DescribeStateMachine", {{"stateMachineArn", version}})->at("encryptionConfiguration"),
      customer);
  Restart();
  EXPECT_EQ(
      Call("DescribeStateMachine", {{"stateMachineArn", machine}})->at("encryptionConfiguration"),
      customer);

  ASSERT_OK_AND_ASSIGN(Json activity, Call("CreateActivity", {{"name", "a"}}));
  EXPECT_EQ(Call("DescribeActivity", {{"activityArn", activity["activityArn"]}})
                ->at("encryptionConfiguration"),
            aws_owned);
}

// AWS: pinned by
// test/wire/test_stepfunctions_service.py::test_customer_managed_key_needs_a_kms_key_id.
TEST_F(AwsAnswersTest, CustomerManagedKeyWithoutKmsKeyIdIsInvalidEncryptionConfiguration) {
  const Json no_key = {{"type", "CUSTOMER_MANAGED_KMS_KEY"}};
  EXPECT_EQ(Call("CreateActivity", {{"name", "a"}, {"encryptionConfiguration", no_key}})
                .status()
                .aws_type(),
            "InvalidEncryptionConfiguration");
  EXPECT_EQ(Call("CreateStateMachine", {{"name", "m"},
                                        {"definition", kHello},
                                        {"roleArn", kRole},
                                        {"encryptionConfiguration", no_key}})
                .status()
                .aws_type(),
            "InvalidEncryptionConfiguration");
  const std::string machine = CreateMachine("m");
  EXPECT_EQ(Call("UpdateStateMachine",
                 {{"stateMachineArn", machine}, {"encryptionConfiguration", no_key}})
                .status()
                .aws_type(),
            "InvalidEncryptionConfiguration");
}

// AWS: pinned by
// test/wire/test_stepfunctions_service.py::test_page_tokens_are_bound_to_their_filters.
TEST_F(AwsAnswersTest, PageTokenReusedWithOtherFiltersIsInvalidToken) {
  const std::string machine = CreateMachine("m", kLongWait);
  const std::string other = CreateMachine("other", kLongWait);
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK(Call("StartExecution", {{"stateMachineArn", machine}}));
    const std::string definition =
        R"({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": )" +
        std::to_string(3600 + i) + R"(, "End": true}}})";
    ASSERT_OK(Call("UpdateStateMachine",
                   {{"stateMachineArn", machine}, {"definition", definition}, {"publish", true}}));
  }
  ASSERT_OK(Call("StartExecution", {{"stateMachineArn", other}}));
  ASSERT_OK_AND_ASSIGN(Json page,
                       Call("ListExecutions", {{"stateMachineArn", machine}, {"maxResults", 1}}));
  const Json token = page["nextToken"];
  ASSERT_OK(Call("ListExecutions", {{"stateMachineArn", machine}, {"nextToken", token}}));
  for (const Json& changed :
       {Json{{"stateMachineArn", machine}, {"statusFilter", "ABORTED"}, {"nextToken", token}},
        Json{{"stateMachineArn", other}, {"nextToken", token}}}) {
    Status status = Call("ListExecutions", changed).status();
    EXPECT_EQ(status.aws_type(), "InvalidToken");
    EXPECT_THAT(status.message(), HasSubstr("Input inconsistent with page token"));
  }
  ASSERT_OK_AND_ASSIGN(Json versions, Call("ListStateMachineVersions",
                                           {{"stateMachineArn", machine}, {"maxResults", 1}}));
  EXPECT_EQ(Call("ListStateMachineVersions",
                 {{"stateMachineArn", other}, {"nextToken", versions["nextToken"]}})
                .status()
                .aws_type(),
            "InvalidToken");
  ASSERT_OK_AND_ASSIGN(Json hello,
                       Call("StartExecution", {{"stateMachineArn", CreateMachine("hello")}}));
  const std::string execution = hello["executionArn"];
  WaitForEnd(execution);
  ASSERT_OK_AND_ASSIGN(
      Json history, Call("GetExecutionHistory", {{"executionArn", execution}, {"maxResults", 1}}));
  EXPECT_THAT(Call("GetExecutionHistory", {{"executionArn", execution},
                                           {"reverseOrder", true},
                                           {"nextToken", history["nextToken"]}})
                  .status()
                  .message(),
              StartsWith("Invalid Token: 'Input inconsistent"));
}

}  // namespace
}  // namespace stratus::states::api
