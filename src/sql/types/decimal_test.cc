#include "sql/types/decimal.h"

#include <gtest/gtest.h>

namespace stratus::sql {
namespace {

TEST(DecimalTest, PrintsExactlyTheScaleDigits) {
  EXPECT_EQ(DecimalToString(1230, 2), "12.30");
  EXPECT_EQ(DecimalToString(-5, 2), "-0.05");
  EXPECT_EQ(DecimalToString(7, 0), "7");
  EXPECT_EQ(DecimalToString(0, 3), "0.000");
  EXPECT_EQ(DecimalToString(PowerOfTen(38) - 1, 0), std::string(38, '9'));
}

TEST(DecimalTest, ParsesAndRoundsHalfUpToTheScale) {
  EXPECT_EQ(ParseDecimal("12.3", 10, 2), Int128(1230));
  EXPECT_EQ(ParseDecimal("-0.05", 10, 2), Int128(-5));
  EXPECT_EQ(ParseDecimal("+3", 10, 2), Int128(300));
  EXPECT_EQ(ParseDecimal(".5", 10, 2), Int128(50));
  EXPECT_EQ(ParseDecimal("1.005", 10, 2), Int128(101));
  EXPECT_EQ(ParseDecimal("1.004", 10, 2), Int128(100));
  EXPECT_EQ(ParseDecimal("-1.005", 10, 2), Int128(-101));
  EXPECT_EQ(ParseDecimal("1e3", 10, 0), Int128(1000));
  EXPECT_EQ(ParseDecimal("0.0000", 3, 3), Int128(0));
  EXPECT_EQ(ParseDecimal("0.5", 1, 0), Int128(1));
}

TEST(DecimalTest, RejectsTextAndValuesBeyondThePrecision) {
  EXPECT_EQ(ParseDecimal("", 10, 2), std::nullopt);
  EXPECT_EQ(ParseDecimal("abc", 10, 2), std::nullopt);
  EXPECT_EQ(ParseDecimal("1.2.3", 10, 2), std::nullopt);
  EXPECT_EQ(ParseDecimal(" 1", 10, 2), std::nullopt);
  EXPECT_EQ(ParseDecimal("1000", 5, 2), std::nullopt);
  EXPECT_EQ(ParseDecimal("999.995", 5, 2), std::nullopt);
  EXPECT_EQ(ParseDecimal("1e40", 38, 0), std::nullopt);
  EXPECT_EQ(ParseDecimal(std::string(38, '9'), 38, 0), PowerOfTen(38) - 1);
}

}  // namespace
}  // namespace stratus::sql
