#include "sql/types/java_number_format.h"

#include <limits>

#include <gtest/gtest.h>

namespace stratus::sql {
namespace {

// Expected strings are what Java's Double.toString / Float.toString print.
TEST(JavaNumberFormatTest, DoublesUsePlainNotationBetweenOneThousandthAndTenMillion) {
  EXPECT_EQ(FormatDoubleJava(1.0), "1.0");
  EXPECT_EQ(FormatDoubleJava(0.1), "0.1");
  EXPECT_EQ(FormatDoubleJava(123.45), "123.45");
  EXPECT_EQ(FormatDoubleJava(-2.5), "-2.5");
  EXPECT_EQ(FormatDoubleJava(100.0), "100.0");
  EXPECT_EQ(FormatDoubleJava(0.001), "0.001");
  EXPECT_EQ(FormatDoubleJava(9999999.0), "9999999.0");
  EXPECT_EQ(FormatDoubleJava(0.1 + 0.2), "0.30000000000000004");
}

TEST(JavaNumberFormatTest, DoublesUseComputerizedScientificNotationOutside) {
  EXPECT_EQ(FormatDoubleJava(1e7), "1.0E7");
  EXPECT_EQ(FormatDoubleJava(1e10), "1.0E10");
  EXPECT_EQ(FormatDoubleJava(12345678.9), "1.23456789E7");
  EXPECT_EQ(FormatDoubleJava(0.0001), "1.0E-4");
  EXPECT_EQ(FormatDoubleJava(-1.5e-7), "-1.5E-7");
  EXPECT_EQ(FormatDoubleJava(std::numeric_limits<double>::max()), "1.7976931348623157E308");
}

TEST(JavaNumberFormatTest, SpecialValues) {
  EXPECT_EQ(FormatDoubleJava(0.0), "0.0");
  EXPECT_EQ(FormatDoubleJava(-0.0), "-0.0");
  EXPECT_EQ(FormatDoubleJava(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(FormatDoubleJava(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(FormatDoubleJava(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(JavaNumberFormatTest, RealsUseFloatDigits) {
  EXPECT_EQ(FormatRealJava(0.1f), "0.1");
  EXPECT_EQ(FormatRealJava(1.5f), "1.5");
  EXPECT_EQ(FormatRealJava(3.4028235e38f), "3.4028235E38");
  EXPECT_EQ(FormatRealJava(1e7f), "1.0E7");
}

}  // namespace
}  // namespace stratus::sql
