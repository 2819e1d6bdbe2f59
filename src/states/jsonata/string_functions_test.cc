// String functions, with the examples of the JSONata documentation.

#include <gtest/gtest.h>

#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/expression_tester.h"

namespace stratus::states {
namespace {

TEST(StringFunctionsTest, CastsToString) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"$string(5)", R"("5")"},
      {"$string(0.1 + 0.2)", R"("0.3")"},
      {"$string(1e21)", R"("1e+21")"},
      {"$string(1.5e-7)", R"("1.5e-7")"},
      {R"($string([1, "a", true, null]))", R"("[1,\"a\",true,null]")"},
      {R"($string({"a": 1}, true))", R"("{\n  \"a\": 1\n}")"},
      {R"($string("text"))", R"("text")"},
      {"$string(function(){1})", R"("")"},
      {"$string(nothing)", "undefined"},
  });
  EXPECT_EQ(tester.ErrorCode("$string(1/0)"), "D3001");
}

TEST(StringFunctionsTest, MeasuresAndSlicesByCodePoint) {
  ExpressionTester tester;
  tester.ExpectAll({
      {R"($length("Hello World"))", "11"},
      {R"($length("é✓"))", "2"},
      {R"($substring("Hello World", 3))", R"("lo World")"},
      {R"($substring("Hello World", 3, 5))", R"("lo Wo")"},
      {R"($substring("Hello World", -4))", R"("orld")"},
      {R"($substring("Hello World", -4, 1))", R"("o")"},
      {R"($substring("héllo", 1, 2))", R"("él")"},
      {R"($substringBefore("Hello World", " "))", R"("Hello")"},
      {R"($substringAfter("Hello World", " "))", R"("World")"},
      {R"($substringBefore("Hello", "x"))", R"("Hello")"},
  });
}

TEST(StringFunctionsTest, ChangesCaseTrimsAndPads) {
  ExpressionTester tester;
  tester.ExpectAll({
      {R"($uppercase("Hello World"))", R"("HELLO WORLD")"},
      {R"($lowercase("Hello World"))", R"("hello world")"},
      {R"($uppercase("straße é"))", R"("STRASSE É")"},
      {R"($trim("   Hello    \n World  "))", R"("Hello World")"},
      {R"($pad("foo", 5))", R"("foo  ")"},
      {R"($pad("foo", -5))", R"("  foo")"},
      {R"($pad("foo", -5, "#"))", R"("##foo")"},
      {R"($pad("5", -3, "0"))", R"("005")"},
      {R"($pad("foo", 2))", R"("foo")"},
  });
}

TEST(StringFunctionsTest, SearchesSplitsJoinsAndReplaces) {
  ExpressionTester tester;
  tester.ExpectAll({
      {R"($contains("abracadabra", "bra"))", "true"},
      {R"($contains("abracadabra", "xyz"))", "false"},
      {R"($split("so many words", " "))", R"(["so", "many", "words"])"},
      {R"($split("so many words", " ", 2))", R"(["so", "many"])"},
      {R"($split("abc", ""))", R"(["a", "b", "c"])"},
      {R"($join(["a", "b", "c"]))", R"("abc")"},
      {R"($join(["a", "b", "c"], ", "))", R"("a, b, c")"},
      {R"($replace("John Smith and John Jones", "John", "Mr"))", R"("Mr Smith and Mr Jones")"},
      {R"($replace("John Smith and John Jones", "John", "Mr", 1))", R"("Mr Smith and John Jones")"},
      {R"($replace("abracadabra", /a.*?a/, "*"))", R"("*c*bra")"},
      {R"($replace("265USD", /([0-9]+)USD/, "$$$1"))", R"("$265")"},
      {R"($replace("abc", /b/, function($m){$uppercase($m.match)}))", R"("aBc")"},
  });
  EXPECT_EQ(tester.ErrorCode(R"($replace("abc", "", "x"))"), "D3010");
  EXPECT_EQ(tester.ErrorCode(R"($split("abc", "b", -1))"), "D3020");
}

TEST(StringFunctionsTest, RefusesRegexesOverVeryLongStrings) {
  ExpressionTester tester(R"({"s": ")" + std::string(5000, 'a') + R"("})");
  EXPECT_EQ(tester.ErrorCode("$contains(s, /^a*$/)"), "D1099");
  EXPECT_EQ(tester.Text("$contains($substring(s, 0, 4000), /^a*$/)"), "true");
}

TEST(StringFunctionsTest, EncodesAndDecodes) {
  ExpressionTester tester;
  tester.ExpectAll({
      {R"($base64encode("myuser:mypass"))", R"("bXl1c2VyOm15cGFzcw==")"},
      {R"($base64decode("bXl1c2VyOm15cGFzcw=="))", R"("myuser:mypass")"},
      {R"($encodeUrlComponent("?x=test"))", R"("%3Fx%3Dtest")"},
      {R"($encodeUrl("https://mozilla.org/?x=шеллы"))",
       R"("https://mozilla.org/?x=%D1%88%D0%B5%D0%BB%D0%BB%D1%8B")"},
      {R"($decodeUrlComponent("%3Fx%3Dtest"))", R"("?x=test")"},
      {R"($decodeUrl("https://mozilla.org/?x=%D1%88%D0%B5%D0%BB%D0%BB%D1%8B"))",
       R"("https://mozilla.org/?x=шеллы")"},
  });
  EXPECT_EQ(tester.ErrorCode("$decodeUrl('%E0%A4%A')"), "D3140");
}

TEST(StringFunctionsTest, UsesTheContextWhenTheFirstArgumentIsMissing) {
  ExpressionTester tester(R"({"names": ["ann", "bob"]})");
  tester.ExpectAll({
      {"names.$uppercase()", R"(["ANN", "BOB"])"},
      {"names.$length()", "[3, 3]"},
  });
  EXPECT_EQ(tester.ErrorCode("$uppercase()"), "T0411");
  EXPECT_EQ(tester.ErrorCode("$substring(1, 2, 3, 4)"), "T0410");
}

}  // namespace
}  // namespace stratus::states
