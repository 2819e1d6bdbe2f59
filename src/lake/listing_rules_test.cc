#include "lake/listing_rules.h"

#include <gtest/gtest.h>

namespace stratus::lake {
namespace {

TEST(ListingRulesTest, CommonPrefixEndsAtTheFirstDelimiterAfterThePrefix) {
  EXPECT_EQ(CommonPrefixOf("a/b/c", "", "/"), "a/");
  EXPECT_EQ(CommonPrefixOf("a/b/c", "a/", "/"), "a/b/");
  EXPECT_EQ(CommonPrefixOf("a/b/c", "a/b/", "/"), "");
  EXPECT_EQ(CommonPrefixOf("a/b/c", "", ""), "");
  EXPECT_EQ(CommonPrefixOf("x--y--z", "x", "--"), "x--");
  EXPECT_EQ(CommonPrefixOf("other", "a/", "/"), "");
}

TEST(ListingRulesTest, AKeyIsPassedAtOrBeforeAfterOrUnderACommonPrefixAfter) {
  EXPECT_FALSE(KeyPassed("a", "", "", "/"));
  EXPECT_TRUE(KeyPassed("a/1", "a/1", "", ""));
  EXPECT_TRUE(KeyPassed("a/0", "a/1", "", ""));
  EXPECT_FALSE(KeyPassed("a/2", "a/1", "", ""));
  // After the common prefix "a/", every key under it is passed...
  EXPECT_TRUE(KeyPassed("a/9", "a/", "", "/"));
  // ...but without a delimiter "a/" is a mere key.
  EXPECT_FALSE(KeyPassed("a/9", "a/", "", ""));
}

TEST(ListingRulesTest, ASubtreeIsPassedWhenAllItsKeysAre) {
  EXPECT_TRUE(SubtreePassed("a/", "b", "", "/"));
  EXPECT_FALSE(SubtreePassed("a/", "a/b", "", "/"));  // Keys after a/b may follow in it.
  EXPECT_TRUE(SubtreePassed("a/", "a/", "", "/"));
  EXPECT_FALSE(SubtreePassed("a/", "a/", "", ""));
  EXPECT_TRUE(SubtreePassed("a/b/", "a/", "", "/"));
  EXPECT_FALSE(SubtreePassed("b/", "a/", "", "/"));
  EXPECT_FALSE(SubtreePassed("a/", "", "", "/"));
}

}  // namespace
}  // namespace stratus::lake
