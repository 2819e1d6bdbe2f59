#include "states/asl/timestamp.h"

#include <gtest/gtest.h>

namespace stratus::states::asl {
namespace {

TEST(TimestampTest, ParsesRfc3339WithOffsetsAndFractions) {
  auto utc = ParseTimestamp("2016-03-14T01:59:00Z");
  ASSERT_TRUE(utc.has_value());
  EXPECT_EQ(utc->seconds, 1457920740);
  EXPECT_EQ(ParseTimestamp("2016-03-14T02:59:00+01:00"), utc);
  EXPECT_EQ(ParseTimestamp("2016-03-13T20:59:00-05:00"), utc);
  auto fraction = ParseTimestamp("2016-03-14T01:59:00.25Z");
  ASSERT_TRUE(fraction.has_value());
  EXPECT_EQ(fraction->nanos, 250000000);
  EXPECT_LT(*utc, *fraction);
  EXPECT_TRUE(ParseTimestamp("2016-03-14t01:59:00z").has_value());
  EXPECT_TRUE(ParseTimestamp("2024-02-29T00:00:00Z").has_value());
}

TEST(TimestampTest, RejectsWhatAwsRejects) {
  // AWS Wait: "cannot be parsed as an ISO-8601 extended offset date-time format string".
  for (const char* text : {"2016-13-05T21:29:29Z", "2016-12-05T25:29:29Z", "2016-12-05T21:29:29",
                           "2016-12-05 21:29:29Z", "05-12-2016T21:29:29Z", "2023-02-24",
                           "2023-02-29T00:00:00Z", "2016-12-05T21:29:29.Z", ""}) {
    EXPECT_FALSE(ParseTimestamp(text).has_value()) << text;
  }
}

TEST(TimestampTest, FormatsUtc) {
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2016-03-14T02:59:00+01:00")), "2016-03-14T01:59:00Z");
  EXPECT_EQ(FormatTimestamp(Timestamp{.seconds = 0, .nanos = 500000000}), "1970-01-01T00:00:00.5Z");
  EXPECT_EQ(FormatTimestamp(Timestamp{.seconds = -1, .nanos = 0}), "1969-12-31T23:59:59Z");
}

}  // namespace
}  // namespace stratus::states::asl
