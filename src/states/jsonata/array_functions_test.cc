// Array functions.

#include <gtest/gtest.h>

#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/expression_tester.h"

namespace stratus::states {
namespace {

TEST(ArrayFunctionsTest, CountsAppendsAndReverses) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"$count([1, 2, 3])", "3"},
      {"$count([])", "0"},
      {"$count(nothing)", "0"},
      {"$count(5)", "1"},
      {"$append([1, 2], [3, 4])", "[1, 2, 3, 4]"},
      {"$append(1, [2])", "[1, 2]"},
      {"$append(nothing, [2])", "[2]"},
      {"$reverse([1, 2, 3])", "[3, 2, 1]"},
  });
}

TEST(ArrayFunctionsTest, SortsStably) {
  ExpressionTester tester(kOrderDocument);
  tester.ExpectAll({
      {"$sort([3, 1, 2])", "[1, 2, 3]"},
      {R"($sort(["b", "c", "a"]))", R"(["a", "b", "c"])"},
      {"$sort(Account.Order.Product, function($l, $r){$l.Price > $r.Price}).SKU",
       R"(["0406634348", "0406654608", "040657863", "0406654603"])"},
  });
  EXPECT_EQ(tester.ErrorCode(R"($sort([1, "a"]))"), "D3070");
}

TEST(ArrayFunctionsTest, RemovesDuplicatesAndZips) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"$distinct([1, 2, 1, 3, 2])", "[1, 2, 3]"},
      {R"($distinct([{"a": 1}, {"a": 1}, {"a": 2}]))", R"([{"a": 1}, {"a": 2}])"},
      {"$zip([1, 2, 3], [4, 5, 6])", "[[1, 4], [2, 5], [3, 6]]"},
      {"$zip([1, 2], [3])", "[[1, 3]]"},
  });
}

TEST(ArrayFunctionsTest, ShufflesDeterministicallyWithASeededGenerator) {
  ExpressionTester first;
  ExpressionTester second;
  EXPECT_EQ(first.Text("$shuffle([1, 2, 3, 4, 5, 6])"),
            second.Text("$shuffle([1, 2, 3, 4, 5, 6])"));
  EXPECT_EQ(first.Text("$sort($shuffle([3, 1, 2]))"), "[1,2,3]");
  EXPECT_EQ(first.Text("$shuffle([1])"), "[1]");
}

}  // namespace
}  // namespace stratus::states
