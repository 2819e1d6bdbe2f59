#include "aws/protocol/timestamp_format.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::aws {
namespace {

TEST(TimestampFormatTest, FormatsEachEncoding) {
  EXPECT_EQ(FormatTimestamp(1398796238, kIso8601), "2014-04-29T18:30:38Z");
  EXPECT_EQ(FormatTimestamp(1398796238.5, kIso8601), "2014-04-29T18:30:38.500Z");
  EXPECT_EQ(FormatTimestamp(946845296.123, kIso8601), "2000-01-02T20:34:56.123Z");
  EXPECT_EQ(FormatTimestamp(1398796238, kRfc822), "Tue, 29 Apr 2014 18:30:38 GMT");
  EXPECT_EQ(FormatTimestamp(1398796238, kUnixTimestamp), "1398796238");
  EXPECT_EQ(FormatTimestamp(1398796238.25, kUnixTimestamp), "1398796238.250");
  EXPECT_EQ(FormatTimestamp(0, kIso8601), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(-1, kIso8601), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatTimestampJson(5, kUnixTimestamp), Json(5));
  EXPECT_EQ(FormatTimestampJson(5.5, kUnixTimestamp), Json(5.5));
}

TEST(TimestampFormatTest, ParsesEveryEncodingWhateverTheTrait) {
  ASSERT_OK_AND_ASSIGN(double a, ParseTimestamp("2014-04-29T18:30:38Z"));
  EXPECT_EQ(a, 1398796238);
  ASSERT_OK_AND_ASSIGN(double b, ParseTimestamp("Tue, 29 Apr 2014 18:30:38 GMT"));
  EXPECT_EQ(b, 1398796238);
  ASSERT_OK_AND_ASSIGN(double c, ParseTimestamp("1398796238"));
  EXPECT_EQ(c, 1398796238);
  ASSERT_OK_AND_ASSIGN(double d, ParseTimestamp("2019-12-17T00:48:18+01:00"));
  EXPECT_EQ(d, 1576540098);
  ASSERT_OK_AND_ASSIGN(double e, ParseTimestamp("2019-12-16T22:48:18-01:00"));
  EXPECT_EQ(e, 1576540098);
  ASSERT_OK_AND_ASSIGN(double f, ParseTimestamp("2000-01-02T20:34:56.123Z"));
  EXPECT_NEAR(f, 946845296.123, 1e-6);
  ASSERT_OK_AND_ASSIGN(double g, ParseTimestamp("1398796238.5"));
  EXPECT_EQ(g, 1398796238.5);
}

TEST(TimestampFormatTest, RejectsGarbage) {
  for (std::string_view text :
       {"", "2014-13-01T00:00:00Z", "yesterday", "Tue, 29 Foo 2014 18:30:38 GMT",
        "2014-04-29T18:30:38Zjunk", "12ab"}) {
    EXPECT_FALSE(ParseTimestamp(text).ok()) << text;
  }
}

}  // namespace
}  // namespace stratus::aws
