#include <cmath>

#include <gtest/gtest.h>

#include "sql/functions/function.h"
#include "sql/functions/function_tester.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

std::string Eval(std::string_view name, const std::vector<Value>& arguments) {
  std::string flat = Describe(EvalScalar(name, arguments));
  EXPECT_EQ(flat, Describe(EvalScalarConstant(name, arguments)));
  return flat;
}

Value Dec(int precision, int scale, int64_t unscaled) {
  return Value::Decimal(LogicalType::Decimal(precision, scale), unscaled);
}

TEST(MathFunctionsTest, AbsKeepsTheTypeAndChecksTheMinimum) {
  EXPECT_EQ(Eval("abs", {Value::Integer(-5)}), "5 :: integer");
  EXPECT_EQ(Eval("abs", {Value::Double(-1.5)}), "1.5 :: double");
  EXPECT_EQ(Eval("abs", {Dec(3, 2, -125)}), "1.25 :: decimal(3,2)");
  EXPECT_EQ(Eval("abs", {Value::Tinyint(-128)}),
            "NUMERIC_VALUE_OUT_OF_RANGE: Value -128 is out of range for abs(tinyint)");
}

TEST(MathFunctionsTest, RoundingFollowsTrino) {
  EXPECT_EQ(Eval("round", {Value::Double(2.5)}), "3.0 :: double");
  EXPECT_EQ(Eval("round", {Value::Double(-2.5)}), "-3.0 :: double");
  EXPECT_EQ(Eval("round", {Value::Double(3.14159), Value::Integer(2)}), "3.14 :: double");
  EXPECT_EQ(Eval("round", {Value::Integer(1234), Value::Integer(-2)}), "1200 :: integer");
  EXPECT_EQ(Eval("round", {Dec(4, 2, 1255)}), "13 :: decimal(3,0)");
  EXPECT_EQ(Eval("round", {Dec(4, 2, 1255), Value::Integer(1)}), "12.60 :: decimal(5,2)");
  EXPECT_EQ(Eval("floor", {Dec(4, 2, -1255)}), "-13 :: decimal(3,0)");
  EXPECT_EQ(Eval("ceil", {Value::Double(1.2)}), "2.0 :: double");
  EXPECT_EQ(Eval("ceiling", {Dec(4, 2, 1201)}), "13 :: decimal(3,0)");
  EXPECT_EQ(Eval("truncate", {Value::Double(-1.7)}), "-1.0 :: double");
  EXPECT_EQ(Eval("truncate", {Dec(4, 2, 1299)}), "12 :: decimal(2,0)");
}

TEST(MathFunctionsTest, ModMatchesTheOperator) {
  EXPECT_EQ(Eval("mod", {Value::Integer(7), Value::Integer(3)}), "1 :: integer");
  EXPECT_EQ(Eval("mod", {Value::Double(7.5), Value::Double(2)}), "1.5 :: double");
  EXPECT_EQ(Eval("mod", {Value::Integer(7), Value::Integer(0)}),
            "DIVISION_BY_ZERO: Division by zero");
}

TEST(MathFunctionsTest, PowersRootsAndLogarithmsReturnDouble) {
  EXPECT_EQ(Eval("power", {Value::Integer(2), Value::Integer(10)}), "1024.0 :: double");
  EXPECT_EQ(Eval("sqrt", {Value::Integer(16)}), "4.0 :: double");
  EXPECT_EQ(Eval("sqrt", {Value::Integer(-1)}), "NaN :: double");
  EXPECT_EQ(Eval("cbrt", {Value::Double(27)}), "3.0 :: double");
  EXPECT_EQ(Eval("ln", {Value::Double(1)}), "0.0 :: double");
  EXPECT_EQ(Eval("log10", {Value::Bigint(1000)}), "3.0 :: double");
  EXPECT_EQ(Eval("log2", {Value::Bigint(8)}), "3.0 :: double");
  EXPECT_EQ(Eval("log", {Value::Double(10), Value::Double(100)}), "2.0 :: double");
}

TEST(MathFunctionsTest, ConstantsAndClassification) {
  EXPECT_EQ(Eval("pi", {}), "3.141592653589793 :: double");
  EXPECT_EQ(Eval("infinity", {}), "Infinity :: double");
  EXPECT_EQ(Eval("is_nan", {Value::Double(std::nan(""))}), "true :: boolean");
  EXPECT_EQ(Eval("is_finite", {Value::Integer(1)}), "true :: boolean");
  EXPECT_EQ(Eval("sign", {Value::Double(-2)}), "-1.0 :: double");
  EXPECT_EQ(Eval("sign", {Value::Integer(5)}), "1 :: bigint");
}

TEST(MathFunctionsTest, WidthBucketAndBases) {
  EXPECT_EQ(Eval("width_bucket",
                 {Value::Double(5.3), Value::Double(0), Value::Double(10), Value::Bigint(5)}),
            "3 :: bigint");
  EXPECT_EQ(Eval("to_base", {Value::Bigint(255), Value::Bigint(16)}), "ff :: varchar(64)");
  EXPECT_EQ(Eval("from_base", {Value::Varchar("ff"), Value::Bigint(16)}), "255 :: bigint");
  EXPECT_EQ(Eval("from_base", {Value::Varchar("fg"), Value::Bigint(16)}),
            "INVALID_FUNCTION_ARGUMENT: Not a valid base-16 number: fg");
}

TEST(MathFunctionsTest, FormatNumberUsesUnits) {
  EXPECT_EQ(Eval("format_number", {Value::Bigint(123456)}), "123K :: varchar");
  EXPECT_EQ(Eval("format_number", {Value::Bigint(12345)}), "12.3K :: varchar");
  EXPECT_EQ(Eval("format_number", {Value::Bigint(-1234)}), "-1.23K :: varchar");
  EXPECT_EQ(Eval("format_number", {Value::Bigint(1000000)}), "1M :: varchar");
  EXPECT_EQ(Eval("format_number", {Value::Bigint(12)}), "12 :: varchar");
}

TEST(MathFunctionsTest, RandomIsNotDeterministicAndStaysInRange) {
  auto binding = FunctionRegistry::Default().ResolveScalar("rand", {});
  ASSERT_TRUE(binding.ok());
  EXPECT_FALSE((*binding)->deterministic);
  Result<Value> value = EvalScalar("random", {Value::Bigint(10)});
  ASSERT_TRUE(value.ok());
  EXPECT_GE(value->int64_value(), 0);
  EXPECT_LT(value->int64_value(), 10);
}

}  // namespace
}  // namespace stratus::sql::functions
