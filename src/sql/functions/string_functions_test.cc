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

namespace stratus::sql::functions {
namespace {

std::string Call(std::string_view name, const std::vector<Value>& arguments) {
  std::string flat = Describe(EvalScalar(name, arguments));
  EXPECT_EQ(flat, Describe(EvalScalarConstant(name, arguments)));
  return flat;
}

Value S(std::string text) {
  return Value::Varchar(std::move(text));
}

TEST(StringFunctionsTest, LengthAndCaseCountCodePoints) {
  EXPECT_EQ(Call("length", {S("héllo")}), "5 :: bigint");
  EXPECT_EQ(Call("upper", {S("abc-XYZ")}), "ABC-XYZ :: varchar");
  EXPECT_EQ(Call("lower", {S("ABC")}), "abc :: varchar");
  EXPECT_EQ(Call("upper", {S("héllo wörld")}), "HÉLLO WÖRLD :: varchar");
  EXPECT_EQ(Call("lower", {S("ÀÉÎ ΑΒΓ ДЖЯ Ł")}), "àéî αβγ джя ł :: varchar");
  EXPECT_EQ(Call("reverse", {S("héllo")}), "olléh :: varchar");
}

TEST(StringFunctionsTest, SubstrIsOneBasedAndCountsFromTheEndWhenNegative) {
  EXPECT_EQ(Call("substr", {S("abcdef"), Value::Bigint(2)}), "bcdef :: varchar");
  EXPECT_EQ(Call("substr", {S("abcdef"), Value::Integer(2), Value::Integer(3)}), "bcd :: varchar");
  EXPECT_EQ(Call("substr", {S("abcdef"), Value::Integer(-2)}), "ef :: varchar");
  EXPECT_EQ(Call("substr", {S("abcdef"), Value::Integer(0)}), " :: varchar");
  EXPECT_EQ(Call("substring", {S("abcdef"), Value::Integer(10)}), " :: varchar");
  EXPECT_EQ(Call("substr", {S("héllo"), Value::Integer(2), Value::Integer(2)}), "él :: varchar");
}

TEST(StringFunctionsTest, SearchingAndReplacing) {
  EXPECT_EQ(Call("strpos", {S("hello"), S("l")}), "3 :: bigint");
  EXPECT_EQ(Call("strpos", {S("hello"), S("l"), Value::Integer(2)}), "4 :: bigint");
  EXPECT_EQ(Call("strpos", {S("hello"), S("z")}), "0 :: bigint");
  EXPECT_EQ(Call("replace", {S("banana"), S("a"), S("o")}), "bonono :: varchar");
  EXPECT_EQ(Call("replace", {S("banana"), S("a")}), "bnn :: varchar");
  EXPECT_EQ(Call("starts_with", {S("banana"), S("ban")}), "true :: boolean");
}

TEST(StringFunctionsTest, TrimAndPad) {
  EXPECT_EQ(Call("trim", {S("  a b  ")}), "a b :: varchar");
  EXPECT_EQ(Call("ltrim", {S("  ab  ")}), "ab   :: varchar");
  EXPECT_EQ(Call("rtrim", {S("  ab  ")}), "  ab :: varchar");
  EXPECT_EQ(Call("trim", {S("xxabxx"), S("x")}), "ab :: varchar");
  EXPECT_EQ(Call("lpad", {S("7"), Value::Integer(3), S("0")}), "007 :: varchar");
  EXPECT_EQ(Call("rpad", {S("ab"), Value::Integer(5), S("xy")}), "abxyx :: varchar");
  EXPECT_EQ(Call("lpad", {S("abcdef"), Value::Integer(3), S("0")}), "abc :: varchar");
  EXPECT_EQ(Call("lpad", {S("a"), Value::Integer(3), S("")}),
            "INVALID_FUNCTION_ARGUMENT: Padding string must not be empty");
}

TEST(StringFunctionsTest, SplitAndSplitPart) {
  EXPECT_EQ(Call("split", {S("a,b,,c"), S(",")}), "[a, b, , c] :: array(varchar)");
  EXPECT_EQ(Call("split", {S("a,b,c"), S(","), Value::Integer(2)}), "[a, b,c] :: array(varchar)");
  EXPECT_EQ(Call("split_part", {S("a,b,c"), S(","), Value::Integer(2)}), "b :: varchar");
  EXPECT_EQ(Call("split_part", {S("a,b,c"), S(","), Value::Integer(4)}), "NULL :: varchar");
  EXPECT_EQ(Call("split_part", {S("a,b"), S(","), Value::Integer(0)}),
            "INVALID_FUNCTION_ARGUMENT: Index must be greater than zero");
}

TEST(StringFunctionsTest, ConcatWsSkipsNulls) {
  EXPECT_EQ(Call("concat_ws", {S(","), S("a"), Value::Null(LogicalType::Varchar()), S("b")}),
            "a,b :: varchar");
  EXPECT_EQ(Call("concat_ws", {Value::Null(LogicalType::Varchar()), S("a")}), "NULL :: varchar");
}

TEST(StringFunctionsTest, CodePointsAndBinary) {
  EXPECT_EQ(Call("chr", {Value::Integer(65)}), "A :: varchar(1)");
  EXPECT_EQ(Call("codepoint", {S("é")}), "233 :: integer");
  EXPECT_EQ(Call("to_hex", {Value::Varbinary("\x01\xab")}), "01AB :: varchar");
  EXPECT_EQ(Call("to_hex", {Call("to_utf8", {S("a")}) == "61 :: varbinary" ? Value::Varbinary("a")
                                                                           : Value::Varbinary("")}),
            "61 :: varchar");
  EXPECT_EQ(Call("to_hex", {Value::Varbinary("abc")}), "616263 :: varchar");
  EXPECT_EQ(Describe(EvalScalar("to_hex", {EvalScalar("md5", {Value::Varbinary("")}).value()})),
            "D41D8CD98F00B204E9800998ECF8427E :: varchar");
  EXPECT_EQ(Call("levenshtein_distance", {S("kitten"), S("sitting")}), "3 :: bigint");
  EXPECT_EQ(Call("crc32", {Value::Varbinary("abc")}), "891568578 :: bigint");
}

TEST(StringFunctionsTest, TranslateAndHammingDistance) {
  EXPECT_EQ(Call("translate", {S("abcd"), S("ab"), S("z")}), "zcd :: varchar");
  EXPECT_EQ(Call("hamming_distance", {S("abc"), S("abd")}), "1 :: bigint");
}

TEST(StringFunctionsTest, FormatFollowsJava) {
  EXPECT_EQ(Call("format", {S("%s%%"), Value::Integer(123)}), "123% :: varchar");
  EXPECT_EQ(Call("format", {S("%03d"), Value::Integer(8)}), "008 :: varchar");
  EXPECT_EQ(Call("format", {S("%,.2f"), Value::Double(1234567.89)}), "1,234,567.89 :: varchar");
  EXPECT_EQ(Call("format", {S("%-7s,%7s"), S("hello"), S("world")}), "hello  ,  world :: varchar");
  EXPECT_EQ(Call("format", {S("%2$s %3$s %1$s"), S("a"), S("b"), S("c")}), "b c a :: varchar");
  EXPECT_EQ(Call("format", {S("%.5f"), Value::Double(3.141592653589793)}), "3.14159 :: varchar");
  EXPECT_EQ(Call("format", {S("%.2f"), Value::Double(0.125)}), "0.13 :: varchar");
}

TEST(StringFunctionsTest, UrlParts) {
  const Value url = S("https://user@example.com:8080/a/b?x=1&y=2#frag");
  EXPECT_EQ(Call("url_extract_protocol", {url}), "https :: varchar");
  EXPECT_EQ(Call("url_extract_host", {url}), "example.com :: varchar");
  EXPECT_EQ(Call("url_extract_port", {url}), "8080 :: bigint");
  EXPECT_EQ(Call("url_extract_path", {url}), "/a/b :: varchar");
  EXPECT_EQ(Call("url_extract_query", {url}), "x=1&y=2 :: varchar");
  EXPECT_EQ(Call("url_extract_fragment", {url}), "frag :: varchar");
  EXPECT_EQ(Call("url_extract_parameter", {url, S("y")}), "2 :: varchar");
  EXPECT_EQ(Call("url_extract_parameter", {url, S("z")}), "NULL :: varchar");
  EXPECT_EQ(Call("url_encode", {S("a b&c")}), "a+b%26c :: varchar");
  EXPECT_EQ(Call("url_decode", {S("a+b%26c")}), "a b&c :: varchar");
}

}  // namespace
}  // namespace stratus::sql::functions
