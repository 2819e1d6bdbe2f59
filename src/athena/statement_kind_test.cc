#include "athena/statement_kind.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace stratus::athena {
namespace {

TEST(StatementKindTest, ClassifiesByTheFirstKeywordAfterComments) {
  EXPECT_EQ(ClassifyStatement("  -- note\n/* x */ select 1"), "DML");
  EXPECT_EQ(ClassifyStatement("CREATE DATABASE IF NOT EXISTS d"), "DDL");
  EXPECT_EQ(ClassifyStatement("msck repair table t"), "DDL");
  EXPECT_EQ(ClassifyStatement("SHOW TABLES"), "UTILITY");
  EXPECT_EQ(ClassifyStatement("describe t"), "UTILITY");
  EXPECT_EQ(ClassifyStatement("!!!"), "DML");
}

TEST(StatementKindTest, SplitsExecuteUsingValuesAtTopLevelCommas) {
  std::optional<ExecuteStatement> execute =
      ParseExecuteStatement("EXECUTE my_stmt USING 'a,b', 3, date('2024-01-01');");
  ASSERT_TRUE(execute.has_value());
  EXPECT_EQ(execute->name, "my_stmt");
  EXPECT_THAT(execute->parameters, ::testing::ElementsAre("'a,b'", "3", "date('2024-01-01')"));
}

TEST(StatementKindTest, ExecuteWithoutUsingHasNoParameters) {
  std::optional<ExecuteStatement> execute = ParseExecuteStatement("execute s1");
  ASSERT_TRUE(execute.has_value());
  EXPECT_EQ(execute->name, "s1");
  EXPECT_TRUE(execute->parameters.empty());
  EXPECT_FALSE(ParseExecuteStatement("SELECT 1").has_value());
  EXPECT_FALSE(ParseExecuteStatement("EXECUTE s1 garbage").has_value());
}

}  // namespace
}  // namespace stratus::athena
