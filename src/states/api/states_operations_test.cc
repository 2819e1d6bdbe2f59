// The Step Functions handlers through the operation table, in process: one
// or more tests per operation. The wire behaviour (codecs, boto3) is covered
// by test/wire/test_stepfunctions.py.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "states/api/states_service_test_fixture.h"
#include "testing/status_matchers.h"

namespace stratus::states::api {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kRole = "arn:aws:iam::000000000000:role/r";
constexpr std::string_view kHello =
    R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"x": 1}, "End": true}}})";
constexpr std::string_view kLongWait =
    R"({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}})";

class StatesOperationsTest : public StatesServiceFixture {
 protected:
  StatesOperationsTest() : StatesServiceFixture(3) {}

  std::string CreateMachine(std::string_view name,
                            std::string_view definition,
                            std::string_view type = "STANDARD") {
    Result<Json> created =
        Call("CreateStateMachine",
             {{"name", name}, {"definition", definition}, {"roleArn", kRole}, {"type", type}});
    STRATUS_CHECK(created.ok(), "create failed: {}", created.status().ToString());
    return (*created)["stateMachineArn"];
  }
};

TEST_F(StatesOperationsTest, RegistersEveryOperationUnderStates) {
  // Every operation of the botocore model (stepfunctions 2016-11-23).
  EXPECT_EQ(table_->NumOperations("states"), 37U);
}

TEST_F(StatesOperationsTest, CreateStateMachineValidatesNameRoleTypeAndDefinition) {
  Json base = {{"name", "ok"}, {"definition", kHello}, {"roleArn", kRole}};
  Json bad_name = base;
  bad_name["name"] = "bad name";
  EXPECT_EQ(Call("CreateStateMachine", bad_name).status().aws_type(), "InvalidName");
  Json bad_role = base;
  bad_role["roleArn"] = "nope";
  EXPECT_EQ(Call("CreateStateMachine", bad_role).status().aws_type(), "InvalidArn");
  Json bad_type = base;
  bad_type["type"] = "FAST";
  EXPECT_EQ(Call("CreateStateMachine", bad_type).status().aws_type(), "ValidationException");
  Json bad_definition = base;
  bad_definition["definition"] = R"({"StartAt": "A"})";
  Result<Json> invalid = Call("CreateStateMachine", bad_definition);
  EXPECT_EQ(invalid.status().aws_type(), "InvalidDefinition");
  EXPECT_EQ(invalid.status().message(),
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are "
            "required: [States] at /'");
  ASSERT_OK_AND_ASSIGN(Json created, Call("CreateStateMachine", base));
  EXPECT_EQ(created["stateMachineArn"], "arn:aws:states:us-east-1:000000000000:stateMachine:ok");
  EXPECT_TRUE(created["creationDate"].is_number());
}

TEST_F(StatesOperationsTest, DescribeUpdateAndDeleteStateMachine) {
  const std::string arn = CreateMachine("m", kHello);
  ASSERT_OK_AND_ASSIGN(Json described, Call("DescribeStateMachine", {{"stateMachineArn", arn}}));
  EXPECT_EQ(described["definition"], kHello);
  EXPECT_EQ(described["status"], "ACTIVE");
  EXPECT_FALSE(described.contains("revisionId"));
  ASSERT_OK_AND_ASSIGN(
      Json metadata,
      Call("DescribeStateMachine", {{"stateMachineArn", arn}, {"includedData", "METADATA_ONLY"}}));
  EXPECT_EQ(metadata["definition"], "{}");  // AWS: DescribeStateMachineOutput docs.
  EXPECT_EQ(Call("UpdateStateMachine", {{"stateMachineArn", arn}}).status().aws_type(),
            "MissingRequiredParameter");
  ASSERT_OK_AND_ASSIGN(Json updated, Call("UpdateStateMachine",
                                          {{"stateMachineArn", arn}, {"definition", kLongWait}}));
  ASSERT_OK_AND_ASSIGN(described, Call("DescribeStateMachine", {{"stateMachineArn", arn}}));
  EXPECT_EQ(described["revisionId"], updated["revisionId"]);
  ASSERT_OK(Call("DeleteStateMachine", {{"stateMachineArn", arn}}));
  EXPECT_EQ(Call("DescribeStateMachine", {{"stateMachineArn", arn}}).status().aws_type(),
            "StateMachineDoesNotExist");
  ASSERT_OK(Call("DeleteStateMachine", {{"stateMachineArn", arn}}));
}

TEST_F(StatesOperationsTest, ListStateMachinesPages) {
  for (int i = 0; i < 5; ++i) {
    CreateMachine("m" + std::to_string(i), kHello);
  }
  ASSERT_OK_AND_ASSIGN(Json first, Call("ListStateMachines", {{"maxResults", 3}}));
  EXPECT_EQ(first["stateMachines"].size(), 3U);
  ASSERT_TRUE(first.contains("nextToken"));
  ASSERT_OK_AND_ASSIGN(Json second, Call("ListStateMachines",
                                         {{"maxResults", 3}, {"nextToken", first["nextToken"]}}));
  EXPECT_EQ(second["stateMachines"].size(), 2U);
  EXPECT_FALSE(second.contains("nextToken"));
  EXPECT_EQ(second["stateMachines"][1]["name"], "m4");
  EXPECT_EQ(Call("ListStateMachines", {{"nextToken", "bogus"}}).status().aws_type(),
            "InvalidToken");
}

TEST_F(StatesOperationsTest, ValidateStateMachineDefinitionReturnsDiagnostics) {
  ASSERT_OK_AND_ASSIGN(Json ok, Call("ValidateStateMachineDefinition", {{"definition", kHello}}));
  EXPECT_EQ(ok["result"], "OK");
  ASSERT_OK_AND_ASSIGN(
      Json bad, Call("ValidateStateMachineDefinition",
                     {{"definition", R"({"StartAt": "A", "States": {"A": {"Type": "Pass"}}})"}}));
  EXPECT_EQ(bad["result"], "FAIL");
  ASSERT_FALSE(bad["diagnostics"].empty());
  EXPECT_EQ(bad["diagnostics"][0]["severity"], "ERROR");
}

TEST_F(StatesOperationsTest, VersionsAndAliases) {
  const std::string arn = CreateMachine("m", kHello);
  ASSERT_OK_AND_ASSIGN(Json published, Call("PublishStateMachineVersion",
                                            {{"stateMachineArn", arn}, {"description", "v1"}}));
  const std::string version = published["stateMachineVersionArn"];
  EXPECT_EQ(version, arn + ":1");
  ASSERT_OK_AND_ASSIGN(Json versions, Call("ListStateMachineVersions", {{"stateMachineArn", arn}}));
  EXPECT_EQ(versions["stateMachineVersions"].size(), 1U);
  Json routing = Json::array({{{"stateMachineVersionArn", version}, {"weight", 100}}});
  ASSERT_OK_AND_ASSIGN(Json alias, Call("CreateStateMachineAlias",
                                        {{"name", "live"}, {"routingConfiguration", routing}}));
  EXPECT_EQ(alias["stateMachineAliasArn"], arn + ":live");
  Json bad_weights = Json::array({{{"stateMachineVersionArn", version}, {"weight", 70}}});
  Result<Json> bad =
      Call("CreateStateMachineAlias", {{"name", "other"}, {"routingConfiguration", bad_weights}});
  EXPECT_EQ(bad.status().message(),
            "Sum of routing configuration weights must equal 100. "
            "Received: [70]");
  ASSERT_OK_AND_ASSIGN(
      Json described, Call("DescribeStateMachineAlias", {{"stateMachineAliasArn", arn + ":live"}}));
  EXPECT_EQ(described["routingConfiguration"], routing);
  ASSERT_OK(Call("UpdateStateMachineAlias",
                 {{"stateMachineAliasArn", arn + ":live"}, {"description", "now"}}));
  ASSERT_OK_AND_ASSIGN(Json aliases, Call("ListStateMachineAliases", {{"stateMachineArn", arn}}));
  EXPECT_EQ(aliases["stateMachineAliases"].size(), 1U);
  EXPECT_EQ(
      Call("DeleteStateMachineVersion", {{"stateMachineVersionArn", version}}).status().aws_type(),
      "ConflictException");
  ASSERT_OK(Call("DeleteStateMachineAlias", {{"stateMachineAliasArn", arn + ":live"}}));
  ASSERT_OK(Call("DeleteStateMachineVersion", {{"stateMachineVersionArn", version}}));
}

TEST_F(StatesOperationsTest, TagResourceUntagResourceAndListTags) {
  const std::string arn = CreateMachine("m", kHello);
  ASSERT_OK(Call("TagResource",
                 {{"resourceArn", arn}, {"tags", Json::array({{{"key", "k"}, {"value", "v"}}})}}));
  ASSERT_OK_AND_ASSIGN(Json listed, Call("ListTagsForResource", {{"resourceArn", arn}}));
  EXPECT_EQ(listed["tags"], Json::array({{{"key", "k"}, {"value", "v"}}}));
  ASSERT_OK(Call("UntagResource", {{"resourceArn", arn}, {"tagKeys", {"k"}}}));
  ASSERT_OK_AND_ASSIGN(listed, Call("ListTagsForResource", {{"resourceArn", arn}}));
  EXPECT_TRUE(listed["tags"].empty());
}

TEST_F(StatesOperationsTest, StartDescribeListAndHistoryOfAStandardExecution) {
  const std::string arn = CreateMachine("m", kHello);
  ASSERT_OK_AND_ASSIGN(
      Json started,
      Call("StartExecution", {{"stateMachineArn", arn}, {"name", "e1"}, {"input", R"({"in":1})"}}));
  const std::string execution = started["executionArn"];
  EXPECT_EQ(execution, "arn:aws:states:us-east-1:000000000000:execution:m:e1");
  Json described = WaitForEnd(execution);
  EXPECT_EQ(described["status"], "SUCCEEDED");
  EXPECT_EQ(described["output"], R"({"x":1})");
  ASSERT_OK_AND_ASSIGN(Json listed, Call("ListExecutions", {{"stateMachineArn", arn},
                                                            {"statusFilter", "SUCCEEDED"}}));
  EXPECT_EQ(listed["executions"].size(), 1U);
  ASSERT_OK_AND_ASSIGN(
      Json history, Call("GetExecutionHistory",
                         {{"executionArn", execution}, {"reverseOrder", true}, {"maxResults", 2}}));
  EXPECT_EQ(history["events"][0]["type"], "ExecutionSucceeded");
  EXPECT_TRUE(history.contains("nextToken"));
  ASSERT_OK_AND_ASSIGN(Json machine,
                       Call("DescribeStateMachineForExecution", {{"executionArn", execution}}));
  EXPECT_EQ(machine["definition"], kHello);
  EXPECT_EQ(
      Call("StartExecution", {{"stateMachineArn", arn}, {"input", "nope"}}).status().aws_type(),
      "InvalidExecutionInput");
  EXPECT_EQ(Call("StartExecution", {{"stateMachineArn", arn}, {"name", "e1"}}).status().aws_type(),
            "ExecutionAlreadyExists");
  EXPECT_EQ(Call("ListMapRuns", {{"executionArn", execution}})->at("mapRuns").size(), 0U);
}

TEST_F(StatesOperationsTest, StopExecutionAbortsAndRedriveRestartsIt) {
  const std::string arn = CreateMachine("m", kLongWait);
  ASSERT_OK_AND_ASSIGN(Json started, Call("StartExecution", {{"stateMachineArn", arn}}));
  const std::string execution = started["executionArn"];
  ASSERT_OK_AND_ASSIGN(
      Json stopped,
      Call("StopExecution", {{"executionArn", execution}, {"error", "E"}, {"cause", "C"}}));
  EXPECT_TRUE(stopped["stopDate"].is_number());
  Json described = WaitForEnd(execution);
  EXPECT_EQ(described["status"], "ABORTED");
  EXPECT_EQ(described["redriveStatus"], "REDRIVABLE");
  ASSERT_OK(Call("RedriveExecution", {{"executionArn", execution}}));
  ASSERT_OK_AND_ASSIGN(described, Call("DescribeExecution", {{"executionArn", execution}}));
  EXPECT_EQ(described["status"], "RUNNING");
  EXPECT_EQ(described["redriveCount"], 1);
  EXPECT_EQ(Call("RedriveExecution", {{"executionArn", execution}}).status().aws_type(),
            "ExecutionNotRedrivable");
}

TEST_F(StatesOperationsTest, ListExecutionsFiltersByRedriveCount) {
  const std::string arn = CreateMachine("m", kLongWait);
  std::vector<std::string> executions;
  for (const char* name : {"e1", "e2"}) {
    ASSERT_OK_AND_ASSIGN(Json started,
                         Call("StartExecution", {{"stateMachineArn", arn}, {"name", name}}));
    executions.push_back(started["executionArn"]);
    ASSERT_OK(Call("StopExecution", {{"executionArn", executions.back()}}));
    EXPECT_EQ(WaitForEnd(executions.back())["status"], "ABORTED");
  }
  ASSERT_OK(Call("RedriveExecution", {{"executionArn", executions[0]}}));
  ASSERT_OK_AND_ASSIGN(Json redriven, Call("ListExecutions", {{"stateMachineArn", arn},
                                                              {"redriveFilter", "REDRIVEN"}}));
  ASSERT_EQ(redriven["executions"].size(), 1U);
  EXPECT_EQ(redriven["executions"][0]["executionArn"], executions[0]);
  ASSERT_OK_AND_ASSIGN(
      Json not_redriven,
      Call("ListExecutions", {{"stateMachineArn", arn}, {"redriveFilter", "NOT_REDRIVEN"}}));
  ASSERT_EQ(not_redriven["executions"].size(), 1U);
  EXPECT_EQ(not_redriven["executions"][0]["executionArn"], executions[1]);
  Status bogus =
      Call("ListExecutions", {{"stateMachineArn", arn}, {"redriveFilter", "BOGUS"}}).status();
  EXPECT_EQ(bogus.aws_type(), "ValidationException");
  EXPECT_EQ(bogus.message(),
            "1 validation error detected: Value 'BOGUS' at 'redriveFilter' failed to satisfy "
            "constraint: Member must satisfy enum value set: [REDRIVEN, NOT_REDRIVEN]");
}

TEST_F(StatesOperationsTest, MetadataOnlyLeavesOutExecutionDataAndTheDefinition) {
  constexpr std::string_view kVariables = R"({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "Assign": {"n": 1}, "Next": "B"},
      "B": {"Type": "Pass", "Parameters": {"n.$": "$n"}, "End": true}}})";
  const std::string arn = CreateMachine("v", kVariables);
  ASSERT_OK_AND_ASSIGN(Json full, Call("DescribeStateMachine", {{"stateMachineArn", arn}}));
  EXPECT_EQ(full["variableReferences"], (Json{{"B", {"n"}}}));
  ASSERT_OK_AND_ASSIGN(
      Json metadata,
      Call("DescribeStateMachine", {{"stateMachineArn", arn}, {"includedData", "METADATA_ONLY"}}));
  EXPECT_EQ(metadata["definition"], "{}");
  EXPECT_FALSE(metadata.contains("variableReferences"));
  ASSERT_OK_AND_ASSIGN(Json started,
                       Call("StartExecution", {{"stateMachineArn", arn}, {"input", R"({"a":1})"}}));
  const std::string execution = started["executionArn"];
  EXPECT_EQ(WaitForEnd(execution)["status"], "SUCCEEDED");
  ASSERT_OK_AND_ASSIGN(
      Json described,
      Call("DescribeExecution", {{"executionArn", execution}, {"includedData", "METADATA_ONLY"}}));
  EXPECT_EQ(described["status"], "SUCCEEDED");
  for (const char* member : {"input", "inputDetails", "output", "outputDetails"}) {
    EXPECT_FALSE(described.contains(member)) << member;
  }
  ASSERT_OK_AND_ASSIGN(Json machine,
                       Call("DescribeStateMachineForExecution", {{"executionArn", execution}}));
  EXPECT_EQ(machine["variableReferences"], (Json{{"B", {"n"}}}));
}

TEST_F(StatesOperationsTest, StartSyncExecutionRunsExpressMachinesOnly) {
  const std::string express = CreateMachine("x", kHello, "EXPRESS");
  ASSERT_OK_AND_ASSIGN(Json out,
                       Call("StartSyncExecution", {{"stateMachineArn", express}, {"input", "{}"}}));
  EXPECT_EQ(out["status"], "SUCCEEDED");
  EXPECT_EQ(out["output"], R"({"x":1})");
  EXPECT_THAT(out["executionArn"].get<std::string>(), HasSubstr(":express:x:"));
  const std::string standard = CreateMachine("s", kHello);
  EXPECT_EQ(Call("StartSyncExecution", {{"stateMachineArn", standard}}).status().aws_type(),
            "StateMachineTypeNotSupported");
  ASSERT_OK_AND_ASSIGN(Json async, Call("StartExecution", {{"stateMachineArn", express}}));
  EXPECT_EQ(Call("DescribeExecution", {{"executionArn", async["executionArn"]}}).status().message(),
            "Invalid Arn: 'Resource type not valid in this context: express'");
}

TEST_F(StatesOperationsTest, TaskForAServiceThatIsNotRegisteredFailsWithStatesTaskFailed) {
  const std::string arn = CreateMachine("t", R"({"StartAt": "T", "States": {"T": {"Type": "Task",
           "Resource": "arn:aws:states:::lambda:invoke",
           "Parameters": {"FunctionName": "f", "Payload": {}}, "End": true}}})");
  ASSERT_OK_AND_ASSIGN(Json started, Call("StartExecution", {{"stateMachineArn", arn}}));
  Json described = WaitForEnd(started["executionArn"]);
  EXPECT_EQ(described["status"], "FAILED");
  EXPECT_EQ(described["error"], "States.TaskFailed");
  EXPECT_THAT(described["cause"].get<std::string>(), HasSubstr("lambda"));
}

TEST_F(StatesOperationsTest, SendTaskOperationsRejectUnknownTokensAndBadOutput) {
  EXPECT_EQ(Call("SendTaskSuccess", {{"taskToken", "t"}, {"output", "{}"}}).status().aws_type(),
            "InvalidToken");
  EXPECT_EQ(Call("SendTaskSuccess", {{"taskToken", "t"}, {"output", "{"}}).status().aws_type(),
            "InvalidOutput");
  EXPECT_EQ(Call("SendTaskFailure", {{"taskToken", "t"}}).status().aws_type(), "InvalidToken");
  EXPECT_EQ(Call("SendTaskHeartbeat", {{"taskToken", "t"}}).status().aws_type(), "InvalidToken");
}

TEST_F(StatesOperationsTest, TestStateRunsOneStateAndReportsTheNextState) {
  ASSERT_OK_AND_ASSIGN(Json pass, Call("TestState", {{"definition", R"({"Type": "Pass",
      "Parameters": {"y.$": "$.x"}, "Next": "After"})"},
                                                     {"input", R"({"x": 2})"}}));
  EXPECT_EQ(pass["status"], "SUCCEEDED");
  EXPECT_EQ(pass["output"], R"({"y":2})");
  EXPECT_EQ(pass["nextState"], "After");
  ASSERT_OK_AND_ASSIGN(Json failed, Call("TestState", {{"definition", R"({"Type": "Fail",
      "Error": "E", "Cause": "C"})"}}));
  EXPECT_EQ(failed["status"], "FAILED");
  EXPECT_EQ(failed["error"], "E");
  EXPECT_EQ(Call("TestState", {{"definition", "[1]"}}).status().aws_type(), "InvalidDefinition");
}

}  // namespace
}  // namespace stratus::states::api
