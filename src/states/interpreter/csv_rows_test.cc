#include "states/interpreter/csv_rows.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::states::interpreter {
namespace {

using ::testing::ElementsAre;

using Rows = std::vector<std::vector<std::string>>;

Result<Rows> ReadAll(std::string_view text, char delimiter = ',') {
  CsvRows reader(text, delimiter);
  Rows rows;
  std::vector<std::string> row;
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(bool more, reader.Next(&row));
    if (!more) {
      return rows;
    }
    rows.push_back(row);
  }
}

TEST(CsvRowsTest, SplitsRowsAndKeepsEmptyAndBlankFields) {
  ASSERT_OK_AND_ASSIGN(Rows rows, ReadAll("a,b,c\n,,,\n   \nx,y\n"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("a", "b", "c"), ElementsAre("", "", "", ""),
                                ElementsAre("   "), ElementsAre("x", "y")));
}

TEST(CsvRowsTest, SkipsEmptyLinesAndAcceptsEveryLineEnding) {
  ASSERT_OK_AND_ASSIGN(Rows rows, ReadAll("a\r\n\r\nb\rc\n\n"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("a"), ElementsAre("b"), ElementsAre("c")));
}

TEST(CsvRowsTest, QuotedFieldsHoldDelimitersLineBreaksAndQuotes) {
  ASSERT_OK_AND_ASSIGN(Rows rows, ReadAll("\"a,b\",\"line\nbreak\",\"say \"\"hi\"\"\"\nz"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("a,b", "line\nbreak", "say \"hi\""), ElementsAre("z")));
}

TEST(CsvRowsTest, QuotesInsideAnUnquotedFieldAreKept) {
  ASSERT_OK_AND_ASSIGN(Rows rows, ReadAll("it's \"fine\",'x'\n"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("it's \"fine\"", "'x'")));
}

TEST(CsvRowsTest, UsesTheGivenDelimiterAndDropsAByteOrderMark) {
  ASSERT_OK_AND_ASSIGN(Rows rows, ReadAll("\xEF\xBB\xBFh1|h2\n1|2,3\n", '|'));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("h1", "h2"), ElementsAre("1", "2,3")));
}

TEST(CsvRowsTest, AQuoteThatNeverClosesIsAnError) {
  EXPECT_STATUS(StatusCode::kInvalidArgument, ReadAll("a,\"never closed\nb\n"));
}

}  // namespace
}  // namespace stratus::states::interpreter
