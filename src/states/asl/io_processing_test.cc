#include "states/asl/io_processing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "states/asl/definition_parser.h"
#include "states/asl/errors.h"
#include "states/asl/evaluation_context.h"
#include "states/asl/fake_jsonata_evaluator.h"
#include "states/asl/variables.h"
#include "testing/status_matchers.h"

namespace stratus::states::asl {
namespace {

using ::testing::HasSubstr;

class IoProcessingTest : public ::testing::Test {
 protected:
  // Parses a machine whose only state is `state_json` (named "S") and returns it.
  const State& StateOf(const std::string& state_json, const std::string& language = "JSONPath") {
    auto machine = ParseDefinition(R"({"QueryLanguage": ")" + language +
                                   R"(", "StartAt": "S", "States": {"S": )" + state_json + "}}");
    EXPECT_OK(machine);
    machine_ = machine.ok() ? *machine : nullptr;
    return *machine_->graph.start_state;
  }

  EvaluationContext Context() {
    return EvaluationContext{.state_name = "S",
                             .entered_event_id = 2,
                             .context_object = &context_object_,
                             .variables = &variables_,
                             .jsonata = &jsonata_};
  }

  // Runs the JSONPath pipeline of a Pass state.
  Result<Json> RunPass(const State& state, const Json& input) {
    const EvaluationContext context = Context();
    STRATUS_ASSIGN_OR_RETURN(Json effective, ApplyInputPath(state, input, context));
    STRATUS_ASSIGN_OR_RETURN(Json parameters, ApplyParameters(state, effective, context));
    STRATUS_ASSIGN_OR_RETURN(Json result,
                             PassResult(state.As<PassState>(), std::move(parameters), context));
    STRATUS_ASSIGN_OR_RETURN(Json output, ApplyResultPath(state, input, result, context));
    return ApplyOutputPath(state, std::move(output), context);
  }

  std::shared_ptr<const StateMachine> machine_;
  Json context_object_ = {{"Execution", {{"Id", "arn:exec"}, {"Input", {{"k", "v"}}}}},
                          {"Map", {{"Item", {{"Index", 1}, {"Value", "b"}}}}}};
  VariableScope variables_;
  FakeJsonataEvaluator jsonata_;
};

TEST_F(IoProcessingTest, FollowsTheAwsExamplePipeline) {
  // AWS "InputPath, ResultPath, and OutputPath Examples", with Pass in place of the Lambda.
  const State& state = StateOf(R"json({"Type": "Pass", "InputPath": "$.lambda",
      "Parameters": {"greeting.$": "States.Format('Hello, {}!', $.who)"},
      "ResultPath": "$.data.lambdaresult", "OutputPath": "$.data", "End": true})json");
  const Json input = Json::parse(R"({"comment": "c", "data": {"val1": 23, "val2": 17},
                                     "extra": "foo", "lambda": {"who": "AWS Step Functions"}})");
  ASSERT_OK_AND_ASSIGN(Json output, RunPass(state, input));
  EXPECT_EQ(output, Json::parse(R"({"val1": 23, "val2": 17,
                                    "lambdaresult": {"greeting": "Hello, AWS Step Functions!"}})"));
}

TEST_F(IoProcessingTest, NullPathsDiscard) {
  const State& state = StateOf(
      R"({"Type": "Pass", "InputPath": null, "Result": 5, "ResultPath": null, "End": true})");
  ASSERT_OK_AND_ASSIGN(Json output, RunPass(state, {{"a", 1}}));
  EXPECT_EQ(output, Json({{"a", 1}}));
  const State& discard_output = StateOf(R"({"Type": "Pass", "OutputPath": null, "End": true})");
  ASSERT_OK_AND_ASSIGN(Json empty, RunPass(discard_output, {{"a", 1}}));
  EXPECT_EQ(empty, Json::object());
}

TEST_F(IoProcessingTest, ParametersReadContextObjectAndVariables) {
  variables_.Assign({{"limit", 3}});
  const State& state = StateOf(R"json({"Type": "Pass", "Parameters": {
      "id.$": "$$.Execution.Id", "limit.$": "$limit", "static": {"nested": [1, {"x.$": "$.a"}]},
      "items.$": "$.list[?(@ > 1)]"}, "End": true})json");
  ASSERT_OK_AND_ASSIGN(Json output, RunPass(state, {{"a", "A"}, {"list", {1, 2, 3}}}));
  EXPECT_EQ(output, Json::parse(R"({"id": "arn:exec", "limit": 3,
                                    "static": {"nested": [1, {"x": "A"}]}, "items": [2, 3]})"));
}

TEST_F(IoProcessingTest, MissingInputPathIsARuntimeErrorWithAwsCause) {
  const State& state =
      StateOf(R"({"Type": "Pass", "InputPath": "$.NoSuchInputPath", "End": true})");
  auto output = RunPass(state, Json::object());
  ASSERT_FALSE(output.ok());
  EXPECT_EQ(ToStatesFailure(output.status()).error, "States.Runtime");
  EXPECT_EQ(output.status().message(),
            "An error occurred while executing the state 'S' (entered at the event id #2). Invalid "
            "path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
}

TEST_F(IoProcessingTest, MissingParameterPathNamesTheFieldAndInput) {
  const State& state =
      StateOf(R"({"Type": "Pass", "Parameters": {"value.$": "$.no_such_jsonpath"}, "End": true})");
  auto output = RunPass(state, {{"a", 1}});
  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.status().message(),
            "An error occurred while executing the state 'S' (entered at the event id #2). The "
            "JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found "
            "in the input '{\"a\":1}'");
}

TEST_F(IoProcessingTest, ResultPathCreatesObjectsAndFailsThroughScalars) {
  const State& state =
      StateOf(R"({"Type": "Pass", "Result": 1, "ResultPath": "$.a.b", "End": true})");
  ASSERT_OK_AND_ASSIGN(Json output, RunPass(state, {{"x", 0}}));
  EXPECT_EQ(output, Json::parse(R"({"x": 0, "a": {"b": 1}})"));
  auto failed = RunPass(state, {{"a", "scalar"}});
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(IsStatesError(failed.status(), kErrorResultPathMatchFailure));
}

TEST_F(IoProcessingTest, ResultSelectorShapesTheRawResult) {
  const State& state = StateOf(R"({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "ResultSelector": {"code.$": "$.StatusCode", "body.$": "$.Payload.body"}, "End": true})");
  ASSERT_OK_AND_ASSIGN(
      Json selected,
      ApplyResultSelector(state, {{"StatusCode", 200}, {"Payload", {{"body", "ok"}}}}, Context()));
  EXPECT_EQ(selected, Json::parse(R"({"code": 200, "body": "ok"})"));
}

TEST_F(IoProcessingTest, AssignSeesValuesFromBeforeTheBlock) {
  // AWS: assignments in one Assign block do not see each other.
  variables_.Assign({{"x", 1}});
  const State& state = StateOf(R"({"Type": "Pass", "Result": {"r": 10},
      "Assign": {"x.$": "$.r", "old.$": "$x", "literal": "text"}, "End": true})");
  const Json result = {{"r", 10}};
  const StateValues values{.input = &result, .result = &result};
  ASSERT_OK_AND_ASSIGN(Json assignments, ProcessAssign(state.assign, values, Context()));
  EXPECT_EQ(assignments, Json::parse(R"({"x": 10, "old": 1, "literal": "text"})"));
  variables_.Assign(assignments);
  EXPECT_EQ(*variables_.Find("x"), 10);
}

TEST_F(IoProcessingTest, CatcherAssignReadsTheErrorOutput) {
  const State& state = StateOf(R"({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"err.$": "$.Error"}, "Next": "S"}],
      "End": true})");
  const Json error = ErrorOutput("MyError", "because");
  const Json input = Json::object();
  const StateValues values{.input = &input, .error_output = &error};
  ASSERT_OK_AND_ASSIGN(Json assignments,
                       ProcessAssign(state.catchers[0].assign, values, Context()));
  EXPECT_EQ(assignments, Json({{"err", "MyError"}}));
}

TEST_F(IoProcessingTest, ItemSelectorSeesTheMapItem) {
  const State& state = StateOf(R"({"Type": "Map", "ItemSelector": {
      "index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value", "all.$": "$.extra"},
      "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true})");
  ASSERT_OK_AND_ASSIGN(Json item,
                       ApplyItemSelector(state.As<MapState>(), {{"extra", true}}, "b", Context()));
  EXPECT_EQ(item, Json::parse(R"({"index": 1, "value": "b", "all": true})"));
}

TEST_F(IoProcessingTest, JsonataOutputAndArguments) {
  jsonata_.SetBody("$states.input.a", [](const JsonataBindings& bindings) {
    return Result<std::optional<Json>>(std::optional<Json>((*bindings.states.input)["a"]));
  });
  jsonata_.SetBody("$states.result", [](const JsonataBindings& bindings) {
    return Result<std::optional<Json>>(std::optional<Json>(*bindings.states.result));
  });
  jsonata_.SetUndefined("$doesNotExist");
  const State& state = StateOf(R"({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "Arguments": {"FunctionName": "f", "Payload": "{% $states.input.a %}"},
      "Output": {"result": "{% $states.result %}", "n": [1, "{% $states.input.a %}"]},
      "End": true})",
                               "JSONata");
  const Json input = {{"a", 7}};
  const Json result = "done";
  ASSERT_OK_AND_ASSIGN(Json arguments,
                       EvaluateArguments(state, StateValues{.input = &input}, Context()));
  EXPECT_EQ(arguments, Json::parse(R"({"FunctionName": "f", "Payload": 7})"));
  ASSERT_OK_AND_ASSIGN(
      Json output,
      EvaluateOutput(state.output, StateValues{.input = &input, .result = &result}, Context()));
  EXPECT_EQ(output, Json::parse(R"({"result": "done", "n": [1, 7]})"));
}

TEST_F(IoProcessingTest, JsonataUndefinedAndErrorsAreQueryEvaluationErrors) {
  jsonata_.SetUndefined("$doesNotExist");
  const State& state = StateOf(
      R"({"Type": "Pass", "Output": {"result": "{% $doesNotExist %}"}, "End": true})", "JSONata");
  const Json input = Json::object();
  auto output = EvaluateOutput(state.output, StateValues{.input = &input}, Context());
  ASSERT_FALSE(output.ok());
  EXPECT_TRUE(IsStatesError(output.status(), kErrorQueryEvaluationError));
  EXPECT_EQ(output.status().message(),
            "An error occurred while executing the state 'S' (entered at the event id #2). The "
            "JSONata expression '$doesNotExist' specified for the field 'Output/result' returned "
            "nothing (undefined).");
  const State& failing = StateOf(
      R"json({"Type": "Pass", "Output": "{% $unknownFunction() %}", "End": true})json", "JSONata");
  auto error = EvaluateOutput(failing.output, StateValues{.input = &input}, Context());
  ASSERT_FALSE(error.ok());
  EXPECT_THAT(error.status().message(),
              HasSubstr("specified for the field 'Output' threw an error during evaluation. "
                        "T1006: Attempted to invoke a non-function"));
}

TEST_F(IoProcessingTest, DynamicNumbersResolveLiteralsAndPaths) {
  const State& state = StateOf(R"({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "TimeoutSecondsPath": "$.timeout", "HeartbeatSeconds": 5, "End": true})");
  const auto& task = state.As<TaskState>();
  const Json input = {{"timeout", 30}};
  const StateValues values{.input = &input};
  ASSERT_OK_AND_ASSIGN(auto timeout, ResolveDynamicNumber(task.timeout_seconds, "TimeoutSeconds",
                                                          values, Context()));
  EXPECT_EQ(timeout, Json(30));
  ASSERT_OK_AND_ASSIGN(auto heartbeat, ResolveDynamicNumber(task.heartbeat_seconds,
                                                            "HeartbeatSeconds", values, Context()));
  EXPECT_EQ(heartbeat, Json(5));
  const Json empty = Json::object();
  auto missing = ResolveDynamicNumber(task.timeout_seconds, "TimeoutSeconds",
                                      StateValues{.input = &empty}, Context());
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(),
              HasSubstr("Invalid path '$.timeout' : No results for path: $['timeout']"));
}

}  // namespace
}  // namespace stratus::states::asl
