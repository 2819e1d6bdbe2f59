// Date/time functions. The clock is a FakeClock at 2026-01-01T00:00:00Z.

#include <chrono>

#include <gtest/gtest.h>

#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/expression_tester.h"

namespace stratus::states {
namespace {

TEST(DateTimeFunctionsTest, ReportsTheInjectedClock) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"$now()", R"("2026-01-01T00:00:00.000Z")"},
      {"$millis()", "1767225600000"},
      {"$now('[Y0001]-[M01]-[D01]')", R"("2026-01-01")"},
      {"$millis() = $millis()", "true"},
  });
  tester.clock().Advance(std::chrono::milliseconds(1500));
  EXPECT_EQ(tester.Text("$now()"), R"("2026-01-01T00:00:01.500Z")");
}

TEST(DateTimeFunctionsTest, FailsWithoutAClock) {
  JsonataBindings bindings;
  Result<JsonataExpression> expression = JsonataExpression::Compile("$now()");
  ASSERT_TRUE(expression.ok());
  EXPECT_FALSE(expression->Evaluate(Json::object(), bindings).ok());
}

TEST(DateTimeFunctionsTest, FormatsMillis) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"$fromMillis(0)", R"("1970-01-01T00:00:00.000Z")"},
      {"$fromMillis(1510067557121)", R"("2017-11-07T15:12:37.121Z")"},
      {"$fromMillis(1510067557121, '[M01]/[D01]/[Y0001] [h#1]:[m01][P]')",
       R"("11/07/2017 3:12pm")"},
      {"$fromMillis(1510067557121, '[H01]:[m01]:[s01] [z]', '-0500')", R"("10:12:37 GMT-05:00")"},
      {"$fromMillis(1510067557121, '[FNn], [D1o] [MNn] [Y]')", R"("Tuesday, 7th November 2017")"},
      {"$fromMillis(1510067557121, '[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01][Z]', '+0530')",
       R"("2017-11-07T20:42:37+05:30")"},
      {"$fromMillis(1510067557121, '[D1] [MNn,*-3] [Y01]')", R"("7 Nov 17")"},
      {"$fromMillis(-86400000)", R"("1969-12-31T00:00:00.000Z")"},
  });
}

TEST(DateTimeFunctionsTest, ParsesTimestamps) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"$toMillis('2017-11-07T15:07:54.972Z')", "1510067274972"},
      {"$toMillis('1970-01-01T00:00:00.001Z')", "1"},
      {"$toMillis('2016-03-14T01:59:00Z')", "1457920740000"},
      {"$toMillis('2017-11-07T15:07:54+01:00')", "1510063674000"},
      {"$toMillis('2018')", "1514764800000"},
      {"$toMillis('13/09/2018', '[D]/[M]/[Y]')", "1536796800000"},
      {"$toMillis('2018-09-13 10:15', '[Y]-[M]-[D] [H]:[m]')", "1536833700000"},
      {"$toMillis(nothing)", "undefined"},
  });
  EXPECT_EQ(tester.ErrorCode("$toMillis('yesterday')"), "D3110");
}

}  // namespace
}  // namespace stratus::states
