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

Value V(std::string text) {
  return Value::Varchar(std::move(text));
}

// 2024-01-02 03:04:05.123 UTC, a Tuesday.
const Value kTimestamp = Value::Timestamp(1704164645123);
const Value kDate = Value::Date(19724);

TEST(DatetimeFunctionsTest, FieldsOfDatesAndTimestamps) {
  EXPECT_EQ(Eval("year", {kTimestamp}), "2024 :: bigint");
  EXPECT_EQ(Eval("month", {kDate}), "1 :: bigint");
  EXPECT_EQ(Eval("day", {kTimestamp}), "2 :: bigint");
  EXPECT_EQ(Eval("quarter", {kDate}), "1 :: bigint");
  EXPECT_EQ(Eval("day_of_week", {kDate}), "2 :: bigint");
  EXPECT_EQ(Eval("day_of_year", {kDate}), "2 :: bigint");
  EXPECT_EQ(Eval("hour", {kTimestamp}), "3 :: bigint");
  EXPECT_EQ(Eval("minute", {kTimestamp}), "4 :: bigint");
  EXPECT_EQ(Eval("second", {kTimestamp}), "5 :: bigint");
  EXPECT_EQ(Eval("millisecond", {kTimestamp}), "123 :: bigint");
  EXPECT_EQ(Eval("week", {Value::Date(19722)}), "52 :: bigint");  // 2023-12-31
  EXPECT_EQ(Eval("year_of_week", {Value::Date(19722)}), "2023 :: bigint");
}

TEST(DatetimeFunctionsTest, TruncAddAndDiff) {
  EXPECT_EQ(Eval("date_trunc", {V("month"), kTimestamp}),
            "2024-01-01 00:00:00.000 :: timestamp(3)");
  EXPECT_EQ(Eval("date_trunc", {V("hour"), kTimestamp}), "2024-01-02 03:00:00.000 :: timestamp(3)");
  EXPECT_EQ(Eval("date_trunc", {V("week"), kDate}), "2024-01-01 :: date");
  EXPECT_EQ(Eval("date_trunc", {V("quarter"), Value::Date(19850)}), "2024-04-01 :: date");
  EXPECT_EQ(Eval("date_add", {V("day"), Value::Integer(30), kDate}), "2024-02-01 :: date");
  EXPECT_EQ(Eval("date_add", {V("month"), Value::Bigint(1), Value::Date(19752)}),
            "2024-02-29 :: date");
  EXPECT_EQ(Eval("date_add", {V("hour"), Value::Integer(-4), kTimestamp}),
            "2024-01-01 23:04:05.123 :: timestamp(3)");
  EXPECT_EQ(Eval("date_diff", {V("day"), kDate, Value::Date(19754)}), "30 :: bigint");
  // Joda's rule: 2024-01-30 + 1 month clamps to 2024-02-29, which is reached.
  EXPECT_EQ(Eval("date_diff", {V("month"), Value::Date(19752), Value::Date(19782)}), "1 :: bigint");
  EXPECT_EQ(Eval("date_diff", {V("month"), Value::Date(19752), Value::Date(19781)}), "0 :: bigint");
  EXPECT_EQ(Eval("date_diff", {V("year"), Value::Date(0), kDate}), "54 :: bigint");
  EXPECT_EQ(Eval("date_add", {V("hour"), Value::Integer(1), kDate}),
            "INVALID_FUNCTION_ARGUMENT: 'hour' is not a valid DATE field");
  EXPECT_EQ(Eval("last_day_of_month", {Value::Date(19755)}), "2024-02-29 :: date");
}

TEST(DatetimeFunctionsTest, CurrentValuesReadTheQueryStart) {
  EXPECT_EQ(Eval("current_date", {}), "2024-01-02 :: date");
  EXPECT_EQ(Eval("now", {}), "2024-01-02 03:04:05.123 UTC :: timestamp(3) with time zone");
  EXPECT_EQ(Eval("localtimestamp", {}), "2024-01-02 03:04:05.123 :: timestamp(3)");
}

TEST(DatetimeFunctionsTest, UnixTimesAndDates) {
  EXPECT_EQ(Eval("from_unixtime", {Value::Bigint(1704164645)}),
            "2024-01-02 03:04:05.000 UTC :: timestamp(3) with time zone");
  EXPECT_EQ(Eval("to_unixtime", {kTimestamp}), "1.704164645123E9 :: double");
  EXPECT_EQ(Eval("date", {kTimestamp}), "2024-01-02 :: date");
  EXPECT_EQ(Eval("date", {V("2024-01-02")}), "2024-01-02 :: date");
}

TEST(DatetimeFunctionsTest, Iso8601RoundTrips) {
  EXPECT_EQ(Eval("from_iso8601_date", {V("2024-01-02")}), "2024-01-02 :: date");
  EXPECT_EQ(Eval("to_iso8601", {kTimestamp}), "2024-01-02T03:04:05.123 :: varchar");
  EXPECT_EQ(Eval("to_iso8601", {kDate}), "2024-01-02 :: varchar");
  EXPECT_EQ(Eval("to_iso8601",
                 {EvalScalar("from_iso8601_timestamp", {V("2024-01-02T03:04:05.123Z")}).value()}),
            "2024-01-02T03:04:05.123Z :: varchar");
  EXPECT_EQ(Eval("to_iso8601",
                 {EvalScalar("from_iso8601_timestamp", {V("2024-01-02T03:04:05+05:30")}).value()}),
            "2024-01-02T03:04:05.000+05:30 :: varchar");
  EXPECT_EQ(Eval("from_iso8601_date", {V("2024/01/02")}),
            "INVALID_FUNCTION_ARGUMENT: Invalid format: \"2024/01/02\"");
}

TEST(DatetimeFunctionsTest, MySqlFormatAndParse) {
  EXPECT_EQ(Eval("date_format", {kTimestamp, V("%Y-%m-%d %H:%i:%s.%f")}),
            "2024-01-02 03:04:05.123000 :: varchar");
  EXPECT_EQ(Eval("date_format", {kTimestamp, V("%W, %M %e %Y %r")}),
            "Tuesday, January 2 2024 03:04:05 AM :: varchar");
  EXPECT_EQ(Eval("date_parse", {V("2024/01/02 15:04"), V("%Y/%m/%d %H:%i")}),
            "2024-01-02 15:04:00.000 :: timestamp(3)");
  EXPECT_EQ(Eval("date_parse", {V("nope"), V("%Y")}),
            "INVALID_FUNCTION_ARGUMENT: Invalid format: \"nope\"");
}

TEST(DatetimeFunctionsTest, JodaFormatAndParse) {
  EXPECT_EQ(Eval("format_datetime", {kTimestamp, V("yyyy-MM-dd'T'HH:mm:ss.SSS EEE MMM")}),
            "2024-01-02T03:04:05.123 Tue Jan :: varchar");
  EXPECT_EQ(Eval("parse_datetime", {V("2024-01-02 03:04"), V("yyyy-MM-dd HH:mm")}),
            "2024-01-02 03:04:00.000 UTC :: timestamp(3) with time zone");
}

TEST(DatetimeFunctionsTest, TimeZonesWithFixedOffsets) {
  const Value utc = EvalScalar("with_timezone", {kTimestamp, V("UTC")}).value();
  // Rendered through CAST: value_format.h knows zone key 0 (UTC) only.
  EXPECT_EQ(Describe(EvalCast(EvalScalar("at_timezone", {utc, V("+05:30")}).value(),
                              LogicalType::Varchar())),
            "2024-01-02 08:34:05.123 +05:30 :: varchar");
  EXPECT_EQ(Eval("hour", {EvalScalar("at_timezone", {utc, V("-08:00")}).value()}), "19 :: bigint");
  EXPECT_EQ(Eval("at_timezone", {utc, V("Mars/Olympus")}),
            "INVALID_FUNCTION_ARGUMENT: Time zone not supported: Mars/Olympus");
}

}  // namespace
}  // namespace stratus::sql::functions
