// The JSONata language: paths, predicates, constructors, operators, blocks,
// lambdas, order-by, grouping, focus/index/parent bindings and transforms.
// Expected values follow the JSONata documentation (docs.jsonata.org).

#include <gtest/gtest.h>

#include "states/jsonata/evaluator_internal.h"
#include "states/jsonata/expression_tester.h"

namespace stratus::states {
namespace {

TEST(EvaluatorTest, NavigatesObjectsAndArrays) {
  ExpressionTester tester(kAddressDocument);
  tester.ExpectAll({
      {"Surname", R"("Smith")"},
      {"Age", "28"},
      {"Address.City", R"("Winchester")"},
      {"Other.Misc", "null"},
      {"Other.Nothing", "undefined"},
      {"Other.`Over 18 ?`", "true"},
      {"Other.`Alternative.Address`.City", R"("London")"},
      {"Phone[0]", R"({"type": "home", "number": "0203 544 1234"})"},
      {"Phone[0].number", R"("0203 544 1234")"},
      {"Phone[-1].number", R"("077 7700 1234")"},
      {"Phone[8]", "undefined"},
      {"Phone.number", R"(["0203 544 1234", "01962 001234", "01962 001235", "077 7700 1234"])"},
      {"Phone.number[0]", R"(["0203 544 1234", "01962 001234", "01962 001235", "077 7700 1234"])"},
      {"(Phone.number)[0]", R"("0203 544 1234")"},
      {"Phone[[0..1]].number", R"(["0203 544 1234", "01962 001234"])"},
      {"Email.address",
       R"(["fred.smith@my-work.com", "fsmith@my-work.com", "freddy@my-social.com",
           "frederic.smith@very-serious.com"])"},
      {"Email.address[0]", R"(["fred.smith@my-work.com", "freddy@my-social.com"])"},
      {"$.Surname", R"("Smith")"},
      {"$$.Address.City", R"("Winchester")"},
  });
}

TEST(EvaluatorTest, FiltersWithPredicates) {
  ExpressionTester tester(kAddressDocument);
  tester.ExpectAll({
      {"Phone[type='mobile'].number", R"("077 7700 1234")"},
      {"Phone[type='office'].number", R"(["01962 001234", "01962 001235"])"},
      {"Phone[type='mobile'].number[]", R"(["077 7700 1234"])"},
      {"Phone[type='fax'].number", "undefined"},
      {"Email[type='home'].address",
       R"(["freddy@my-social.com", "frederic.smith@very-serious.com"])"},
      {"Phone[$contains(number, '1962')][1].number", R"("01962 001235")"},
      {"Phone[type in ['home', 'mobile']].type", R"(["home", "mobile"])"},
  });
}

TEST(EvaluatorTest, CollapsesSingletonSequencesButKeepsInputArrays) {
  ExpressionTester tester(R"({"a": [{"b": 1}], "c": [1], "d": {"e": [[1, 2], [3]]}})");
  tester.ExpectAll({
      {"a.b", "1"},
      {"a.b[]", "[1]"},
      {"c", "[1]"},
      {"a", R"([{"b": 1}])"},
      {"d.e", "[[1, 2], [3]]"},
      {"d.e[0]", "[1, 2]"},
      {"d.e.$", "[1, 2, 3]"},
  });
}

TEST(EvaluatorTest, TreatsAnInputArrayAsOneValue) {
  ExpressionTester tester(R"([{"a": 1}, {"a": 2}])");
  tester.ExpectAll({
      {"$", R"([{"a": 1}, {"a": 2}])"},
      {"a", "[1, 2]"},
      {"$[0].a", "1"},
      {"$count($)", "2"},
      {"*.a", "[1, 2]"},
  });
}

TEST(EvaluatorTest, ExpandsWildcardsAndDescendants) {
  ExpressionTester tester(kAddressDocument);
  tester.ExpectAll({
      {"$sort(Address.*)", R"(["Hursley Park", "SO21 2JN", "Winchester"])"},
      {"**.Postcode", R"(["SO21 2JN", "E1 6RF"])"},
      {"$count(*)", "11"},
      {"$count(Phone.*)", "8"},
  });
}

TEST(EvaluatorTest, EvaluatesLiterals) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"42", "42"},
      {"-1.5", "-1.5"},
      {"1e3", "1000"},
      {"2.0", "2"},
      {R"("a\"b\\c\n\u00e9")", R"("a\"b\\c\n\u00e9")"},
      {"'single'", R"("single")"},
      {"true", "true"},
      {"null", "null"},
      {"/* comment */ 1", "1"},
  });
}

TEST(EvaluatorTest, ComputesArithmeticAndComparisons) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"1 + 2", "3"},
      {"5 - 7", "-2"},
      {"2 * 3.5", "7"},
      {"7 / 2", "3.5"},
      {"7 % 3", "1"},
      {"-5 % 3", "-2"},
      {"2 * (3 + 4)", "14"},
      {"-(1 + 2)", "-3"},
      {"0.1 + 0.2", "0.30000000000000004"},
      {"1 + nothing", "undefined"},
      {"1 = 1.0", "true"},
      {"[1, 2] = [1, 2]", "true"},
      {R"({"a": 1} = {"a": 1})", "true"},
      {R"(1 != "1")", "true"},
      {"nothing = nothing", "false"},
      {R"("abc" < "abd")", "true"},
      {"3 >= 3", "true"},
      {"3 > nothing", "undefined"},
  });
}

TEST(EvaluatorTest, CombinesBooleansStringsAndMembership) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"true and false", "false"},
      {"true or false", "true"},
      {"nothing and true", "false"},
      {"1 and 'x'", "true"},
      {R"("a" & 1 & true & null)", R"("a1truenull")"},
      {R"("a" & [1, 2] & {"b": 0.5})", R"("a[1,2]{\"b\":0.5}")"},
      {R"("x" & nothing)", R"("x")"},
      {R"("b" in ["a", "b"])", "true"},
      {"3 in [1, 2]", "false"},
      {R"("a" in "a")", "true"},
  });
}

TEST(EvaluatorTest, ChoosesWithConditionalsElvisAndCoalescing) {
  ExpressionTester tester(R"({"zero": 0, "empty": "", "none": null, "name": "x"})");
  tester.ExpectAll({
      {"1 > 2 ? 'yes' : 'no'", R"("no")"},
      {"false ? 1", "undefined"},
      {"zero ?: 'default'", R"("default")"},
      {"name ?: 'default'", R"("x")"},
      {"missing ?? 'default'", R"("default")"},
      {"zero ?? 5", "0"},
      {"none ?? 5", "null"},
      {"empty ? 'a' : 'b'", R"("b")"},
  });
}

TEST(EvaluatorTest, ConstructsArraysAndObjects) {
  ExpressionTester tester(kAddressDocument);
  tester.ExpectAll({
      {"[1, 2, [3, 4]]", "[1, 2, [3, 4]]"},
      {"[1..5]", "[1, 2, 3, 4, 5]"},
      {"[1..3, 7]", "[1, 2, 3, 7]"},
      {"[5..1]", "[]"},
      {"[]", "[]"},
      {"[Address, Other.`Alternative.Address`].City", R"(["Winchester", "London"])"},
      {"Email.[address]",
       R"([["fred.smith@my-work.com", "fsmith@my-work.com"],
           ["freddy@my-social.com", "frederic.smith@very-serious.com"]])"},
      {R"({"name": FirstName, "age": Age, "missing": Nothing})", R"({"name": "Fred", "age": 28})"},
      {"Phone{type: number}",
       R"({"home": "0203 544 1234", "office": ["01962 001234", "01962 001235"],
           "mobile": "077 7700 1234"})"},
      {"Phone.{type: number}",
       R"([{"home": "0203 544 1234"}, {"office": "01962 001234"},
           {"office": "01962 001235"}, {"mobile": "077 7700 1234"}])"},
      {"{}", "{}"},
  });
}

TEST(EvaluatorTest, BindsVariablesInBlocks) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"($a := 3; $b := 4; $a * $b)", "12"},
      {"($a := 1; ($a := 2); $a)", "1"},
      {"$x := 5", "5"},
      {"()", "undefined"},
  });
}

TEST(EvaluatorTest, DefinesAndCallsFunctions) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"(function($x){$x * 2})(21)", "42"},
      {"($f := λ($x, $y){$x + $y}; $f(2, 3))", "5"},
      {"($mul := function($n){function($x){$x * $n}}; $triple := $mul(3); $triple(5))", "15"},
      {"($add := function($a, $b){$a + $b}; $inc := $add(1, ?); $inc(41))", "42"},
      {R"($substring(?, 0, 3)("hello"))", R"("hel")"},
      {R"("hello" ~> $uppercase())", R"("HELLO")"},
      {"[3, 1, 2] ~> $sort() ~> $reverse()", "[3, 2, 1]"},
      {R"(($f := $uppercase ~> $trim; $f("  a b  ")))", R"("A B")"},
      {"($fact := function($n){$n <= 1 ? 1 : $n * $fact($n - 1)}; $fact(10))", "3628800"},
      {"($f := function($x)<n:n>{$x + 1}; $f(1))", "2"},
      {"($count := function($n, $acc){$n = 0 ? $acc : $count($n - 1, $acc + 1)};"
       " $count(10000, 0))",
       "10000"},
  });
}

TEST(EvaluatorTest, SortsWithOrderBy) {
  ExpressionTester tester(kOrderDocument);
  tester.ExpectAll({
      {"Account.Order.Product^(Price).SKU",
       R"(["0406634348", "0406654608", "040657863", "0406654603"])"},
      {"Account.Order.Product^(>Price).SKU",
       R"(["0406654603", "0406654608", "040657863", "0406634348"])"},
      {"Account.Order.Product^(>Quantity, Price).`Product Name`",
       R"(["Bowler Hat", "Bowler Hat", "Trilby hat", "Cloak"])"},
      {"[3, 1, 2]^($)", "[1, 2, 3]"},
  });
}

TEST(EvaluatorTest, GroupsAndAggregates) {
  ExpressionTester tester(kOrderDocument);
  tester.ExpectAll({
      {"Account.Order.Product{`Product Name`: $sum(Quantity)}",
       R"({"Bowler Hat": 6, "Trilby hat": 1, "Cloak": 1})"},
      {"$round($sum(Account.Order.Product.(Price * Quantity)), 2)", "336.36"},
      {"Account.Order.{'id': OrderID, 'total': $sum(Product.Quantity)}",
       R"([{"id": "order103", "total": 3}, {"id": "order104", "total": 5}])"},
      {"Account.Order[0].OrderID", R"("order103")"},
      {"Account.Order.Product[0].SKU", R"(["0406654608", "040657863"])"},
  });
}

TEST(EvaluatorTest, BindsFocusIndexAndParent) {
  ExpressionTester tester(kOrderDocument);
  tester.ExpectAll({
      {"Account.Order#$i.{'i': $i, 'id': OrderID}",
       R"([{"i": 0, "id": "order103"}, {"i": 1, "id": "order104"}])"},
      {"Account.Order.Product.{'sku': SKU, 'order': %.OrderID}",
       R"([{"sku": "0406654608", "order": "order103"}, {"sku": "0406634348", "order": "order103"},
           {"sku": "040657863", "order": "order104"}, {"sku": "0406654603", "order": "order104"}])"},
      {"Account@$a.Account.Order[0].$a.`Account Name`", R"("Firefly")"},
  });
}

TEST(EvaluatorTest, TransformsCopies) {
  ExpressionTester tester(R"({"a": {"b": 1, "c": 2}, "list": [{"x": 1}, {"x": 2}]})");
  tester.ExpectAll({
      {R"($ ~> |a|{"b": 10}, "c"|)", R"({"a": {"b": 10}, "list": [{"x": 1}, {"x": 2}]})"},
      {R"(list ~> |$|{"y": x * 2}|)", R"([{"x": 1, "y": 2}, {"x": 2, "y": 4}])"},
      {"a", R"({"b": 1, "c": 2})"},
  });
  // A match inside a part an earlier match deleted is left alone (it was
  // freed memory before the fix).
  ExpressionTester nested(R"({"a": {"b": {"c": 1}}, "d": 2})");
  nested.ExpectAll({
      {R"($ ~> |**[$type($) = "object"]|{"seen": true}, "b"|)",
       R"({"a": {"seen": true}, "d": 2, "seen": true})"},
  });
}

TEST(EvaluatorTest, MatchesRegularExpressions) {
  ExpressionTester tester;
  tester.ExpectAll({
      {R"($match("ab12cd345", /[0-9]+/))",
       R"([{"match": "12", "index": 2, "groups": []}, {"match": "345", "index": 6, "groups": []}])"},
      {R"($contains("Hello", /^h/i))", "true"},
      {R"($contains("hello$world", /^hello\$/))", "true"},
      {R"($contains("hello$world", /^hello\ /))", "false"},
      {R"($replace("John Smith", /(\w+)\s(\w+)/, "$2, $1"))", R"("Smith, John")"},
      {R"($split("a1b22c", /[0-9]+/))", R"(["a", "b", "c"])"},
      {R"(["apple", "banana", "avocado"][$ ~> /^a/])", R"(["apple", "avocado"])"},
  });
}

TEST(EvaluatorTest, EvaluatesTextWithEval) {
  ExpressionTester tester(R"({"a": 5})");
  tester.ExpectAll({
      {R"($eval("1 + 2"))", "3"},
      {R"($eval("a * 2"))", "10"},
      {R"($eval("b", {"b": 7}))", "7"},
  });
}

TEST(EvaluatorTest, ReportsTypeErrorsWithJsonataCodes) {
  ExpressionTester tester(R"({"o": {}})");
  EXPECT_EQ(tester.ErrorCode(R"("a" + 1)"), "T2001");
  EXPECT_EQ(tester.ErrorCode(R"(1 + "a")"), "T2002");
  EXPECT_EQ(tester.ErrorCode(R"(1 < "a")"), "T2009");
  EXPECT_EQ(tester.ErrorCode("o < 1"), "T2010");
  EXPECT_EQ(tester.ErrorCode("$nothing()"), "T1006");
  EXPECT_EQ(tester.ErrorCode(R"(uppercase("a"))"), "T1005");
  EXPECT_EQ(tester.ErrorCode("1 ~> 2"), "T2006");
  EXPECT_EQ(tester.ErrorCode("[1.5..3]"), "T2003");
  EXPECT_EQ(tester.ErrorCode("[1..1e8]"), "D2014");
  EXPECT_EQ(tester.ErrorCode(R"(-"a")"), "D1002");
  EXPECT_EQ(tester.ErrorCode("{1: 2}"), "T1003");
  EXPECT_EQ(tester.ErrorCode("1 / 0"), "D1001");
  EXPECT_EQ(tester.Text(R"("a" + 1)"),
            R"(error: T2001: The left side of the "+" operator must evaluate to a number)");
}

TEST(EvaluatorTest, StopsRunawayRecursionAndLoops) {
  ExpressionTester tester;
  EXPECT_EQ(tester.ErrorCode("($f := function($n){1 + $f($n + 1)}; $f(0))"), "D1011");
  tester.bindings().set_max_steps(10'000);
  EXPECT_EQ(tester.ErrorCode("($f := function(){$f()}; $f())"), "D1100");
}

}  // namespace
}  // namespace stratus::states
