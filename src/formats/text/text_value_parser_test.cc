#include "formats/text/text_value_parser.h"

#include <charconv>
#include <cmath>
#include <random>
#include <string>

#include <gtest/gtest.h>

namespace stratus::formats::text {
namespace {

TEST(TextValueParserTest, IntegersFollowTrinosLongEncoding) {
  EXPECT_EQ(ParseHiveInteger("42"), 42);
  EXPECT_EQ(ParseHiveInteger("-42"), -42);
  EXPECT_EQ(ParseHiveInteger("+7"), 7);
  EXPECT_EQ(ParseHiveInteger("007"), 7);
  EXPECT_EQ(ParseHiveInteger("12.7"), 12);  // The fraction is checked, then dropped.
  EXPECT_EQ(ParseHiveInteger("12."), 12);
  EXPECT_EQ(ParseHiveInteger("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(ParseHiveInteger("-9223372036854775808"), INT64_MIN);
  EXPECT_EQ(ParseHiveInteger("0000000000000000000000001"), 1);
  for (const char* bad : {"", "-", "+", " 1", "1 ", "1x", "12.a", "9223372036854775808",
                          "-9223372036854775809", "1e3", "0x10", "99999999999999999999"}) {
    EXPECT_EQ(ParseHiveInteger(bad), std::nullopt) << bad;
  }
}

TEST(TextValueParserTest, PlainDecimalsParseToTheCorrectlyRoundedDouble) {
  const uint64_t seed = 20261207;
  std::mt19937_64 random(seed);
  for (int i = 0; i < 100000; ++i) {
    const int digits = 1 + static_cast<int>(random() % 17);
    std::string text;
    for (int d = 0; d < digits; ++d) {
      text += static_cast<char>('0' + random() % 10);
    }
    text.insert(random() % (text.size() + 1), ".");
    double expected = 0;
    std::from_chars(text.data(), text.data() + text.size(), expected);
    if (text == ".") {
      continue;
    }
    EXPECT_EQ(ParseHiveDouble(text), expected) << text << " seed " << seed;
  }
}

TEST(TextValueParserTest, DoublesFollowJavasParseDouble) {
  EXPECT_EQ(ParseHiveDouble("1.5"), 1.5);
  EXPECT_EQ(ParseHiveDouble(" -2.5e3 "), -2500.0);
  EXPECT_EQ(ParseHiveDouble("+.5"), 0.5);
  EXPECT_EQ(ParseHiveDouble("3."), 3.0);
  EXPECT_EQ(ParseHiveDouble("1.5d"), 1.5);
  EXPECT_EQ(ParseHiveDouble("1e400"), INFINITY);
  EXPECT_EQ(ParseHiveDouble("-Infinity"), -INFINITY);
  EXPECT_TRUE(std::isnan(*ParseHiveDouble("NaN")));
  for (const char* bad : {"", "abc", "1.5.2", "inf", "nan", "1,5", "e5", "--1", "1e"}) {
    EXPECT_EQ(ParseHiveDouble(bad), std::nullopt) << bad;
  }
}

TEST(TextValueParserTest, BooleansAreTrueOrFalseInAnyCase) {
  EXPECT_EQ(ParseHiveBoolean("true", false), true);
  EXPECT_EQ(ParseHiveBoolean("TRUE", false), true);
  EXPECT_EQ(ParseHiveBoolean("False", false), false);
  EXPECT_EQ(ParseHiveBoolean("1", false), std::nullopt);
  EXPECT_EQ(ParseHiveBoolean("t", false), std::nullopt);
  EXPECT_EQ(ParseHiveBoolean("yes", true), std::nullopt);
  EXPECT_EQ(ParseHiveBoolean("1", true), true);
  EXPECT_EQ(ParseHiveBoolean("f", true), false);
}

TEST(TextValueParserTest, DatesAreYearMonthDay) {
  EXPECT_EQ(ParseHiveDate("1970-01-01"), 0);
  EXPECT_EQ(ParseHiveDate("2024-01-02"), 19724);
  EXPECT_EQ(ParseHiveDate("2024-1-2"), 19724);
  for (const char* bad : {"", "2024-02-30", "2023-02-29", "24-01-02", "2024/01/02",
                          "2024-01-02 00:00:00", "2024-13-01", "20240102"}) {
    EXPECT_EQ(ParseHiveDate(bad), std::nullopt) << bad;
  }
}

TEST(TextValueParserTest, TimestampsAreHivesForm) {
  EXPECT_EQ(ParseHiveTimestamp("1970-01-01 00:00:01"), 1000);
  EXPECT_EQ(ParseHiveTimestamp("2024-01-02 03:04:05.123"), 1704164645123);
  EXPECT_EQ(ParseHiveTimestamp("2024-01-02 03:04:05.1234567"), 1704164645123);
  EXPECT_EQ(ParseHiveTimestamp("2024-01-02 03:04:05.0005"), 1704164645001);  // Half up.
  EXPECT_EQ(ParseHiveTimestamp("2024-01-02"), 1704153600000);
  EXPECT_EQ(ParseHiveTimestamp("2024-01-02 03:04"), 1704164640000);
  EXPECT_EQ(ParseHiveTimestamp("1969-12-31 23:59:59.999"), -1);
  for (const char* bad : {"", "2024-1-", "2024-01-02T03:04:05", "2024-01-02 24:00:00",
                          "2024-01-02 03:04:05.", "2024-01-02 03:04:05 UTC", "1579059880000"}) {
    EXPECT_EQ(ParseHiveTimestamp(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace stratus::formats::text
