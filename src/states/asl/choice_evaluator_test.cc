#include "states/asl/choice_evaluator.h"

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

// Builds a one-rule Choice machine: the rule is `rule_json` plus Next "Yes".
std::shared_ptr<const StateMachine> MachineWithRule(
    const std::string& rule_json, const std::string& query_language = "JSONPath") {
  const std::string definition = R"({"QueryLanguage": ")" + query_language + R"(",
    "StartAt": "C", "States": {
      "C": {"Type": "Choice", "Choices": [)" +
                                 rule_json + R"(], "Default": "No"},
      "Yes": {"Type": "Succeed"}, "No": {"Type": "Succeed"}}})";
  auto machine = ParseDefinition(definition);
  EXPECT_OK(machine);
  return machine.ok() ? *machine : nullptr;
}

class ChoiceEvaluatorTest : public ::testing::Test {
 protected:
  // Returns "Yes", "No", or the error name.
  std::string Run(const std::string& rule_json, const Json& input) {
    auto machine = MachineWithRule(rule_json);
    if (machine == nullptr) {
      return "<invalid>";
    }
    const auto& choice = machine->graph.start_state->As<ChoiceState>();
    EvaluationContext context{.state_name = "C",
                              .entered_event_id = 2,
                              .context_object = &context_object_,
                              .variables = &variables_,
                              .jsonata = &jsonata_};
    auto match = EvaluateChoice(choice, input, context);
    if (!match.ok()) {
      last_error_ = match.status();
      return ToStatesFailure(match.status()).error;
    }
    return match->next.value_or("<none>");
  }

  std::string Compare(const std::string& op, const Json& literal, const Json& variable) {
    return Run(R"({"Variable": "$.v", ")" + op + R"(": )" + literal.dump() + R"(, "Next": "Yes"})",
               {{"v", variable}});
  }

  Json context_object_ = {{"Execution", {{"Name", "exec"}}}};
  VariableScope variables_;
  FakeJsonataEvaluator jsonata_;
  Status last_error_;
};

TEST_F(ChoiceEvaluatorTest, TypeMismatchComparesFalse) {
  // AWS: a value of the wrong type never matches (no error).
  EXPECT_EQ(Compare("StringEquals", "HelloWorld", 0), "No");
  EXPECT_EQ(Compare("StringEquals", "HelloWorld", nullptr), "No");
  EXPECT_EQ(Compare("NumericEquals", 0, "0"), "No");
  EXPECT_EQ(Compare("NumericEquals", 1, true), "No");
  EXPECT_EQ(Compare("BooleanEquals", true, 1), "No");
  EXPECT_EQ(Compare("BooleanEquals", false, Json::array()), "No");
}

TEST_F(ChoiceEvaluatorTest, NumericComparisonsTreatIntegersAndFloatsAlike) {
  EXPECT_EQ(Compare("NumericEquals", 0.0, 0), "Yes");
  EXPECT_EQ(Compare("NumericEquals", 1, 1.0), "Yes");
  EXPECT_EQ(Compare("NumericEquals", 2.22, 2.22), "Yes");
  EXPECT_EQ(Compare("NumericEquals", 1, 1.1), "No");
  EXPECT_EQ(Compare("NumericLessThan", 1, 0), "Yes");
  EXPECT_EQ(Compare("NumericLessThan", 1, 1), "No");
  EXPECT_EQ(Compare("NumericLessThanEquals", 1, 1), "Yes");
  EXPECT_EQ(Compare("NumericGreaterThan", 0, 1), "Yes");
  EXPECT_EQ(Compare("NumericGreaterThanEquals", 1, 0), "No");
}

TEST_F(ChoiceEvaluatorTest, StringComparisonsAreExactAndOrdered) {
  EXPECT_EQ(Compare("StringEquals", "Hello", "Hello"), "Yes");
  EXPECT_EQ(Compare("StringEquals", "\t\r\n", "\t\n"), "No");
  EXPECT_EQ(Compare("StringGreaterThan", "A ", "A"), "No");
  EXPECT_EQ(Compare("StringGreaterThan", "ABC", "AB"), "No");
  EXPECT_EQ(Compare("StringLessThan", "ABC", "AB"), "Yes");
  EXPECT_EQ(Compare("StringLessThanEquals", "AB", "AB"), "Yes");
  EXPECT_EQ(Compare("StringGreaterThanEquals", "AB", "B"), "Yes");
}

TEST_F(ChoiceEvaluatorTest, StringMatchesSupportsWildcardsAndEscapes) {
  EXPECT_EQ(Compare("StringMatches", "log-*.txt", "log-2024.txt"), "Yes");
  EXPECT_EQ(Compare("StringMatches", "log-*.txt", "log-.txt"), "Yes");
  EXPECT_EQ(Compare("StringMatches", "log-*.txt", "log-2024.csv"), "No");
  EXPECT_EQ(Compare("StringMatches", "*a*b*", "xxaxxbxx"), "Yes");
  EXPECT_EQ(Compare("StringMatches", "*a*b*", "xxbxxaxx"), "No");
  EXPECT_EQ(Compare("StringMatches", "a\\*b", "a*b"), "Yes");
  EXPECT_EQ(Compare("StringMatches", "a\\*b", "axb"), "No");
  EXPECT_EQ(Compare("StringMatches", "a\\\\b", "a\\b"), "Yes");
}

TEST_F(ChoiceEvaluatorTest, TimestampComparisonsParseRfc3339) {
  EXPECT_EQ(Compare("TimestampEquals", "2016-03-14T01:59:00Z", "2016-03-14T02:59:00+01:00"), "Yes");
  EXPECT_EQ(Compare("TimestampLessThan", "2016-03-14T01:59:00Z", "2016-03-14T01:58:59.999Z"),
            "Yes");
  EXPECT_EQ(Compare("TimestampGreaterThanEquals", "2016-03-14T01:59:00Z", "2016-03-14T01:59:00Z"),
            "Yes");
  EXPECT_EQ(Compare("TimestampEquals", "2016-03-14T01:59:00Z", "2016-03-14"), "No");
}

TEST_F(ChoiceEvaluatorTest, TypeTests) {
  EXPECT_EQ(Compare("IsNull", true, nullptr), "Yes");
  EXPECT_EQ(Compare("IsNull", true, 0), "No");
  EXPECT_EQ(Compare("IsNumeric", true, 1.1), "Yes");
  EXPECT_EQ(Compare("IsNumeric", true, "1"), "No");
  EXPECT_EQ(Compare("IsString", false, 1), "Yes");
  EXPECT_EQ(Compare("IsBoolean", true, false), "Yes");
  EXPECT_EQ(Compare("IsTimestamp", true, "2012-10-09T19:00:55Z"), "Yes");
  EXPECT_EQ(Compare("IsTimestamp", true, "2012-10-09T19:00:55"), "No");
  EXPECT_EQ(Compare("IsTimestamp", true, "2023-02-24"), "No");
}

TEST_F(ChoiceEvaluatorTest, IsPresentToleratesMissingVariables) {
  EXPECT_EQ(Run(R"({"Variable": "$.missing", "IsPresent": false, "Next": "Yes"})", Json::object()),
            "Yes");
  EXPECT_EQ(Run(R"({"Variable": "$.v", "IsPresent": true, "Next": "Yes"})", {{"v", nullptr}}),
            "Yes");
}

TEST_F(ChoiceEvaluatorTest, MissingVariableIsARuntimeError) {
  EXPECT_EQ(Run(R"({"Variable": "$.missing", "StringEquals": "x", "Next": "Yes"})", Json::object()),
            "States.Runtime");
  EXPECT_EQ(last_error_.message(),
            "An error occurred while executing the state 'C' (entered at the event id #2). "
            "Invalid path '$.missing': The choice state's condition path references an invalid "
            "value.");
}

TEST_F(ChoiceEvaluatorTest, PathOperandsReadTheInput) {
  const std::string rule = R"({"Variable": "$.a", "NumericLessThanPath": "$.b", "Next": "Yes"})";
  EXPECT_EQ(Run(rule, {{"a", 1}, {"b", 2}}), "Yes");
  EXPECT_EQ(Run(rule, {{"a", 3}, {"b", 2}}), "No");
  EXPECT_EQ(Run(R"({"Variable": "$.a", "StringEqualsPath": "$$.Execution.Name", "Next": "Yes"})",
                {{"a", "exec"}}),
            "Yes");
}

TEST_F(ChoiceEvaluatorTest, VariablesCanBeCompared) {
  variables_.Assign({{"limit", 10}});
  EXPECT_EQ(Run(R"({"Variable": "$limit", "NumericEquals": 10, "Next": "Yes"})", Json::object()),
            "Yes");
}

TEST_F(ChoiceEvaluatorTest, BooleanCombinators) {
  const std::string rule = R"({"And": [
      {"Variable": "$.a", "NumericGreaterThan": 1},
      {"Or": [{"Variable": "$.b", "StringEquals": "x"},
              {"Not": {"Variable": "$.c", "IsPresent": true}}]}],
    "Next": "Yes"})";
  EXPECT_EQ(Run(rule, {{"a", 2}, {"b", "x"}, {"c", 1}}), "Yes");
  EXPECT_EQ(Run(rule, {{"a", 2}, {"b", "y"}}), "Yes");
  EXPECT_EQ(Run(rule, {{"a", 2}, {"b", "y"}, {"c", 1}}), "No");
  EXPECT_EQ(Run(rule, {{"a", 0}, {"b", "x"}}), "No");
}

TEST_F(ChoiceEvaluatorTest, NoMatchWithoutDefaultHasNoNextState) {
  auto machine = ParseDefinition(R"({"StartAt": "C", "States": {
      "C": {"Type": "Choice", "Choices": [
        {"Variable": "$.a", "BooleanEquals": true, "Next": "Yes"}]},
      "Yes": {"Type": "Succeed"}}})");
  ASSERT_OK(machine);
  const auto& choice = (*machine)->graph.start_state->As<ChoiceState>();
  EvaluationContext context{.state_name = "C", .entered_event_id = 2};
  ASSERT_OK_AND_ASSIGN(ChoiceMatch match, EvaluateChoice(choice, {{"a", false}}, context));
  EXPECT_EQ(match.rule, nullptr);
  EXPECT_FALSE(match.next.has_value());
  EXPECT_TRUE(IsStatesError(NoChoiceMatchedError(context), kErrorNoChoiceMatched));
}

TEST_F(ChoiceEvaluatorTest, MatchedRuleExposesItsNextStateAndAssign) {
  auto machine = MachineWithRule(
      R"({"Variable": "$.a", "IsPresent": true, "Assign": {"seen": true}, "Next": "Yes"})");
  ASSERT_NE(machine, nullptr);
  const auto& choice = machine->graph.start_state->As<ChoiceState>();
  EvaluationContext context{.state_name = "C", .entered_event_id = 2};
  ASSERT_OK_AND_ASSIGN(ChoiceMatch match, EvaluateChoice(choice, {{"a", 1}}, context));
  ASSERT_NE(match.rule, nullptr);
  ASSERT_NE(match.next_state, nullptr);
  EXPECT_EQ(match.next_state->name, "Yes");
  ASSERT_TRUE(match.rule->assign.has_value());
}

TEST_F(ChoiceEvaluatorTest, JsonataConditionsUseTheEvaluator) {
  jsonata_.SetBody("$states.input.a > 1", [](const JsonataBindings& bindings) {
    return Result<std::optional<Json>>(
        std::optional<Json>((*bindings.states.input)["a"].get<int>() > 1));
  });
  jsonata_.Set("'text'", "text");
  auto machine =
      MachineWithRule(R"({"Condition": "{% $states.input.a > 1 %}", "Next": "Yes"})", "JSONata");
  ASSERT_NE(machine, nullptr);
  const auto& choice = machine->graph.start_state->As<ChoiceState>();
  EvaluationContext context{.state_name = "C", .entered_event_id = 2, .jsonata = &jsonata_};
  ASSERT_OK_AND_ASSIGN(ChoiceMatch yes, EvaluateChoice(choice, {{"a", 2}}, context));
  EXPECT_EQ(yes.next, "Yes");
  ASSERT_OK_AND_ASSIGN(ChoiceMatch no, EvaluateChoice(choice, {{"a", 0}}, context));
  EXPECT_EQ(no.next, "No");

  auto bad = MachineWithRule(R"({"Condition": "{% 'text' %}", "Next": "Yes"})", "JSONata");
  ASSERT_NE(bad, nullptr);
  auto result = EvaluateChoice(bad->graph.start_state->As<ChoiceState>(), {{"a", 0}}, context);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(IsStatesError(result.status(), kErrorQueryEvaluationError));
  EXPECT_THAT(result.status().message(),
              ::testing::HasSubstr("Expected 'boolean', but was 'string' for value: \"text\""));
}

}  // namespace
}  // namespace stratus::states::asl
