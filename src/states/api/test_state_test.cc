// TestState through the operation table: inspection levels, variables,
// context, mocks, state configuration and the next state.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "states/api/states_service_test_fixture.h"
#include "testing/status_matchers.h"

namespace stratus::states::api {
namespace {

constexpr std::string_view kTask = R"json({"Type": "Task",
  "Resource": "arn:aws:states:::lambda:invoke",
  "InputPath": "$.in", "Parameters": {"FunctionName": "f", "Payload.$": "$.p"},
  "ResultSelector": {"r.$": "$.Payload"}, "ResultPath": "$.res", "OutputPath": "$.res",
  "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 2, "IntervalSeconds": 3}],
  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Handler"}],
  "Next": "After"})json";
constexpr std::string_view kTaskInput = R"({"in": {"p": {"a": 1}}})";

class TestStateTest : public StatesServiceFixture {
 protected:
  TestStateTest() : StatesServiceFixture(11) {}

  Result<Json> Test(Json input) { return Call("TestState", std::move(input)); }
};

TEST_F(TestStateTest, DebugShowsEveryProcessingStepOfAMockedTask) {
  ASSERT_OK_AND_ASSIGN(Json out, Test({{"definition", kTask},
                                       {"input", kTaskInput},
                                       {"inspectionLevel", "DEBUG"},
                                       {"mock", {{"result", R"({"Payload": {"x": 2}})"}}}}));
  EXPECT_EQ(out["status"], "SUCCEEDED");
  EXPECT_EQ(out["output"], R"({"r":{"x":2}})");
  EXPECT_EQ(out["nextState"], "After");
  const Json& inspection = out["inspectionData"];
  EXPECT_EQ(inspection["afterInputPath"], R"({"p":{"a":1}})");
  EXPECT_EQ(inspection["afterParameters"], R"({"FunctionName":"f","Payload":{"a":1}})");
  EXPECT_EQ(inspection["result"], R"({"Payload":{"x":2}})");
  EXPECT_EQ(inspection["afterResultSelector"], R"({"r":{"x":2}})");
  EXPECT_EQ(inspection["afterResultPath"], R"({"in":{"p":{"a":1}},"res":{"r":{"x":2}}})");
}

TEST_F(TestStateTest, InfoShowsNoInspectionData) {
  ASSERT_OK_AND_ASSIGN(Json out, Test({{"definition", kTask},
                                       {"input", kTaskInput},
                                       {"mock", {{"result", R"({"Payload": 1})"}}}}));
  EXPECT_EQ(out["status"], "SUCCEEDED");
  EXPECT_FALSE(out.contains("inspectionData"));
  EXPECT_EQ(Test({{"definition", kTask}, {"inspectionLevel", "LOUD"}}).status().aws_type(),
            "ValidationException");
}

TEST_F(TestStateTest, AMockedErrorIsRetriableWhileTheRetrierHasAttemptsThenCaught) {
  Json request = {{"definition", kTask},
                  {"input", kTaskInput},
                  {"inspectionLevel", "DEBUG"},
                  {"mock", {{"errorOutput", {{"error", "Boom"}, {"cause", "bad"}}}}}};
  ASSERT_OK_AND_ASSIGN(Json first, Test(request));
  EXPECT_EQ(first["status"], "RETRIABLE");
  EXPECT_EQ(first["error"], "Boom");
  EXPECT_EQ(first["inspectionData"]["errorDetails"],
            (Json{{"retryIndex", 0}, {"retryBackoffIntervalSeconds", 3}}));
  request["stateConfiguration"] = {{"retrierRetryCount", 1}};
  ASSERT_OK_AND_ASSIGN(Json second, Test(request));
  EXPECT_EQ(second["status"], "RETRIABLE");
  EXPECT_EQ(second["inspectionData"]["errorDetails"]["retryBackoffIntervalSeconds"], 6);
  request["stateConfiguration"] = {{"retrierRetryCount", 2}};
  ASSERT_OK_AND_ASSIGN(Json caught, Test(request));
  EXPECT_EQ(caught["status"], "CAUGHT_ERROR");
  EXPECT_EQ(caught["nextState"], "Handler");
  EXPECT_EQ(caught["output"], R"({"err":{"Cause":"bad","Error":"Boom"},"in":{"p":{"a":1}}})");
  EXPECT_EQ(caught["inspectionData"]["errorDetails"], (Json{{"catchIndex", 0}}));
}

TEST_F(TestStateTest, AnErrorNoHandlerMatchesFails) {
  ASSERT_OK_AND_ASSIGN(Json out,
                       Test({{"definition", R"({"Type": "Task", "Resource":
          "arn:aws:states:::lambda:invoke", "End": true})"},
                             {"mock", {{"errorOutput", {{"error", "E"}, {"cause", "C"}}}}}}));
  EXPECT_EQ(out["status"], "FAILED");
  EXPECT_EQ(out["error"], "E");
  EXPECT_EQ(out["cause"], "C");
  EXPECT_FALSE(out.contains("nextState"));
}

TEST_F(TestStateTest, VariablesAreVisibleAndReportedWithTheAssignedOnes) {
  ASSERT_OK_AND_ASSIGN(Json out,
                       Test({{"definition", R"({"Type": "Pass", "Parameters": {"v.$": "$x"},
          "Assign": {"y": 2}, "Next": "N"})"},
                             {"variables", R"({"x": {"deep.$": "not a path"}})"},
                             {"inspectionLevel", "DEBUG"}}));
  EXPECT_EQ(out["status"], "SUCCEEDED");
  EXPECT_EQ(out["output"], R"({"v":{"deep.$":"not a path"}})");
  EXPECT_EQ(out["nextState"], "N");
  EXPECT_EQ(out["inspectionData"]["variables"], R"({"x":{"deep.$":"not a path"},"y":2})");
  EXPECT_EQ(Test({{"definition", R"({"Type": "Pass", "End": true})"}, {"variables", "[1]"}})
                .status()
                .aws_type(),
            "ValidationException");
}

TEST_F(TestStateTest, ContextComesWithAMockAndIsSeenByPaths) {
  constexpr std::string_view kNamed = R"({"Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {"n.$": "$$.Execution.Name", "i.$": "$$.Map.Item.Index"}, "End": true})";
  ASSERT_OK_AND_ASSIGN(
      Json out,
      Test({{"definition", kNamed},
            {"inspectionLevel", "DEBUG"},
            {"context", R"({"Execution": {"Name": "given"}, "Map": {"Item": {"Index": 3}}})"},
            {"mock", {{"result", "{}"}}}}));
  EXPECT_EQ(out["inspectionData"]["afterParameters"], R"({"i":3,"n":"given"})");
  EXPECT_EQ(Test({{"definition", kNamed}, {"context", "{}"}}).status().aws_type(),
            "ValidationException");
}

TEST_F(TestStateTest, AMockIsOnlyForTaskMapAndParallelStates) {
  Status status =
      Test({{"definition", R"({"Type": "Pass", "End": true})"}, {"mock", {{"result", "{}"}}}})
          .status();
  EXPECT_EQ(status.aws_type(), "ValidationException");
  EXPECT_EQ(
      Test({{"definition", kTask}, {"mock", {{"result", "{}"}, {"errorOutput", {{"error", "E"}}}}}})
          .status()
          .aws_type(),
      "ValidationException");
}

TEST_F(TestStateTest, CallbackAndActivityTasksNeedAMock) {
  for (const char* resource : {"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                               "arn:aws:states:us-east-1:000000000000:activity:a"}) {
    Json task = {{"Type", "Task"}, {"Resource", resource}, {"End", true}};
    EXPECT_EQ(Test({{"definition", DumpJson(task)}}).status().aws_type(), "ValidationException")
        << resource;
    ASSERT_OK_AND_ASSIGN(Json mocked,
                         Test({{"definition", DumpJson(task)}, {"mock", {{"result", "{}"}}}}));
    EXPECT_EQ(mocked["status"], "SUCCEEDED") << resource;
  }
}

TEST_F(TestStateTest, MapAndParallelReportTheirOwnNextState) {
  ASSERT_OK_AND_ASSIGN(Json map, Test({{"definition", R"({"Type": "Map", "ItemsPath": "$.items",
      "ItemProcessor": {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": true}}},
      "Next": "After"})"},
                                       {"input", R"({"items": [1, 2]})"}}));
  EXPECT_EQ(map["status"], "SUCCEEDED");
  EXPECT_EQ(map["output"], "[1,2]");
  EXPECT_EQ(map["nextState"], "After");
  ASSERT_OK_AND_ASSIGN(Json parallel, Test({{"definition", R"({"Type": "Parallel",
      "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}],
      "Next": "Joined"})"}}));
  EXPECT_EQ(parallel["nextState"], "Joined");
  EXPECT_EQ(parallel["output"], "[{}]");
}

TEST_F(TestStateTest, AMockedMapFailsBeyondItsToleratedFailures) {
  constexpr std::string_view kMap = R"({"Type": "Map", "ToleratedFailureCount": 1,
      "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}},
      "End": true})";
  Json request = {{"definition", kMap},
                  {"mock", {{"result", "[1, 2, 3]"}}},
                  {"stateConfiguration", {{"mapIterationFailureCount", 1}}}};
  ASSERT_OK_AND_ASSIGN(Json tolerated, Test(request));
  EXPECT_EQ(tolerated["status"], "SUCCEEDED");
  request["stateConfiguration"] = {{"mapIterationFailureCount", 2}};
  ASSERT_OK_AND_ASSIGN(Json exceeded, Test(request));
  EXPECT_EQ(exceeded["status"], "FAILED");
  EXPECT_EQ(exceeded["error"], "States.ExceedToleratedFailureThreshold");
}

TEST_F(TestStateTest, ARealFailureOfARetriedTaskIsRetriable) {
  // The lambda service is not in this table: the task fails for real.
  ASSERT_OK_AND_ASSIGN(Json out, Test({{"definition", R"({"Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
      "Retry": [{"ErrorEquals": ["States.ALL"]}], "End": true})"}}));
  EXPECT_EQ(out["status"], "RETRIABLE");
  EXPECT_EQ(out["error"], "States.TaskFailed");
}

}  // namespace
}  // namespace stratus::states::api
