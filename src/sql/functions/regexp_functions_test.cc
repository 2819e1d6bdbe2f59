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

TEST(RegexpFunctionsTest, LikeMatchesAnywhere) {
  EXPECT_EQ(Eval("regexp_like", {V("1a 2b 14m"), V("\\d+b")}), "true :: boolean");
  EXPECT_EQ(Eval("regexp_like", {V("abc"), V("^b")}), "false :: boolean");
}

TEST(RegexpFunctionsTest, ExtractReturnsTheFirstMatchOrNull) {
  EXPECT_EQ(Eval("regexp_extract", {V("1a 2b 14m"), V("\\d+")}), "1 :: varchar");
  EXPECT_EQ(Eval("regexp_extract", {V("1a 2b 14m"), V("(\\d+)([a-z]+)"), Value::Integer(2)}),
            "a :: varchar");
  EXPECT_EQ(Eval("regexp_extract", {V("abc"), V("\\d")}), "NULL :: varchar");
  EXPECT_EQ(Eval("regexp_extract", {V("abc"), V("(a)"), Value::Integer(2)}),
            "INVALID_FUNCTION_ARGUMENT: Pattern has 1 groups. Cannot access group 2");
}

TEST(RegexpFunctionsTest, ExtractAllAndSplitBuildArrays) {
  EXPECT_EQ(Eval("regexp_extract_all", {V("1a 2b 14m"), V("\\d+")}),
            "[1, 2, 14] :: array(varchar)");
  EXPECT_EQ(Eval("regexp_extract_all", {V("1a 2b 14m"), V("(\\d+)([a-z]+)"), Value::Integer(2)}),
            "[a, b, m] :: array(varchar)");
  EXPECT_EQ(Eval("regexp_split", {V("1a 2b 14m"), V("\\s*[a-z]+\\s*")}),
            "[1, 2, 14, ] :: array(varchar)");
}

TEST(RegexpFunctionsTest, ReplaceSupportsGroupReferences) {
  EXPECT_EQ(Eval("regexp_replace", {V("1a 2b 14m"), V("\\d+[ab] ")}), "14m :: varchar");
  EXPECT_EQ(Eval("regexp_replace", {V("1a 2b 14m"), V("(\\d+)([ab]) "), V("3c$2 ")}),
            "3ca 3cb 14m :: varchar");
  EXPECT_EQ(Eval("regexp_replace", {V("abc"), V(""), V("-")}), "-a-b-c- :: varchar");
}

TEST(RegexpFunctionsTest, CountAndPosition) {
  EXPECT_EQ(Eval("regexp_count", {V("1a 2b 14m"), V("\\s*[a-z]+\\s*")}), "3 :: bigint");
  EXPECT_EQ(Eval("regexp_position", {V("I have 23 apples"), V("\\d+")}), "8 :: integer");
}

TEST(RegexpFunctionsTest, BadPatternsAreInvalidArguments) {
  const std::string error = Eval("regexp_like", {V("a"), V("(")});
  EXPECT_EQ(error.rfind("INVALID_FUNCTION_ARGUMENT: Invalid regular expression", 0), 0u) << error;
}

}  // namespace
}  // namespace stratus::sql::functions
