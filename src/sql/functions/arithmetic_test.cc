#include <gtest/gtest.h>

#include "sql/functions/function.h"
#include "sql/functions/function_tester.h"
#include "sql/types/decimal.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

std::string Eval(std::string_view name, const std::vector<Value>& arguments) {
  std::string flat = Describe(EvalScalar(name, arguments));
  const std::string constant = Describe(EvalScalarConstant(name, arguments));
  EXPECT_EQ(flat, constant) << "flat and constant arguments disagree";
  return flat;
}

Value Dec(int precision, int scale, int64_t unscaled) {
  return Value::Decimal(LogicalType::Decimal(precision, scale), unscaled);
}

TEST(ArithmeticTest, IntegersKeepTheirType) {
  EXPECT_EQ(Eval("$add", {Value::Integer(2), Value::Integer(3)}), "5 :: integer");
  EXPECT_EQ(Eval("$multiply", {Value::Bigint(4), Value::Integer(3)}), "12 :: bigint");
  EXPECT_EQ(Eval("$divide", {Value::Integer(7), Value::Integer(2)}), "3 :: integer");
  EXPECT_EQ(Eval("$divide", {Value::Integer(-7), Value::Integer(2)}), "-3 :: integer");
  EXPECT_EQ(Eval("$modulus", {Value::Integer(-7), Value::Integer(3)}), "-1 :: integer");
  EXPECT_EQ(Eval("$negate", {Value::Smallint(5)}), "-5 :: smallint");
}

TEST(ArithmeticTest, IntegerOverflowIsAnError) {
  EXPECT_EQ(Eval("$add", {Value::Bigint(9223372036854775807), Value::Bigint(1)}),
            "NUMERIC_VALUE_OUT_OF_RANGE: bigint addition overflow: 9223372036854775807 + 1");
  EXPECT_EQ(Eval("$multiply", {Value::Integer(2147483647), Value::Integer(2)}),
            "NUMERIC_VALUE_OUT_OF_RANGE: integer multiplication overflow: 2147483647 * 2");
  EXPECT_EQ(Eval("$negate", {Value::Tinyint(-128)}),
            "NUMERIC_VALUE_OUT_OF_RANGE: tinyint negation overflow: -128");
}

TEST(ArithmeticTest, DivisionByZeroIsAnErrorForExactTypes) {
  EXPECT_EQ(Eval("$divide", {Value::Integer(1), Value::Integer(0)}),
            "DIVISION_BY_ZERO: Division by zero");
  EXPECT_EQ(Eval("$modulus", {Value::Bigint(1), Value::Bigint(0)}),
            "DIVISION_BY_ZERO: Division by zero");
  EXPECT_EQ(Eval("$divide", {Dec(3, 1, 10), Dec(3, 1, 0)}), "DIVISION_BY_ZERO: Division by zero");
  EXPECT_EQ(Eval("$divide", {Value::Double(1), Value::Double(0)}), "Infinity :: double");
}

TEST(ArithmeticTest, NullOperandsGiveNull) {
  EXPECT_EQ(Eval("$add", {Value::Null(LogicalType::Integer()), Value::Integer(1)}),
            "NULL :: integer");
  // A NULL row never raises, even where its garbage value would.
  EXPECT_EQ(Eval("$divide", {Value::Integer(1), Value::Null(LogicalType::Integer())}),
            "NULL :: integer");
  EXPECT_EQ(Eval("$add", {Value(), Value::Bigint(1)}), "NULL :: bigint");
}

TEST(ArithmeticTest, FloatingPointFollowsIeee) {
  EXPECT_EQ(Eval("$add", {Value::Double(0.1), Value::Double(0.2)}),
            "0.30000000000000004 :: double");
  EXPECT_EQ(Eval("$add", {Value::Integer(1), Value::Real(0.5F)}), "1.5 :: real");
  EXPECT_EQ(Eval("$multiply", {Value::Bigint(2), Value::Double(1.5)}), "3.0 :: double");
}

TEST(ArithmeticTest, DecimalsUseTrinoPrecisionAndScale) {
  EXPECT_EQ(Eval("$add", {Dec(3, 2, 125), Dec(2, 1, 11)}), "2.35 :: decimal(4,2)");
  EXPECT_EQ(Eval("$multiply", {Dec(3, 2, 125), Dec(2, 1, 11)}), "1.375 :: decimal(5,3)");
  EXPECT_EQ(Eval("$divide", {Dec(2, 0, 10), Dec(2, 0, 3)}), "3 :: decimal(2,0)");
  EXPECT_EQ(Eval("$divide", {Dec(3, 1, 100), Dec(2, 1, 30)}), "3.3 :: decimal(4,1)");
  EXPECT_EQ(Eval("$divide", {Dec(3, 1, 20), Dec(2, 1, 30)}), "0.7 :: decimal(4,1)");
  EXPECT_EQ(Eval("$modulus", {Dec(3, 1, 75), Dec(2, 1, 20)}), "1.5 :: decimal(2,1)");
  EXPECT_EQ(Eval("$subtract", {Value::Integer(1), Dec(2, 1, 15)}), "-0.5 :: decimal(12,1)");
  EXPECT_EQ(Eval("$negate", {Dec(3, 2, 125)}), "-1.25 :: decimal(3,2)");
}

TEST(ArithmeticTest, LongDecimalsAreExact) {
  const LogicalType big = LogicalType::Decimal(38, 0);
  const Int128 nines = PowerOfTen(38) - 1;
  EXPECT_EQ(Eval("$add", {Value::Decimal(big, nines), Value::Decimal(big, 1)}),
            "NUMERIC_VALUE_OUT_OF_RANGE: Decimal overflow");
  EXPECT_EQ(Eval("$add", {Value::Decimal(LogicalType::Decimal(20, 2), 1),
                          Value::Decimal(LogicalType::Decimal(20, 2), 2)}),
            "0.03 :: decimal(21,2)");
}

TEST(ArithmeticTest, DatesAndTimestampsMoveByIntervals) {
  const Value date = Value::Date(19724);  // 2024-01-02
  EXPECT_EQ(Eval("$add", {date, Value::IntervalDayToSecond(2 * 86400000LL)}), "2024-01-04 :: date");
  EXPECT_EQ(Eval("$add", {Value::Date(19752), Value::IntervalYearToMonth(1)}),
            "2024-02-29 :: date");  // 2024-01-30 + 1 month clamps.
  EXPECT_EQ(Eval("$add", {date, Value::IntervalDayToSecond(3600000)}),
            "INVALID_FUNCTION_ARGUMENT: Cannot add hour, minutes or seconds to a date");
  const Value timestamp = Value::Timestamp(1704164645123);
  EXPECT_EQ(Eval("$subtract", {timestamp, Value::IntervalDayToSecond(1000)}),
            "2024-01-02 03:04:04.123 :: timestamp(3)");
  EXPECT_EQ(Eval("$subtract", {timestamp, Value::Timestamp(1704164645000)}),
            "0 00:00:00.123 :: interval day to second");
}

}  // namespace
}  // namespace stratus::sql::functions
