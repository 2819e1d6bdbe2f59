// $formatNumber, $formatInteger and $parseInteger, with the examples of the
// JSONata documentation.

#include <gtest/gtest.h>

#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/expression_tester.h"

namespace stratus::states {
namespace {

TEST(NumberFormatTest, FormatsDecimalPictures) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"$formatNumber(12345.6, '#,###.00')", R"("12,345.60")"},
      {"$formatNumber(1234.5678, '00.000e0')", R"("12.346e2")"},
      {"$formatNumber(34.555, '#0.00;(#0.00)')", R"("34.56")"},
      {"$formatNumber(-34.555, '#0.00;(#0.00)')", "\"(34.56)\""},
      {"$formatNumber(0.14, '01%')", R"("14%")"},
      {R"($formatNumber(0.14, '###pm', {"per-mille": "pm"}))", R"("140pm")"},
      {"$formatNumber(1234567.891, '#,##0.0')", R"("1,234,567.9")"},
      {"$formatNumber(5, '000')", R"("005")"},
  });
  EXPECT_EQ(tester.ErrorCode("$formatNumber(1, '#.#.#')"), "D3081");
}

TEST(NumberFormatTest, FormatsAndParsesIntegerPictures) {
  ExpressionTester tester;
  tester.ExpectAll({
      {"$formatInteger(2789, 'w')", R"("two thousand, seven hundred and eighty-nine")"},
      {"$formatInteger(1999, 'I')", R"("MCMXCIX")"},
      {"$formatInteger(12, '001')", R"("012")"},
      {"$formatInteger(1234567, '#,##0')", R"("1,234,567")"},
      {"$formatInteger(3, '1;o')", R"("3rd")"},
      {"$formatInteger(28, 'A')", R"("AB")"},
      {"$parseInteger('twelve thousand, four hundred and seventy-six', 'w')", "12476"},
      {"$parseInteger('12,345,678', '#,##0')", "12345678"},
      {"$parseInteger('MCMXCIX', 'I')", "1999"},
  });
}

}  // namespace
}  // namespace stratus::states
