#include <gtest/gtest.h>

#include "sql/functions/function.h"
#include "sql/functions/function_tester.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

std::string Cast(const Value& value, const LogicalType& to) {
  return Describe(EvalCast(value, to));
}

std::string TryCast(const Value& value, const LogicalType& to) {
  return Describe(EvalCast(value, to, true));
}

TEST(CastTest, DoubleToIntegerRoundsHalfAwayFromZero) {
  EXPECT_EQ(Cast(Value::Double(2.5), LogicalType::Integer()), "3 :: integer");
  EXPECT_EQ(Cast(Value::Double(-2.5), LogicalType::Integer()), "-3 :: integer");
  EXPECT_EQ(Cast(Value::Double(2.4), LogicalType::Bigint()), "2 :: bigint");
  EXPECT_EQ(Cast(Value::Real(1.5F), LogicalType::Tinyint()), "2 :: tinyint");
}

TEST(CastTest, OutOfRangeNumbersFail) {
  EXPECT_EQ(Cast(Value::Bigint(3000000000), LogicalType::Integer()),
            "NUMERIC_VALUE_OUT_OF_RANGE: Out of range for integer: 3000000000");
  EXPECT_EQ(Cast(Value::Double(1e20), LogicalType::Bigint()),
            "INVALID_CAST_ARGUMENT: Unable to cast 1.0E20 to bigint");
  EXPECT_EQ(Cast(Value::Double(std::nan("")), LogicalType::Integer()),
            "INVALID_CAST_ARGUMENT: Unable to cast NaN to integer");
  EXPECT_EQ(Cast(Value::Integer(300), LogicalType::Tinyint()),
            "NUMERIC_VALUE_OUT_OF_RANGE: Out of range for tinyint: 300");
}

TEST(CastTest, VarcharToNumberAllowsSurroundingSpacesOnly) {
  EXPECT_EQ(Cast(Value::Varchar("  42 "), LogicalType::Bigint()), "42 :: bigint");
  EXPECT_EQ(Cast(Value::Varchar("-7"), LogicalType::Integer()), "-7 :: integer");
  EXPECT_EQ(Cast(Value::Varchar("4 2"), LogicalType::Bigint()),
            "INVALID_CAST_ARGUMENT: Cannot cast '4 2' to BIGINT");
  EXPECT_EQ(Cast(Value::Varchar("1.5"), LogicalType::Integer()),
            "INVALID_CAST_ARGUMENT: Cannot cast '1.5' to INT");
  EXPECT_EQ(Cast(Value::Varchar("99999999999"), LogicalType::Integer()),
            "INVALID_CAST_ARGUMENT: Cannot cast '99999999999' to INT");
  EXPECT_EQ(Cast(Value::Varchar(" 1.5e3 "), LogicalType::Double()), "1500.0 :: double");
  EXPECT_EQ(Cast(Value::Varchar("NaN"), LogicalType::Double()), "NaN :: double");
  EXPECT_EQ(Cast(Value::Varchar("abc"), LogicalType::Double()),
            "INVALID_CAST_ARGUMENT: Cannot cast 'abc' to DOUBLE");
  EXPECT_EQ(Cast(Value::Varchar("12.345"), LogicalType::Decimal(10, 2)), "12.35 :: decimal(10,2)");
  EXPECT_EQ(Cast(Value::Varchar("x"), LogicalType::Decimal(10, 2)),
            "INVALID_CAST_ARGUMENT: Cannot cast VARCHAR 'x' to DECIMAL(10, 2). Value is not a "
            "number.");
}

TEST(CastTest, TryCastTurnsFailuresIntoNull) {
  EXPECT_EQ(TryCast(Value::Varchar("abc"), LogicalType::Bigint()), "NULL :: bigint");
  EXPECT_EQ(TryCast(Value::Varchar("12"), LogicalType::Bigint()), "12 :: bigint");
  EXPECT_EQ(TryCast(Value::Varchar("2024-13-01"), LogicalType::Date()), "NULL :: date");
}

TEST(CastTest, DecimalRescalingRoundsHalfUp) {
  const LogicalType d32 = LogicalType::Decimal(3, 2);
  EXPECT_EQ(Cast(Value::Decimal(d32, 125), LogicalType::Decimal(2, 1)), "1.3 :: decimal(2,1)");
  EXPECT_EQ(Cast(Value::Decimal(d32, -125), LogicalType::Decimal(2, 1)), "-1.3 :: decimal(2,1)");
  EXPECT_EQ(Cast(Value::Decimal(d32, 125), LogicalType::Decimal(20, 4)), "1.2500 :: decimal(20,4)");
  EXPECT_EQ(Cast(Value::Decimal(d32, 999), LogicalType::Decimal(2, 1)),
            "INVALID_CAST_ARGUMENT: Cannot cast DECIMAL(3, 2) '9.99' to DECIMAL(2, 1)");
  EXPECT_EQ(Cast(Value::Decimal(d32, 250), LogicalType::Integer()), "3 :: integer");
  EXPECT_EQ(Cast(Value::Decimal(d32, 125), LogicalType::Double()), "1.25 :: double");
  EXPECT_EQ(Cast(Value::Double(0.1), LogicalType::Decimal(10, 2)), "0.10 :: decimal(10,2)");
  EXPECT_EQ(Cast(Value::Bigint(1000), LogicalType::Decimal(2, 0)),
            "INVALID_CAST_ARGUMENT: Cannot cast BIGINT '1000' to DECIMAL(2, 0)");
}

TEST(CastTest, NumbersRenderAsTrinoDoesInVarchar) {
  EXPECT_EQ(Cast(Value::Double(1.5), LogicalType::Varchar()), "1.5E0 :: varchar");
  EXPECT_EQ(Cast(Value::Double(1234.0), LogicalType::Varchar()), "1.234E3 :: varchar");
  EXPECT_EQ(Cast(Value::Double(0.001), LogicalType::Varchar()), "1.0E-3 :: varchar");
  EXPECT_EQ(Cast(Value::Double(0), LogicalType::Varchar()), "0E0 :: varchar");
  EXPECT_EQ(Cast(Value::Double(1), LogicalType::Varchar()), "1.0E0 :: varchar");
  EXPECT_EQ(Cast(Value::Bigint(-12), LogicalType::Varchar()), "-12 :: varchar");
  EXPECT_EQ(Cast(Value::Boolean(true), LogicalType::Varchar()), "true :: varchar");
  EXPECT_EQ(Cast(Value::Decimal(LogicalType::Decimal(5, 2), -5), LogicalType::Varchar()),
            "-0.05 :: varchar");
  EXPECT_EQ(Cast(Value::Bigint(12345), LogicalType::Varchar(3)),
            "INVALID_CAST_ARGUMENT: Value 12345 cannot be represented as varchar(3)");
}

TEST(CastTest, DatesAndTimestampsParseAndRender) {
  EXPECT_EQ(Cast(Value::Varchar("2024-01-02"), LogicalType::Date()), "2024-01-02 :: date");
  EXPECT_EQ(Cast(Value::Varchar("2024-02-30"), LogicalType::Date()),
            "INVALID_CAST_ARGUMENT: Value cannot be cast to date: 2024-02-30");
  EXPECT_EQ(Cast(Value::Varchar("2024-01-02 03:04:05.123"), LogicalType::Timestamp()),
            "2024-01-02 03:04:05.123 :: timestamp(3)");
  EXPECT_EQ(Cast(Value::Varchar("2024-01-02"), LogicalType::Timestamp()),
            "2024-01-02 00:00:00.000 :: timestamp(3)");
  EXPECT_EQ(Cast(Value::Varchar("2024-01-02 3:04"), LogicalType::Timestamp()),
            "2024-01-02 03:04:00.000 :: timestamp(3)");
  EXPECT_EQ(Cast(Value::Varchar("yesterday"), LogicalType::Timestamp()),
            "INVALID_CAST_ARGUMENT: Value cannot be cast to timestamp: yesterday");
  EXPECT_EQ(Cast(Value::Timestamp(1704164645000), LogicalType::Varchar()),
            "2024-01-02 03:04:05.000 :: varchar");
  EXPECT_EQ(Cast(Value::Timestamp(1704164645999), LogicalType::Date()), "2024-01-02 :: date");
  EXPECT_EQ(Cast(Value::Date(19724), LogicalType::Timestamp()),
            "2024-01-02 00:00:00.000 :: timestamp(3)");
  EXPECT_EQ(Cast(Value::Date(19724), LogicalType::Varchar()), "2024-01-02 :: varchar");
}

TEST(CastTest, VarcharToTimestampWithTimeZoneReadsTheZone) {
  EXPECT_EQ(
      Cast(Value::Varchar("2024-01-02 03:04:05.123 UTC"), LogicalType::TimestampWithTimeZone()),
      "2024-01-02 03:04:05.123 UTC :: timestamp(3) with time zone");
  const Value offset =
      EvalCast(Value::Varchar("2024-01-02 03:04:05 +02:00"), LogicalType::TimestampWithTimeZone())
          .value();
  EXPECT_EQ(Cast(offset, LogicalType::Varchar()), "2024-01-02 03:04:05.000 +02:00 :: varchar");
  EXPECT_EQ(Cast(offset, LogicalType::Timestamp()), "2024-01-02 03:04:05.000 :: timestamp(3)");
}

TEST(CastTest, IntervalsRenderAsTrinoDoes) {
  EXPECT_EQ(Cast(Value::IntervalDayToSecond(93784567), LogicalType::Varchar()),
            "1 02:03:04.567 :: varchar");
  EXPECT_EQ(Cast(Value::IntervalYearToMonth(14), LogicalType::Varchar()), "1-2 :: varchar");
}

TEST(CastTest, BooleansCastBothWays) {
  EXPECT_EQ(Cast(Value::Varchar("TRUE"), LogicalType::Boolean()), "true :: boolean");
  EXPECT_EQ(Cast(Value::Varchar("f"), LogicalType::Boolean()), "false :: boolean");
  EXPECT_EQ(Cast(Value::Varchar("yes"), LogicalType::Boolean()),
            "INVALID_CAST_ARGUMENT: Cannot cast 'yes' to BOOLEAN");
  EXPECT_EQ(Cast(Value::Integer(5), LogicalType::Boolean()), "true :: boolean");
  EXPECT_EQ(Cast(Value::Boolean(true), LogicalType::Integer()), "1 :: integer");
  EXPECT_EQ(Cast(Value::Double(0), LogicalType::Boolean()), "false :: boolean");
}

TEST(CastTest, CharAndBoundedVarcharTruncateAndPad) {
  EXPECT_EQ(Cast(Value::Varchar("abcdef"), LogicalType::Varchar(3)), "abc :: varchar(3)");
  EXPECT_EQ(Cast(Value::Varchar("ab"), LogicalType::Char(4)), "ab   :: char(4)");
  EXPECT_EQ(Cast(Value::Char(4, "ab"), LogicalType::Varchar()), "ab   :: varchar");
}

TEST(CastTest, NullCastsToAnything) {
  EXPECT_EQ(Cast(Value::Null(LogicalType::Varchar()), LogicalType::Bigint()), "NULL :: bigint");
  EXPECT_EQ(Cast(Value(), LogicalType::Date()), "NULL :: date");
}

TEST(CastTest, ArraysCastElementWise) {
  const Value array = Value::Array(LogicalType::Varchar(),
                                   {Value::Varchar("1"), Value::Null(LogicalType::Varchar())});
  EXPECT_EQ(Cast(array, LogicalType::Array(LogicalType::Integer())), "[1, null] :: array(integer)");
}

TEST(CastTest, CastsTrinoDoesNotHaveAreTypeMismatches) {
  Result<std::shared_ptr<const ScalarBinding>> cast =
      ResolveCast(LogicalType::Varchar(), LogicalType::Array(LogicalType::Integer()), false);
  ASSERT_FALSE(cast.ok());
  EXPECT_EQ(cast.status().message(), "Cannot cast varchar to array(integer)");
  EXPECT_EQ(cast.status().aws_type(), "TYPE_MISMATCH");
}

}  // namespace
}  // namespace stratus::sql::functions
