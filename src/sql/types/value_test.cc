#include "sql/types/value.h"

#include <limits>

#include <gtest/gtest.h>

#include "sql/types/calendar.h"
#include "sql/types/value_format.h"

namespace stratus::sql {
namespace {

// Each expectation is Athena's GetQueryResults text for the value (see value_format.h).
TEST(ValueFormatTest, ScalarsRenderAsAthenaShowsThem) {
  EXPECT_EQ(Value::Boolean(true).ToString(), "true");
  EXPECT_EQ(Value::Boolean(false).ToString(), "false");
  EXPECT_EQ(Value::Bigint(-42).ToString(), "-42");
  EXPECT_EQ(Value::Double(1e10).ToString(), "1.0E10");
  EXPECT_EQ(Value::Double(2.5).ToString(), "2.5");
  EXPECT_EQ(Value::Double(1234567.0).ToString(), "1234567.0");
  EXPECT_EQ(Value::Real(0.1f).ToString(), "0.1");
  EXPECT_EQ(Value::Decimal(LogicalType::Decimal(10, 2), 1230).ToString(), "12.30");
  EXPECT_EQ(Value::Decimal(LogicalType::Decimal(30, 3), -5).ToString(), "-0.005");
  EXPECT_EQ(Value::Varchar("a b").ToString(), "a b");
  EXPECT_EQ(Value::Char(4, "ab ").ToString(), "ab  ");
  EXPECT_EQ(Value::Varbinary("hel").ToString(), "68 65 6c");
  EXPECT_EQ(Value::Date(19724).ToString(), "2024-01-02");
  EXPECT_EQ(Value::Timestamp(19724 * kMillisPerDay + 11045000).ToString(),
            "2024-01-02 03:04:05.000");
  EXPECT_EQ(Value::TimestampWithTimeZone(0, 0).ToString(), "1970-01-01 00:00:00.000 UTC");
  EXPECT_EQ(Value::IntervalDayToSecond(93784567).ToString(), "1 02:03:04.567");
  EXPECT_EQ(Value::IntervalYearToMonth(14).ToString(), "1-2");
  EXPECT_EQ(Value::Null(LogicalType::Bigint()).ToString(), "NULL");
}

TEST(ValueFormatTest, TimestampsShowTheirPrecision) {
  const Value millis = Value::FromInt64(LogicalType::Timestamp(0), 1500);
  EXPECT_EQ(millis.ToString(), "1970-01-01 00:00:01");
  EXPECT_EQ(Value::FromInt64(LogicalType::Timestamp(6), 1500).ToString(),
            "1970-01-01 00:00:01.500000");
}

TEST(ValueFormatTest, NestedValuesRenderLikeTrinosJavaCollections) {
  const Value array = Value::Array(LogicalType::Bigint(), {Value::Bigint(1), Value::Bigint(2)});
  EXPECT_EQ(array.ToString(), "[1, 2]");
  EXPECT_EQ(Value::Array(LogicalType::Bigint(), {}).ToString(), "[]");
  const Value with_null = Value::Array(LogicalType::Varchar(),
                                       {Value::Varchar("a"), Value::Null(LogicalType::Varchar())});
  EXPECT_EQ(with_null.ToString(), "[a, null]");
  const Value map =
      Value::Map(LogicalType::Varchar(), LogicalType::Bigint(),
                 {Value::Varchar("a"), Value::Varchar("b")}, {Value::Bigint(1), Value::Bigint(2)});
  EXPECT_EQ(map.ToString(), "{a=1, b=2}");
  const LogicalType row_type = LogicalType::Row({{.name = "x", .type = LogicalType::Integer()},
                                                 {.name = "y", .type = LogicalType::Varchar()}});
  EXPECT_EQ(Value::Row(row_type, {Value::Integer(1), Value::Varchar("a")}).ToString(),
            "{x=1, y=a}");
  const LogicalType anonymous = LogicalType::Row({{.name = "", .type = LogicalType::Integer()}});
  EXPECT_EQ(Value::Row(anonymous, {Value::Integer(7)}).ToString(), "{field0=7}");
}

TEST(ValueTest, EqualityAndHashing) {
  EXPECT_EQ(Value::Bigint(3), Value::Bigint(3));
  EXPECT_NE(Value::Bigint(3), Value::Integer(3));
  EXPECT_EQ(Value::Null(LogicalType::Bigint()), Value::Null(LogicalType::Bigint()));
  EXPECT_NE(Value::Null(LogicalType::Bigint()), Value::Bigint(0));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(Value::Double(nan), Value::Double(nan));
  EXPECT_EQ(Value::Double(nan).Hash(), Value::Double(nan).Hash());
  const Value a = Value::Array(LogicalType::Varchar(), {Value::Varchar("x")});
  const Value b = Value::Array(LogicalType::Varchar(), {Value::Varchar("x")});
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.Hash(), b.Hash());
  EXPECT_EQ(Value::Char(3, "a  "), Value::Char(3, "a"));
}

TEST(ValueTest, AccessorsReturnTheStoredForms) {
  EXPECT_EQ(Value::Date(-3).int64_value(), -3);
  EXPECT_EQ(Value::Decimal(LogicalType::Decimal(38, 0), Int128(1) << 100).decimal_value(),
            Int128(1) << 100);
  EXPECT_EQ(Value::Decimal(LogicalType::Decimal(10, 0), 12).int64_value(), 12);
  EXPECT_EQ(Value::Real(1.5f).double_value(), 1.5);
  EXPECT_EQ(Value::Varchar("s").string_value(), "s");
}

}  // namespace
}  // namespace stratus::sql
