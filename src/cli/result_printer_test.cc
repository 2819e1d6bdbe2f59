#include "cli/result_printer.h"

#include <sstream>

#include <gtest/gtest.h>

namespace stratus::cli {
namespace {

QueryOutput Sample() {
  return QueryOutput{
      .columns = {"name", "total"},
      .rows = {{std::string("张三"), std::string("12.30")}, {std::string("b,c"), std::nullopt}}};
}

TEST(ResultPrinterTest, TableAlignsColumnsByTerminalWidth) {
  std::ostringstream out;
  PrintTable(Sample(), out);
  EXPECT_EQ(out.str(),
            " name | total\n"
            "------+-------\n"
            " 张三 | 12.30\n"
            " b,c  | \n"
            "(2 rows)\n");
}

TEST(ResultPrinterTest, TableKeepsLongValuesIntact) {
  const std::string long_value(80, 'x');
  std::ostringstream out;
  PrintTable(QueryOutput{.columns = {"c"}, .rows = {{long_value}}}, out);
  EXPECT_NE(out.str().find(long_value), std::string::npos);
}

TEST(ResultPrinterTest, CsvQuotesOnlyWhenNeededAndLeavesNullEmpty) {
  std::ostringstream out;
  PrintCsv(Sample(), out);
  EXPECT_EQ(out.str(), "name,total\n张三,12.30\n\"b,c\",\n");
}

TEST(ResultPrinterTest, JsonHasOneObjectPerRowWithNulls) {
  std::ostringstream out;
  PrintJson(Sample(), out);
  EXPECT_NE(out.str().find("\"total\": null"), std::string::npos);
}

}  // namespace
}  // namespace stratus::cli
