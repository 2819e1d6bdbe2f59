#include "states/asl/definition_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "states/asl/definition_parser_internal.h"
#include "states/asl/fake_jsonata_evaluator.h"
#include "testing/status_matchers.h"

namespace stratus::states::asl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Messages(std::string_view json, const ParseOptions& options = {}) {
  DefinitionAnalysis analysis = AnalyzeDefinition(json, options);
  std::vector<std::string> out;
  for (const Diagnostic& diagnostic : analysis.diagnostics) {
    out.push_back(diagnostic.code + ": " + diagnostic.message + " at " +
                  diagnostic.location.value_or("null"));
  }
  return out;
}

TEST(DefinitionParserTest, ParsesEveryStateTypeIntoTheModel) {
  ASSERT_OK_AND_ASSIGN(auto machine, ParseDefinition(R"({
    "Comment": "all types", "TimeoutSeconds": 300, "Version": "1.0",
    "StartAt": "T",
    "States": {
      "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "f", "Payload.$": "$"},
            "ResultSelector": {"body.$": "$.Payload"}, "ResultPath": "$.out",
            "TimeoutSeconds": 30, "HeartbeatSecondsPath": "$.hb",
            "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 2,
                       "MaxAttempts": 5, "BackoffRate": 1.5, "MaxDelaySeconds": 10,
                       "JitterStrategy": "FULL"}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "F"}],
            "Next": "P"},
      "P": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": null, "Next": "C"},
      "C": {"Type": "Choice", "Choices": [
              {"Variable": "$.x", "NumericEquals": 1, "Next": "W"}], "Default": "S"},
      "W": {"Type": "Wait", "Timestamp": "2016-03-14T01:59:00Z", "Next": "Par"},
      "Par": {"Type": "Parallel", "Branches": [
                {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "End": true}}}],
              "Next": "M"},
      "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
            "ItemSelector": {"item.$": "$$.Map.Item.Value"},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                              "StartAt": "I", "States": {"I": {"Type": "Succeed"}}},
            "ToleratedFailurePercentage": 50, "Label": "lbl", "End": true},
      "S": {"Type": "Succeed"},
      "F": {"Type": "Fail", "ErrorPath": "$.error.Error", "Cause": "boom"}
    }})"));
  EXPECT_EQ(machine->timeout_seconds, 300);
  EXPECT_EQ(machine->graph.states.size(), 8u);
  const auto& task = machine->graph.Find("T")->As<TaskState>();
  EXPECT_EQ(task.resource, "arn:aws:states:::lambda:invoke");
  EXPECT_EQ(task.next_state, machine->graph.Find("P"));
  EXPECT_EQ(task.timeout_seconds.value, 30);
  ASSERT_TRUE(task.heartbeat_seconds.path.has_value());
  ASSERT_EQ(task.retry.size(), 1u);
  EXPECT_EQ(task.retry[0].jitter_strategy, JitterStrategy::kFull);
  EXPECT_EQ(task.retry[0].max_delay_seconds, 10);
  ASSERT_EQ(task.catchers.size(), 1u);
  EXPECT_EQ(task.catchers[0].next_state, machine->graph.Find("F"));
  const auto& pass = machine->graph.Find("P")->As<PassState>();
  EXPECT_FALSE(pass.result_path.has_value());
  EXPECT_EQ(pass.result, Json({{"x", 1}}));
  const auto& choice = machine->graph.Find("C")->As<ChoiceState>();
  EXPECT_EQ(choice.default_state, machine->graph.Find("S"));
  const auto& wait = machine->graph.Find("W")->As<WaitState>();
  ASSERT_TRUE(wait.timestamp.has_value());
  const auto& map = machine->graph.Find("M")->As<MapState>();
  EXPECT_EQ(map.mode, ProcessorMode::kDistributed);
  EXPECT_EQ(map.execution_type, MapExecutionType::kExpress);
  EXPECT_EQ(map.items_path.text(), "$.items");
  EXPECT_EQ(map.processor->start_state->name, "I");
  EXPECT_TRUE(map.end);
  const auto& fail = machine->graph.Find("F")->As<FailState>();
  ASSERT_TRUE(fail.error_path.has_value());
  EXPECT_EQ(fail.cause, "boom");
}

TEST(DefinitionParserTest, ReportsUnknownAndMissingFieldsLikeAws) {
  EXPECT_THAT(
      Messages(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Foo": 1, "End": true}}})"),
      ElementsAre("SCHEMA_VALIDATION_FAILED: Field 'Foo' is not supported at /States/A"));
  EXPECT_THAT(Messages(R"({"StartAt": "A"})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /"));
  // AWS (recorded, LocalStack test_sfn_api_validation EMPTY_DICT).
  EXPECT_THAT(Messages("{}"), ElementsAre("SCHEMA_VALIDATION_FAILED: These fields are required: "
                                          "[States, StartAt] at /"));
  // AWS (measured, floci-io/floci#2735): a field the state type does not have.
  EXPECT_THAT(Messages(R"({"StartAt": "P", "States": {"P": {"Type": "Parallel",
      "TimeoutSeconds": 5, "End": true,
      "Branches": [{"StartAt": "W", "States": {"W": {"Type": "Pass", "End": true}}}]}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: Field 'TimeoutSeconds' is not supported at "
                          "/States/P"));
}

TEST(DefinitionParserTest, UnknownStateTypeIsReportedAloneAtItsTypeField) {
  // AWS (recorded, LocalStack test_test_state_machine_scenarios): the Type
  // diagnostic only; the state still exists for StartAt and has "End".
  EXPECT_THAT(Messages(R"({"StartAt": "X", "States": {
      "X": {"Type": "TypeThatDoesNotExist", "End": true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these "
                          "values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at "
                          "/States/X/Type"));
  EXPECT_THAT(Messages(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "X"},
      "X": {"Type": "Nope", "Next": "B"}, "B": {"Type": "Succeed"}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these "
                          "values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at "
                          "/States/X/Type"));
}

TEST(DefinitionParserTest, ReportsMissingTargetsAndUnreachableStates) {
  // AWS: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next,
  // MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2'.
  const std::string definition = R"({"StartAt": "pass1", "States": {
      "pass1": {"Type": "Pass", "Next": "pass3"},
      "pass2": {"Type": "Pass", "End": true}}})";
  DefinitionAnalysis analysis = AnalyzeDefinition(definition);
  EXPECT_FALSE(analysis.ok());
  EXPECT_EQ(InvalidDefinitionMessage(analysis.diagnostics),
            "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: "
            "pass3 at /States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not "
            "reachable. at /States/pass2'");
  auto parsed = ParseDefinition(definition);
  EXPECT_STATUS(StatusCode::kInvalidArgument, parsed);
  EXPECT_THAT(parsed.status().message(), HasSubstr("Missing 'Next' target: pass3"));
}

TEST(DefinitionParserTest, StartAtThatNamesNoStateIsAMissingNextTarget) {
  // AWS (CloudFormation's InvalidDefinition for StartAt "Not sure"):
  // 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Not sure at /StartAt,
  // MISSING_TRANSITION_TARGET: State "Pass One" is not reachable. at /States/Pass One'.
  // Success is named by Pass One's Next, so it is not reported.
  EXPECT_THAT(Messages(R"({"StartAt": "Not sure", "States": {
      "Pass One": {"Type": "Pass", "Next": "Success"}, "Success": {"Type": "Succeed"}}})"),
              ElementsAre("MISSING_TRANSITION_TARGET: Missing 'Next' target: Not sure at /StartAt",
                          "MISSING_TRANSITION_TARGET: State \"Pass One\" is not reachable. at "
                          "/States/Pass One"));
  // A missing Default target is worded with 'Next' too.
  EXPECT_THAT(Messages(R"({"StartAt": "C", "States": {"C": {"Type": "Choice",
      "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "S"}], "Default": "Nope"},
      "S": {"Type": "Succeed"}}})"),
              ElementsAre("MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at "
                          "/States/C/Default"));
}

TEST(DefinitionParserTest, EmptyStatesIsInvalidAtTheTopAndInNestedGraphs) {
  // An empty States object used to pass validation and crash the
  // interpreter: its StartAt names no state.
  DefinitionAnalysis top = AnalyzeDefinition(R"({"StartAt": "X", "States": {}})");
  EXPECT_FALSE(top.ok());
  EXPECT_EQ(InvalidDefinitionMessage(top.diagnostics),
            "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: "
            "X at /StartAt'");
  EXPECT_THAT(Messages(R"({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
      "Branches": [{"StartAt": "B", "States": {}}]}}})"),
              ElementsAre("MISSING_TRANSITION_TARGET: Missing 'Next' target: B at "
                          "/States/P/Branches/0/StartAt"));
  EXPECT_THAT(Messages(R"({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
      "ItemProcessor": {"StartAt": "I", "States": {}}}}})"),
              ElementsAre("MISSING_TRANSITION_TARGET: Missing 'Next' target: I at "
                          "/States/M/ItemProcessor/StartAt"));
  EXPECT_THAT(Messages(R"({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
      "Iterator": {"StartAt": "I", "States": {}}}}})"),
              ElementsAre("MISSING_TRANSITION_TARGET: Missing 'Next' target: I at "
                          "/States/M/Iterator/StartAt"));
  EXPECT_THAT(Messages(R"({"StartAt": "", "States": {"A": {"Type": "Pass", "End": true}}})"),
              ElementsAre("MISSING_TRANSITION_TARGET: Missing 'Next' target:  at /StartAt"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseDefinition(R"({"StartAt": "X", "States": {}})"));
}

TEST(DefinitionParserTest, RejectsSecondsAndRetryFieldsAboveAwsMaximums) {
  // AWS (recorded): "SCHEMA_VALIDATION_FAILED: Maximum value is 99999999 at /States/Wait/Seconds".
  EXPECT_THAT(Messages(R"({"StartAt": "Wait", "States": {
      "Wait": {"Type": "Wait", "Seconds": 10000000000000000, "Next": "Success"},
      "Success": {"Type": "Succeed"}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: Maximum value is 99999999 at "
                          "/States/Wait/Seconds"));
  EXPECT_THAT(
      Messages(R"({"StartAt": "A", "TimeoutSeconds": 99999999999,
      "States": {"A": {"Type": "Pass", "End": true}}})"),
      ElementsAre("SCHEMA_VALIDATION_FAILED: Maximum value is 99999999 at /TimeoutSeconds"));
  EXPECT_THAT(Messages(R"({"StartAt": "T", "States": {"T": {"Type": "Task", "End": true,
      "Resource": "arn:aws:states:::lambda:invoke",
      "TimeoutSeconds": 99999999999, "HeartbeatSeconds": 99999999999,
      "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 99999999999,
                 "MaxAttempts": 99999999999, "MaxDelaySeconds": 31622402}]}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: Maximum value is 99999999 at "
                          "/States/T/Retry/0/IntervalSeconds",
                          "SCHEMA_VALIDATION_FAILED: Maximum value is 99999999 at "
                          "/States/T/Retry/0/MaxAttempts",
                          "SCHEMA_VALIDATION_FAILED: Maximum value is 31622401 at "
                          "/States/T/Retry/0/MaxDelaySeconds",
                          "SCHEMA_VALIDATION_FAILED: Maximum value is 99999999 at "
                          "/States/T/TimeoutSeconds",
                          "SCHEMA_VALIDATION_FAILED: Maximum value is 99999999 at "
                          "/States/T/HeartbeatSeconds"));
  // The maximums themselves are valid.
  EXPECT_THAT(Messages(R"({"StartAt": "T", "TimeoutSeconds": 99999999, "States": {"T": {
      "Type": "Task", "End": true, "Resource": "arn:aws:states:::lambda:invoke",
      "TimeoutSeconds": 99999999, "HeartbeatSeconds": 99999998,
      "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 99999999,
                 "MaxAttempts": 99999999, "MaxDelaySeconds": 31622401}]}}})"),
              ElementsAre());
}

TEST(DefinitionParserTest, RejectsTaskResourcesAwsDoesNotRecognize) {
  // AWS (recorded): 'SCHEMA_VALIDATION_FAILED: The resource provided
  // arn:aws:states:::dynamodb:query is not recognized. The value is not a valid
  // resource ARN, or the resource is not available in this region. at /States/Query/Resource'.
  EXPECT_THAT(Messages(R"({"StartAt": "Query", "States": {"Query": {"Type": "Task",
      "Resource": "arn:aws:states:::dynamodb:query", "End": true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: The resource provided "
                          "arn:aws:states:::dynamodb:query is not recognized. The value is not a "
                          "valid resource ARN, or the resource is not available in this region. "
                          "at /States/Query/Resource"));
  EXPECT_THAT(Messages(R"({"StartAt": "T", "States": {"T": {"Type": "Task",
      "Resource": "not-an-arn", "End": true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: Value is not a valid resource ARN at "
                          "/States/T/Resource"));
  // An EXPRESS machine reports its own restriction only.
  EXPECT_THAT(Messages(R"({"StartAt": "T", "States": {"T": {"Type": "Task",
      "Resource": "arn:aws:states:::sqs:sendMessage.sync", "End": true}}})",
                       ParseOptions{.kind = StateMachineKind::kExpress}),
              ElementsAre("SCHEMA_VALIDATION_FAILED: Express state machine does not support "
                          "'.sync' service integration at /States/T/Resource"));
}

TEST(DefinitionParserTest, ChecksNestedGraphsAndUniqueNames) {
  EXPECT_THAT(Messages(R"({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
      "Branches": [{"StartAt": "X", "States": {"X": {"Type": "Pass", "Next": "Nope"},
                                               "P": {"Type": "Succeed"}}}]}}})"),
              ElementsAre("DUPLICATE_STATE_NAME: Duplicate State name: P at "
                          "/States/P/Branches/0/States/P",
                          "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at "
                          "/States/P/Branches/0/States/X/Next",
                          "MISSING_TRANSITION_TARGET: State \"P\" is not reachable. at "
                          "/States/P/Branches/0/States/P"));
}

TEST(DefinitionParserTest, RequiresExactlyOneOfNextAndEnd) {
  EXPECT_THAT(Messages(R"({"StartAt": "A", "States": {"A": {"Type": "Pass"}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: Exactly one of these fields is required: "
                          "[Next, End] at /States/A",
                          "MISSING_END_STATE: Workflow has no terminal state at null"));
  EXPECT_THAT(Messages(R"({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "Next": "B", "End": true}, "B": {"Type": "Succeed"}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: Only one of these fields may be specified: "
                          "[Next, End] at /States/A"));
}

// AWS (measured with ValidateStateMachineDefinition, floci-io/floci#2735 and
// #2786): a top-level workflow without a terminal state.
TEST(DefinitionParserTest, TopLevelLoopWithoutTerminalStateIsMissingEndStateWithoutLocation) {
  DefinitionAnalysis analysis = AnalyzeDefinition(R"({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}})");
  ASSERT_EQ(analysis.diagnostics.size(), 1u);
  EXPECT_EQ(analysis.diagnostics[0].code, "MISSING_END_STATE");
  EXPECT_EQ(analysis.diagnostics[0].message, "Workflow has no terminal state");
  EXPECT_FALSE(analysis.diagnostics[0].location.has_value());
  EXPECT_FALSE(analysis.ok());
}

TEST(DefinitionParserTest, MissingEndStateIsCreateStateMachinesInvalidDefinitionAtNull) {
  Result<std::shared_ptr<const StateMachine>> machine =
      ParseDefinition(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}})");
  ASSERT_FALSE(machine.ok());
  EXPECT_EQ(machine.status().message(),
            "Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal "
            "state at null'");
}

TEST(DefinitionParserTest, MissingEndStateReplacesTheUnreachableStateWalk) {
  EXPECT_THAT(Messages(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
      "B": {"Type": "Pass", "Next": "A"}, "Unused": {"Type": "Pass", "Next": "A"}}})"),
              ElementsAre("MISSING_END_STATE: Workflow has no terminal state at null"));
}

TEST(DefinitionParserTest, UnreachableTerminalStateSatisfiesTheEndStateRule) {
  EXPECT_THAT(Messages(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
      "B": {"Type": "Pass", "Next": "A"}, "C": {"Type": "Pass", "End": true}}})"),
              ElementsAre("MISSING_TRANSITION_TARGET: State \"C\" is not reachable. at /States/C"));
}

TEST(DefinitionParserTest, MissingEndStateFollowsADanglingTarget) {
  EXPECT_THAT(
      Messages(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "NOPE"}}})"),
      ElementsAre("MISSING_TRANSITION_TARGET: Missing 'Next' target: NOPE at /States/A/Next",
                  "MISSING_END_STATE: Workflow has no terminal state at null"));
}

TEST(DefinitionParserTest, NestedGraphWithoutTerminalStateIsAccepted) {
  EXPECT_THAT(Messages(R"({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
      "ItemProcessor": {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
                                                   "B": {"Type": "Pass", "Next": "A"}}}}}})"),
              ElementsAre());
  EXPECT_THAT(Messages(R"({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
      "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}]}}})"),
              ElementsAre());
}

TEST(DefinitionParserTest, ValidatesPathsAndPayloadTemplates) {
  EXPECT_THAT(
      Messages(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true,
          "Parameters": {"parsed.$": "States.StringToJson($.x"}, "ResultPath": "$.a[*]",
          "InputPath": "nope"}}})"),
      ElementsAre(
          "SCHEMA_VALIDATION_FAILED: The value for the field 'InputPath' must be a valid JSONPath "
          "at /States/A/InputPath",
          "SCHEMA_VALIDATION_FAILED: The value for the field 'ResultPath' must be a valid "
          "ReferencePath at /States/A/ResultPath",
          "SCHEMA_VALIDATION_FAILED: The value for the field 'parsed.$' must be a valid JSONPath "
          "or a valid intrinsic function call at /States/A/Parameters"));
}

TEST(DefinitionParserTest, ValidatesRetryAndCatchErrorNames) {
  const auto messages = Messages(R"({"StartAt": "T", "States": {"T": {"Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:111111111111:function:f", "End": true,
      "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"], "BackoffRate": 0.5}],
      "Catch": [{"ErrorEquals": ["States.ALL", "X"], "Next": "T"}, {"ErrorEquals": []}]}}})");
  EXPECT_THAT(messages,
              ElementsAre("SCHEMA_VALIDATION_FAILED: A Retrier with \"States.ALL\" must be the "
                          "last Retrier at /States/T/Retry/0",
                          "SCHEMA_VALIDATION_FAILED: The value for the field 'BackoffRate' must "
                          "be at least 1 at /States/T/Retry/1/BackoffRate",
                          "SCHEMA_VALIDATION_FAILED: The error name \"States.ALL\" must appear "
                          "alone in ErrorEquals at /States/T/Catch/0/ErrorEquals",
                          "SCHEMA_VALIDATION_FAILED: A Catcher with \"States.ALL\" must be the "
                          "last Catcher at /States/T/Catch/0",
                          "SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at "
                          "/States/T/Catch/1",
                          "SCHEMA_VALIDATION_FAILED: The value for the field 'ErrorEquals' must "
                          "be a non-empty array of strings at /States/T/Catch/1/ErrorEquals"));
}

TEST(DefinitionParserTest, ValidatesWaitAndChoiceOperands) {
  EXPECT_THAT(Messages(R"({"StartAt": "W", "States": {
      "W": {"Type": "Wait", "Timestamp": "2016-12-05 21:29:29Z", "End": true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at "
                          "/States/W/Timestamp"));
  EXPECT_THAT(Messages(R"({"StartAt": "C", "States": {
      "C": {"Type": "Choice", "Choices": [
        {"Variable": "$.a", "NumericEquals": "1", "Next": "S"},
        {"Variable": "$.a", "StringEquals": "x", "BooleanEquals": true, "Next": "S"},
        {"Variable": "$.a", "StringEquals": "x"}]},
      "S": {"Type": "Succeed"}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: The value for the field 'NumericEquals' must "
                          "be a NUMBER at /States/C/Choices/0/NumericEquals",
                          "SCHEMA_VALIDATION_FAILED: A Choice Rule must have only one comparison "
                          "operator, And, Or or Not at /States/C/Choices/1",
                          "SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at "
                          "/States/C/Choices/2"));
}

TEST(DefinitionParserTest, EnforcesQueryLanguageFieldSets) {
  EXPECT_THAT(Messages(R"({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
      "A": {"Type": "Pass", "InputPath": "$.x", "Output": {"a": "{% $states.input %}"},
            "End": true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but "
                          "field 'InputPath' is only supported for the 'JSONPath' QueryLanguage "
                          "at /States/A"));
  EXPECT_THAT(Messages(R"({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "Output": {}, "End": true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but "
                          "field 'Output' is only supported for the 'JSONata' QueryLanguage at "
                          "/States/A"));
  // A JSONata machine cannot downgrade a state to JSONPath (AWS, recorded:
  // LocalStack test_sfn_api_validation INVALID_DOWNGRADE_QUERY_LANGUAGE), and
  // that is all AWS reports about the state's fields (measured, floci#2968).
  EXPECT_THAT(Messages(R"({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
      "A": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set "
                          "to 'JSONata' for whole state machine at /States/A"));
  EXPECT_THAT(Messages(R"({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
      "A": {"Type": "Pass", "QueryLanguage": "JSONPath", "Output": {"v": "{% 1 %}"},
            "End": true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set "
                          "to 'JSONata' for whole state machine at /States/A"));
  // AWS (measured, floci-io/floci#2968): a value outside the enum.
  EXPECT_THAT(Messages(R"({"QueryLanguage": "YAML", "StartAt": "A", "States": {
      "A": {"Type": "Pass", "End": true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: Value should be one of the following: "
                          "[JSONPath, JSONata] at /QueryLanguage"));
  // An ItemProcessor is no state: it has no QueryLanguage (measured, floci#2968).
  EXPECT_THAT(Messages(R"({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
      "ItemProcessor": {"QueryLanguage": "JSONata", "StartAt": "P",
                        "States": {"P": {"Type": "Pass", "End": true}}}}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported at "
                          "/States/M/ItemProcessor"));
  // A state may switch to JSONata on its own.
  EXPECT_OK(ParseDefinition(R"({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% 1 %}", "End": true}}})"));
}

TEST(DefinitionParserTest, ChecksJsonataSyntaxWithTheEvaluator) {
  FakeJsonataEvaluator jsonata;
  jsonata.SetSyntaxError("1 +");
  const auto messages = Messages(R"({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
      "A": {"Type": "Pass", "Output": {"x": "{% 1 + %}"}, "End": true}}})",
                                 ParseOptions{.jsonata = &jsonata});
  // AWS (measured, floci-io/floci#2745): the parser's message without its
  // code; at the member of a template that holds the expression.
  EXPECT_THAT(messages, ElementsAre("INVALID_JSONATA_EXPRESSION: Syntax error at "
                                    "/States/A/Output/x"));
  EXPECT_THAT(Messages(R"({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
      "A": {"Type": "Pass", "Output": "{% 1 + %}", "End": true}}})",
                       ParseOptions{.jsonata = &jsonata}),
              ElementsAre("INVALID_JSONATA_EXPRESSION: Syntax error at /States/A/Output"));
  EXPECT_THAT(Messages(R"({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
      "A": {"Type": "Pass", "Assign": {"ok": "{% 2 %}", "v": ["{% 1 + %}"]}, "End": true}}})",
                       ParseOptions{.jsonata = &jsonata}),
              ElementsAre("INVALID_JSONATA_EXPRESSION: Syntax error at /States/A/Assign/v/0"));
}

TEST(DefinitionParserTest, ValuesBelowTheMinimumAreWordedAsAws) {
  // AWS (measured, floci-io/floci#2968): "Minimum value is 0" at the field.
  EXPECT_THAT(
      Messages(R"({"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": -1,
      "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
      "End": true}}})"),
      ElementsAre("SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/M/MaxConcurrency"));
  EXPECT_THAT(Messages(R"({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": -1,
      "End": true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/W/Seconds"));
}

TEST(DefinitionParserTest, JsonataErrorCodesAreLeftOutOfMessages) {
  EXPECT_EQ(WithoutJsonataErrorCode("S0207: Unexpected end of expression"),
            "Unexpected end of expression");
  EXPECT_EQ(WithoutJsonataErrorCode("T1006: Attempted to invoke a non-function"),
            "Attempted to invoke a non-function");
  EXPECT_EQ(WithoutJsonataErrorCode("Syntax: error"), "Syntax: error");
  EXPECT_EQ(WithoutJsonataErrorCode("S020: x"), "S020: x");
}

TEST(DefinitionParserTest, ValidatesAssignVariableNames) {
  EXPECT_THAT(Messages(R"({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "Assign": {"ok.$": "$.a", "1bad": 1}, "End": true}}})"),
              ElementsAre(HasSubstr("The variable name '1bad' is invalid")));
  // AWS: names follow Unicode ID_Start/ID_Continue, so non-ASCII letters are fine.
  EXPECT_THAT(Messages(R"({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "Assign": {"café": 1, "变量.$": "$.a"}, "Next": "B"},
      "B": {"Type": "Pass", "Parameters": {"v.$": "$café"}, "End": true}}})"),
              ElementsAre());
}

TEST(DefinitionParserTest, ExpressMachinesRejectSyncAndCallbackIntegrations) {
  const ParseOptions express{.kind = StateMachineKind::kExpress};
  EXPECT_THAT(Messages(R"({"StartAt": "StartExecution", "States": {"StartExecution": {
      "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "End": true}}})",
                       express),
              ElementsAre("SCHEMA_VALIDATION_FAILED: Express state machine does not support "
                          "'.sync' service integration at /States/StartExecution/Resource"));
  EXPECT_THAT(Messages(R"({"StartAt": "Publish", "States": {"Publish": {
      "Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken", "End": true}}})",
                       express),
              ElementsAre("SCHEMA_VALIDATION_FAILED: Express state machine does not support "
                          "'.waitForTaskToken' service integration  at /States/Publish/Resource"));
}

TEST(DefinitionParserTest, RejectsMalformedJson) {
  EXPECT_THAT(Messages("{\"StartAt\": "),
              ElementsAre("INVALID_JSON_DESCRIPTION: The definition is not valid JSON at "));
}

TEST(DefinitionParserTest, LegacyMapIteratorAndParametersBecomeProcessorAndSelector) {
  ASSERT_OK_AND_ASSIGN(auto machine, ParseDefinition(R"({"StartAt": "M", "States": {
      "M": {"Type": "Map", "Parameters": {"v.$": "$$.Map.Item.Value"},
            "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}},
            "End": true}}})"));
  const auto& map = machine->graph.start_state->As<MapState>();
  EXPECT_TRUE(map.legacy_iterator);
  EXPECT_TRUE(map.item_selector.has_value());
  EXPECT_FALSE(map.parameters.has_value());
}

}  // namespace
}  // namespace stratus::states::asl
