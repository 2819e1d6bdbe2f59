// Numeric, aggregation and boolean functions.

#include <gtest/gtest.h>

#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/expression_tester.h"

namespace stratus::states {
namespace {

TEST(NumericFunctionsTest, ConvertsToNumbers) {
  ExpressionTester tester;
  tester.ExpectAll({
      {R"($number("5"))", "5"},
      {R"($number("-0.5e1"))", "-5"},
      {R"($number("0x12"))", "18"},
      {R"($number("0b101"))", "5"},
      {"$number(true)", "1"},
      {"$number(nothing)", "undefined"},
  });
  EXPECT_EQ(tester.ErrorCode(R"($number("abc"))"), "D3030");
  EXPECT_EQ(tester.Text(R"($number("abc"))"),
            R"(error: D3030: Unable to cast value to a number: "abc")");
}

TEST(NumericFunctionsTest, RoundsHalfToEven) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"$round(123.456)", "123"},
      {"$round(123.456, 2)", "123.46"},
      {"$round(123.456, -1)", "120"},
      {"$round(123.456, -2)", "100"},
      {"$round(11.5)", "12"},
      {"$round(12.5)", "12"},
      {"$round(125, -1)", "120"},
      {"$round(-0.5)", "0"},
      {"$round(2.675, 2)", "2.68"},
  });
}

TEST(NumericFunctionsTest, ComputesMathFunctions) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"$abs(-5)", "5"},
      {"$floor(5.3)", "5"},
      {"$floor(-5.3)", "-6"},
      {"$ceil(5.3)", "6"},
      {"$power(2, 8)", "256"},
      {"$power(2, 0.5)", "1.4142135623730951"},
      {"$sqrt(4)", "2"},
      {"$formatBase(100, 2)", R"("1100100")"},
      {"$formatBase(2555, 16)", R"("9fb")"},
      {"$formatBase(-10, 8)", R"("-12")"},
  });
  EXPECT_EQ(tester.ErrorCode("$sqrt(-1)"), "D3060");
  EXPECT_EQ(tester.ErrorCode("$power(10, 1000)"), "D3061");
  EXPECT_EQ(tester.ErrorCode("$formatBase(1, 40)"), "D3100");
}

TEST(NumericFunctionsTest, Aggregates) {
  ExpressionTester tester(R"({"values": [1, 5, 3]})");
  tester.ExpectAll({
      {"$sum(values)", "9"},
      {"$sum([])", "0"},
      {"$sum(7)", "7"},
      {"$max(values)", "5"},
      {"$min(values)", "1"},
      {"$average([1, 2, 3, 4])", "2.5"},
      {"$max([])", "undefined"},
      {"$sum(nothing)", "undefined"},
  });
  EXPECT_EQ(tester.ErrorCode(R"($sum(["a"]))"), "T0412");
  EXPECT_EQ(tester.ErrorCode(R"($sum("a"))"), "T0412");
}

TEST(NumericFunctionsTest, ComputesEffectiveBooleans) {
  ExpressionTester tester;
  tester.ExpectAll({
      {R"($boolean(""))", "false"},
      {R"($boolean("0"))", "true"},
      {"$boolean(0)", "false"},
      {"$boolean([])", "false"},
      {"$boolean([0, 1])", "true"},
      {"$boolean([0, false])", "false"},
      {"$boolean({})", "false"},
      {"$boolean(null)", "false"},
      {"$boolean(function(){1})", "false"},
      {"$not(true)", "false"},
      {"$not(nothing)", "undefined"},
      {"$exists(nothing)", "false"},
      {"$exists(null)", "true"},
  });
}

TEST(NumericFunctionsTest, DrawsRandomNumbersFromTheIdGenerator) {
  ExpressionTester tester;
  Result<std::optional<Json>> value = tester.Evaluate("$random()");
  ASSERT_TRUE(value.ok()) << value.status().ToString();
  ASSERT_TRUE(value->has_value());
  const double number = (*value)->get<double>();
  EXPECT_GE(number, 0);
  EXPECT_LT(number, 1);
  // The same seed gives the same sequence.
  ExpressionTester first;
  ExpressionTester second;
  EXPECT_EQ(first.Text("$random()"), second.Text("$random()"));
}

}  // namespace
}  // namespace stratus::states
