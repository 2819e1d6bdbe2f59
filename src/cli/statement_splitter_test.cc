#include "cli/statement_splitter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace stratus::cli {
namespace {

using ::testing::ElementsAre;

TEST(StatementSplitterTest, SplitsAtSemicolonsOutsideQuotesAndComments) {
  std::string rest;
  EXPECT_THAT(SplitStatements("SELECT ';' AS a; -- x;\nSELECT \"b;c\" FROM t;\n SELECT", &rest),
              ElementsAre("SELECT ';' AS a", "-- x;\nSELECT \"b;c\" FROM t"));
  EXPECT_EQ(rest, "SELECT");
}

TEST(StatementSplitterTest, UnfinishedStatementStaysInRest) {
  std::string rest;
  EXPECT_TRUE(SplitStatements("SELECT 'it''s\n", &rest).empty());
  EXPECT_EQ(rest, "SELECT 'it''s");
}

}  // namespace
}  // namespace stratus::cli
