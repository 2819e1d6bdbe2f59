#include "glue/names.h"

#include <gtest/gtest.h>

namespace stratus::glue {
namespace {

TEST(NamesTest, NormalizeNameLowercasesAsciiLettersOnly) {
  EXPECT_EQ(NormalizeName("Sales_2024"), "sales_2024");
  EXPECT_EQ(NormalizeName("ÉTÉ"), "Ét\xc3\x89");  // Bytes outside ASCII stay.
}

TEST(NamesTest, EmptyPatternMatchesEveryName) {
  EXPECT_TRUE(NamePattern("").Matches("anything"));
}

TEST(NamesTest, StarMatchesAnyRunAndDotStarToo) {
  EXPECT_TRUE(NamePattern("sales*").Matches("sales_2024"));
  EXPECT_TRUE(NamePattern("sales.*").Matches("sales"));
  EXPECT_TRUE(NamePattern("*_2024").Matches("sales_2024"));
  EXPECT_FALSE(NamePattern("sales*").Matches("old_sales"));
}

TEST(NamesTest, PatternMatchesTheWholeNameCaseInsensitively) {
  EXPECT_TRUE(NamePattern("Users").Matches("users"));
  EXPECT_FALSE(NamePattern("user").Matches("users"));
}

TEST(NamesTest, BarSeparatesAlternativesAndDotIsOneCharacter) {
  NamePattern pattern("users|tx.");
  EXPECT_TRUE(pattern.Matches("users"));
  EXPECT_TRUE(pattern.Matches("tx1"));
  EXPECT_FALSE(pattern.Matches("tx"));
  EXPECT_FALSE(pattern.Matches("tx12"));
}

}  // namespace
}  // namespace stratus::glue
