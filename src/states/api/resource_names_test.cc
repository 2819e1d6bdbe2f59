#include "states/api/resource_names.h"

#include <string>

#include <gtest/gtest.h>

namespace stratus::states::api {
namespace {

TEST(ResourceNamesTest, AcceptsNamesAwsAllows) {
  EXPECT_TRUE(IsValidResourceName("ETL-StateMachine-mysql-connector-staging"));
  EXPECT_TRUE(IsValidResourceName("run.2026_01@ts=0.001"));
  EXPECT_TRUE(IsValidResourceName(std::string(80, 'x')));
  EXPECT_TRUE(IsValidResourceName("Größe"));
}

TEST(ResourceNamesTest, RejectsForbiddenCharactersAndLengths) {
  for (const char* name : {"", "has space", "a/b", "a:b", "q?", "x*", "{x}", "a\"b", "tab\t", "a#b",
                           "a%b", "a$b", "a,b", "a;b", "a|b", "a~b", "a`b", "a&b"}) {
    EXPECT_FALSE(IsValidResourceName(name)) << name;
  }
  EXPECT_FALSE(IsValidResourceName(std::string(81, 'x')));
  EXPECT_FALSE(IsValidResourceName("a\xC2\x85"));  // U+0085, a C1 control.
}

// AWS: pinned by test_sfn_api_aliasing::test_error_create_alias_invalid_name.
TEST(ResourceNamesTest, AliasNamesAreLettersDigitsAndPunctuationButNotOnlyDigits) {
  EXPECT_TRUE(IsValidAliasName("live"));
  EXPECT_TRUE(IsValidAliasName("v1.2-b_c"));
  EXPECT_FALSE(IsValidAliasName("123"));
  EXPECT_FALSE(IsValidAliasName("INVALID ALIAS"));
  EXPECT_FALSE(IsValidAliasName("!INVALID"));
  EXPECT_FALSE(IsValidAliasName("ALIAS@"));
  EXPECT_FALSE(IsValidAliasName(std::string(81, 'A')));
}

}  // namespace
}  // namespace stratus::states::api
