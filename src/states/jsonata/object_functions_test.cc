// Object functions.

#include <gtest/gtest.h>

#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/expression_tester.h"

namespace stratus::states {
namespace {

TEST(ObjectFunctionsTest, ListsKeysAndLooksUpValues) {
  ExpressionTester tester(kAddressDocument);
  tester.ExpectAll({
      {R"($keys({"a": 1, "b": 2}))", R"(["a", "b"])"},
      {R"($keys([{"a": 1}, {"b": 2, "a": 3}]))", R"(["a", "b"])"},
      {"$keys(5)", "undefined"},
      {R"($lookup({"a": 1}, "a"))", "1"},
      {R"($lookup(Phone, "type"))", R"(["home", "office", "office", "mobile"])"},
  });
}

TEST(ObjectFunctionsTest, SpreadsAndMerges) {
  ExpressionTester tester;
  tester.ExpectAll({
      {R"($spread({"a": 1, "b": 2}))", R"([{"a": 1}, {"b": 2}])"},
      {R"($merge([{"a": 1}, {"b": 2}, {"a": 3}]))", R"({"a": 3, "b": 2})"},
      {R"($merge({"a": 1}))", R"({"a": 1})"},
  });
}

TEST(ObjectFunctionsTest, IteratesAndSifts) {
  ExpressionTester tester;
  tester.ExpectAll({
      {R"($each({"a": 1, "b": 2}, function($v, $k){$k & "=" & $v}))", R"(["a=1", "b=2"])"},
      {R"($sift({"a": 1, "b": 2}, function($v){$v > 1}))", R"({"b": 2})"},
      {R"($sift({"a": 1}, function($v){$v > 1}))", "undefined"},
  });
}

TEST(ObjectFunctionsTest, ReportsTypes) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"$type(1)", R"("number")"},
      {R"($type("a"))", R"("string")"},
      {"$type(true)", R"("boolean")"},
      {"$type(null)", R"("null")"},
      {"$type([])", R"("array")"},
      {"$type({})", R"("object")"},
      {"$type($sum)", R"("function")"},
      {"$type(nothing)", "undefined"},
  });
}

TEST(ObjectFunctionsTest, RaisesUserErrors) {
  ExpressionTester tester;
  EXPECT_EQ(tester.Text(R"($error("boom"))"), "error: D3137: boom");
  EXPECT_EQ(tester.Text("$error()"), "error: D3137: $error() function evaluated");
  EXPECT_EQ(tester.Text(R"($assert(1 = 2, "no"))"), "error: D3141: no");
  EXPECT_EQ(tester.Text(R"($assert(1 = 1, "no"))"), "undefined");
}

}  // namespace
}  // namespace stratus::states
