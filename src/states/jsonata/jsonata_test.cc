// The public API: compile once, evaluate many times, bindings, errors.

#include "states/jsonata/jsonata.h"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "states/jsonata/expression_tester.h"
#include "testing/status_matchers.h"

namespace stratus::states {
namespace {

Result<std::optional<Json>> EvaluateText(std::string_view text,
                                         const Json& input,
                                         const JsonataBindings& bindings) {
  STRATUS_ASSIGN_OR_RETURN(JsonataExpression expression, JsonataExpression::Compile(text));
  return expression.Evaluate(input, bindings);
}

TEST(JsonataTest, ErrorCodeIsTheMessagePrefix) {
  const Status status = Status::InvalidArgument("T2001: The left side of the + operator");
  EXPECT_EQ(JsonataErrorCode(status), "T2001");
  EXPECT_EQ(JsonataErrorMessage(status), "The left side of the + operator");
  EXPECT_EQ(JsonataErrorCode(Status::InvalidArgument("no code here")), "");
}

TEST(JsonataTest, DistinguishesUndefinedFromNull) {
  JsonataBindings bindings;
  const Json input = {{"a", nullptr}};
  ASSERT_OK_AND_ASSIGN(std::optional<Json> missing, EvaluateText("b", input, bindings));
  EXPECT_FALSE(missing.has_value());
  ASSERT_OK_AND_ASSIGN(std::optional<Json> null, EvaluateText("a", input, bindings));
  ASSERT_TRUE(null.has_value());
  EXPECT_TRUE(null->is_null());
}

TEST(JsonataTest, KeepsIntegralNumbersAsIntegers) {
  JsonataBindings bindings;
  ASSERT_OK_AND_ASSIGN(std::optional<Json> three,
                       EvaluateText("1.5 * 2", Json::object(), bindings));
  ASSERT_TRUE(three.has_value());
  EXPECT_TRUE(three->is_number_integer());
  EXPECT_EQ(DumpJson(*three), "3");
  ASSERT_OK_AND_ASSIGN(std::optional<Json> half, EvaluateText("1 / 2", Json::object(), bindings));
  EXPECT_EQ(DumpJson(*half), "0.5");
}

TEST(JsonataTest, CompilesOnceAndEvaluatesManyTimes) {
  ASSERT_OK_AND_ASSIGN(JsonataExpression expression, JsonataExpression::Compile("a * 2"));
  EXPECT_EQ(expression.text(), "a * 2");
  JsonataBindings bindings;
  for (int i = 0; i < 5; ++i) {
    ASSERT_OK_AND_ASSIGN(std::optional<Json> result, expression.Evaluate({{"a", i}}, bindings));
    EXPECT_EQ(*result, Json(i * 2));
  }
}

TEST(JsonataTest, EvaluatesOneExpressionFromManyThreads) {
  ASSERT_OK_AND_ASSIGN(JsonataExpression expression,
                       JsonataExpression::Compile("$sum($map(items, function($v){$v * $k}))"));
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&expression, &failures, t] {
      JsonataBindings bindings;
      bindings.SetVariable("k", t);
      const Json input = {{"items", {1, 2, 3}}};
      for (int i = 0; i < 200; ++i) {
        Result<std::optional<Json>> result = expression.Evaluate(input, bindings);
        if (!result.ok() || !result->has_value() || **result != Json(6 * t)) {
          ++failures[static_cast<size_t>(t)];
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST(JsonataTest, BindsVariablesByValueAndByReference) {
  JsonataBindings bindings;
  bindings.SetVariable("copied", Json{{"x", 1}});
  Json borrowed = {{"x", 2}};
  bindings.BindVariable("borrowed", borrowed);
  ASSERT_OK_AND_ASSIGN(std::optional<Json> result,
                       EvaluateText("$copied.x + $borrowed.x", Json::object(), bindings));
  EXPECT_EQ(*result, Json(3));
  borrowed["x"] = 10;  // a borrowed binding sees the caller's value
  ASSERT_OK_AND_ASSIGN(result, EvaluateText("$borrowed.x", Json::object(), bindings));
  EXPECT_EQ(*result, Json(10));
}

TEST(JsonataTest, BindsStatesAsAnObjectOfBorrowedMembers) {
  const Json input = {{"value", 25}, {"items", {1, 2}}};
  const Json context = {{"Execution", {{"Name", "run-1"}}}};
  JsonataBindings bindings;
  bindings.BindObject("states", {{"input", &input}, {"context", &context}});
  ExpressionCase cases[] = {
      {"$states.input.value >= 20 and $states.input.value < 30", "true"},
      {"$states.context.Execution.Name", R"("run-1")"},
      {"$states.input.items", "[1, 2]"},
      {"$states.input.items[1]", "2"},
      {"$states.result", "undefined"},
      {"$keys($states)", R"(["context", "input"])"},
      {"$states.input.items.($ * 10)", "[10, 20]"},
      {"($states := {'input': 1}; $states.input)", "1"},
  };
  for (const ExpressionCase& c : cases) {
    SCOPED_TRACE(std::string(c.expression));
    ASSERT_OK_AND_ASSIGN(std::optional<Json> result, EvaluateText(c.expression, Json(), bindings));
    if (c.expected == "undefined") {
      EXPECT_FALSE(result.has_value());
    } else {
      ASSERT_TRUE(result.has_value());
      EXPECT_EQ(*result, Json::parse(c.expected));
    }
  }
}

TEST(JsonataTest, CallsNativeFunctionsWithSignatures) {
  JsonataBindings bindings;
  bindings.SetFunction(
      "twice",
      {.signature = "<n-:n>",
       .body = [](std::span<const std::optional<Json>> args) -> Result<std::optional<Json>> {
         return std::optional<Json>(args[0]->get<double>() * 2);
       }});
  bindings.SetFunction(
      "pair",
      {.body = [](std::span<const std::optional<Json>> args) -> Result<std::optional<Json>> {
         return std::optional<Json>(Json::array({args[0].value_or(nullptr), args.size()}));
       },
       .returns_sequence = true});
  ASSERT_OK_AND_ASSIGN(std::optional<Json> result,
                       EvaluateText("$twice(21)", Json::object(), bindings));
  EXPECT_EQ(DumpJson(*result), "42");
  ASSERT_OK_AND_ASSIGN(result, EvaluateText("[1, 2].$twice()", Json::object(), bindings));
  EXPECT_EQ(DumpJson(*result), "[2,4]");
  Result<std::optional<Json>> bad = EvaluateText(R"($twice("x"))", Json::object(), bindings);
  EXPECT_EQ(JsonataErrorCode(bad.status()), "T0410");
  ASSERT_OK_AND_ASSIGN(result, EvaluateText(R"($pair("a"))", Json::object(), bindings));
  EXPECT_EQ(DumpJson(*result), R"(["a",1])");
}

TEST(JsonataTest, LayersBindingsOverAParent) {
  FakeClock clock;
  IdGenerator ids(3);
  JsonataBindings shared;
  shared.set_clock(&clock);
  AddAwsFunctions(shared, ids);
  shared.SetVariable("greeting", "hello");
  shared.set_max_steps(1000);

  const Json input = {{"n", 2}};
  JsonataBindings per_evaluation(&shared);
  per_evaluation.BindObject("states", {{"input", &input}});
  per_evaluation.SetVariable("greeting", "hi");
  EXPECT_EQ(per_evaluation.max_steps(), 1000u);
  ASSERT_OK_AND_ASSIGN(
      std::optional<Json> result,
      EvaluateText("[$greeting, [$partition([1, 2, 3], $states.input.n)], $millis()]", Json(),
                   per_evaluation));
  EXPECT_EQ(*result, Json::parse(R"(["hi", [[1, 2], [3]], 1767225600000])"));
}

TEST(JsonataTest, BindingsShadowBuiltInFunctions) {
  JsonataBindings bindings;
  bindings.SetFunction(
      "uppercase",
      {.body = [](std::span<const std::optional<Json>>) -> Result<std::optional<Json>> {
        return std::optional<Json>("shadowed");
      }});
  ASSERT_OK_AND_ASSIGN(std::optional<Json> result,
                       EvaluateText(R"($uppercase("a"))", Json::object(), bindings));
  EXPECT_EQ(*result, Json("shadowed"));
}

TEST(JsonataTest, RejectsSyntaxErrorsAtCompileTime) {
  struct Case {
    std::string_view text;
    std::string_view code;
  };

  const Case cases[] = {
      {"1 +", "S0207"},     {"(1", "S0203"},      {"[1, 2", "S0203"},
      {R"("abc)", "S0101"}, {"1 2", "S0201"},     {"/abc", "S0302"},
      {"1 ! 2", "S0204"},   {"a.1", "S0213"},     {"function(a){1}", "S0208"},
      {"5 := 1", "S0212"},  {R"("\q")", "S0103"}, {"`abc", "S0105"},
      {"/* open", "S0106"}, {"}", "S0211"},       {"%", "S0217"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    Result<JsonataExpression> compiled = JsonataExpression::Compile(c.text);
    ASSERT_FALSE(compiled.ok());
    EXPECT_EQ(compiled.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(JsonataErrorCode(compiled.status()), c.code) << compiled.status().message();
  }
  EXPECT_EQ(JsonataExpression::Compile("(1").status().message(),
            "S0203: Expected \")\" before end of expression");
}

TEST(JsonataTest, RejectsFunctionResults) {
  JsonataBindings bindings;
  Result<std::optional<Json>> result = EvaluateText("function($x){$x}", Json::object(), bindings);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(JsonataErrorCode(result.status()), kJsonataUnsupportedResultCode);
  EXPECT_EQ(JsonataErrorCode(EvaluateText("[$sum]", Json::object(), bindings).status()),
            kJsonataUnsupportedResultCode);
}

TEST(JsonataTest, EvaluatesTheExpressionsOfTheConformanceTemplates) {
  ExpressionTester tester(R"({"value": 25, "type": "Public", "str_value": "string literal",
                              "input_values": [1, 2, 3], "part1": {"hello": "world"},
                              "part2": {"foo": "bar"}, "result": {"done": true}})");
  tester.bindings().SetVariable("var_constant_1", 10);
  tester.ExpectAll({
      {"value >= 20 and value < 30", "true"},
      {"type = 'Public'", "true"},
      {"$not(type = 'Private')", "true"},
      {"$not(result.done)", "false"},
      {R"(str_value = "string literal")", "true"},
      {"$sum(input_values) + $var_constant_1", "16"},
      {"$merge([part1, part2])", R"({"hello": "world", "foo": "bar"})"},
      {R"($contains("hello$world", /^hello\$/))", "true"},
      {"'2016-03-14T01:59:00Z'", R"("2016-03-14T01:59:00Z")"},
      {"$variable := 1", "1"},
      {"$doesNotExist", "undefined"},
  });
}

}  // namespace
}  // namespace stratus::states
