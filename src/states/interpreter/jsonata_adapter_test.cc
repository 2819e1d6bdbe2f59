#include "states/interpreter/jsonata_adapter.h"

#include <gtest/gtest.h>

#include "base/random.h"
#include "states/asl/jsonata_evaluator.h"
#include "states/asl/variables.h"
#include "testing/status_matchers.h"

namespace stratus::states::interpreter {
namespace {

TEST(JsonataAdapterTest, BindsStatesAndTheVariablesAnExpressionNames) {
  IdGenerator ids(1);
  auto evaluator = MakeJsonataEvaluator(ids);
  asl::VariableScope outer;
  outer.Assign(Json{{"rate", 2}, {"unused", 0}});
  asl::VariableScope inner(&outer);
  inner.Assign(Json{{"name", "n"}});
  const Json input = Json{{"x", 21}};
  const Json context = Json{{"Execution", Json{{"Name", "run"}}}};
  asl::JsonataBindings bindings{
      .states = {.input = &input, .result = nullptr, .error_output = nullptr},
      .context = &context,
      .variables = &inner};
  ASSERT_OK_AND_ASSIGN(std::optional<Json> value,
                       evaluator->Evaluate("{'v': $states.input.x * $rate, 'n': $name, "
                                           "'e': $states.context.Execution.Name}",
                                           bindings));
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(*value, Json::parse(R"({"v": 42, "n": "n", "e": "run"})"));
}

TEST(JsonataAdapterTest, UndefinedIsNulloptAndSyntaxErrorsAreReported) {
  IdGenerator ids(1);
  auto evaluator = MakeJsonataEvaluator(ids);
  asl::JsonataBindings bindings;
  ASSERT_OK_AND_ASSIGN(std::optional<Json> value, evaluator->Evaluate("$nothing", bindings));
  EXPECT_FALSE(value.has_value());
  EXPECT_FALSE(evaluator->CheckSyntax("1 +").ok());
  EXPECT_OK(evaluator->CheckSyntax("$partition([1,2,3], 2)"));
}

TEST(JsonataAdapterTest, ProvidesTheAwsFunctions) {
  IdGenerator ids(1);
  auto evaluator = MakeJsonataEvaluator(ids);
  asl::JsonataBindings bindings;
  ASSERT_OK_AND_ASSIGN(std::optional<Json> value,
                       evaluator->Evaluate("$partition([1,2,3], 2)", bindings));
  EXPECT_EQ(*value, Json::parse("[[1,2],[3]]"));
}

}  // namespace
}  // namespace stratus::states::interpreter
