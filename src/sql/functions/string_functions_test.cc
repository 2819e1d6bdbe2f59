#include <gtest/gtest.h>

#include "sql/functions/function.h"
#include "sql/functions/function_tester.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

std::string Eval(std::string_view name, const std::vector<Value>& arguments) {
  const std::string flat = Describe(EvalScalar(name, arguments));
  EXPECT_EQ(flat, Describe(EvalScalarConstant(name, arguments)));
  return flat;
}

std::string Like(std::string_view text, std::string_view pattern) {
  return Eval("$like", {Value::Varchar(std::string(text)), Value::Varchar(std::string(pattern))});
}

TEST(StringFunctionsTest, ConcatJoinsStringsAndPropagatesNull) {
  EXPECT_EQ(Eval("concat", {Value::Varchar("ab"), Value::Varchar("cd")}), "abcd :: varchar");
  EXPECT_EQ(Eval("concat", {Value::Varchar("a"), Value::Varchar("b"),
                            Value::Varchar("a string longer than twelve")}),
            "aba string longer than twelve :: varchar");
  EXPECT_EQ(Eval("concat", {Value::Varchar("a"), Value::Null(LogicalType::Varchar())}),
            "NULL :: varchar");
}

TEST(StringFunctionsTest, ConcatOfBoundedVarcharsAddsLengths) {
  EXPECT_EQ(Eval("concat", {Value::FromString(LogicalType::Varchar(2), "ab"),
                            Value::FromString(LogicalType::Varchar(3), "cde")}),
            "abcde :: varchar(5)");
}

TEST(StringFunctionsTest, LikeMatchesPercentAndUnderscore) {
  EXPECT_EQ(Like("hello", "hello"), "true :: boolean");
  EXPECT_EQ(Like("hello", "he%"), "true :: boolean");
  EXPECT_EQ(Like("hello", "%llo"), "true :: boolean");
  EXPECT_EQ(Like("hello", "%ell%"), "true :: boolean");
  EXPECT_EQ(Like("hello", "h_llo"), "true :: boolean");
  EXPECT_EQ(Like("hello", "h%l_"), "true :: boolean");
  EXPECT_EQ(Like("hello", "h%x%"), "false :: boolean");
  EXPECT_EQ(Like("héllo", "h_llo"), "true :: boolean");
  EXPECT_EQ(Like("abcabc", "%a%c"), "true :: boolean");
  EXPECT_EQ(Like("", "%"), "true :: boolean");
  EXPECT_EQ(Like("a", ""), "false :: boolean");
}

TEST(StringFunctionsTest, LikeEscapeMakesWildcardsLiteral) {
  const auto like = [](std::string text, std::string pattern, std::string escape) {
    return Eval("$like", {Value::Varchar(std::move(text)), Value::Varchar(std::move(pattern)),
                          Value::Varchar(std::move(escape))});
  };
  EXPECT_EQ(like("50%", "50#%", "#"), "true :: boolean");
  EXPECT_EQ(like("500", "50#%", "#"), "false :: boolean");
  EXPECT_EQ(like("a_b", "a#_b", "#"), "true :: boolean");
  EXPECT_EQ(like("x", "x", "##"),
            "INVALID_FUNCTION_ARGUMENT: Escape string must be a single character");
  EXPECT_EQ(like("x", "#x", "#"),
            "INVALID_FUNCTION_ARGUMENT: Escape character must be followed by '%', '_' or the "
            "escape character");
}

TEST(StringFunctionsTest, LikeWithNullIsNull) {
  EXPECT_EQ(Eval("$like", {Value::Null(LogicalType::Varchar()), Value::Varchar("%")}),
            "NULL :: boolean");
  EXPECT_EQ(Eval("$like", {Value::Varchar("a"), Value::Null(LogicalType::Varchar())}),
            "NULL :: boolean");
}

}  // namespace
}  // namespace stratus::sql::functions
