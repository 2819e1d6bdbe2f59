// Higher-order functions.

#include <gtest/gtest.h>

#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/expression_tester.h"

namespace stratus::states {
namespace {

TEST(HigherOrderFunctionsTest, MapsFiltersAndReduces) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"$map([1, 2, 3], function($v){$v * 2})", "[2, 4, 6]"},
      {"$map([1, 2, 3], function($v, $i){$i})", "[0, 1, 2]"},
      {"$map([1, 2], function($v, $i, $a){$count($a)})", "[2, 2]"},
      {"$map([1], function($v){$v})", "1"},
      {"$map([1, 2], $string)", R"(["1", "2"])"},
      {"$filter([1, 2, 3, 4], function($v){$v % 2 = 0})", "[2, 4]"},
      {"$single([1, 2, 3], function($v){$v = 2})", "2"},
      {"$reduce([1, 2, 3, 4], function($a, $b){$a + $b})", "10"},
      {"$reduce([1, 2, 3], function($a, $b){$a + $b}, 10)", "16"},
      {"$reduce([], function($a, $b){$a + $b})", "undefined"},
  });
  EXPECT_EQ(tester.ErrorCode("$single([1, 2])"), "D3138");
  EXPECT_EQ(tester.ErrorCode("$single([])"), "D3139");
  EXPECT_EQ(tester.ErrorCode("$reduce([1, 2], function($a){$a})"), "D3050");
  EXPECT_EQ(tester.ErrorCode("$map([1], 2)"), "T0410");
}

}  // namespace
}  // namespace stratus::states
