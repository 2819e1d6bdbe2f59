#include "sql/parser/syntax_error.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sql/parser/ast.h"
#include "sql/parser/parser.h"
#include "testing/status_matchers.h"

namespace stratus::sql::parser {
namespace {

std::string ErrorOf(const std::string& sql) {
  Result<StatementPtr> statement = ParseStatement(sql);
  if (statement.ok()) {
    return "ok";
  }
  EXPECT_TRUE(IsSyntaxError(statement.status())) << statement.status().ToString();
  EXPECT_EQ(statement.status().code(), StatusCode::kInvalidArgument);
  return statement.status().message();
}

TEST(SyntaxErrorTest, ReportsTheMismatchedTokenWithTrinosShape) {
  EXPECT_EQ(ErrorOf("SELECT FROM t"), "line 1:8: mismatched input 'FROM'. Expecting: <expression>");
  EXPECT_EQ(ErrorOf("SELECT a FROM"),
            "line 1:14: mismatched input '<EOF>'. Expecting: <identifier>, '(', 'UNNEST', "
            "'LATERAL'");
  EXPECT_EQ(ErrorOf("SELECT a,\n  FROM t"),
            "line 2:3: mismatched input 'FROM'. Expecting: <expression>");
  EXPECT_EQ(ErrorOf("SELEC 1"),
            "line 1:1: mismatched input 'SELEC'. Expecting: 'ALTER', 'CREATE', 'DEALLOCATE', "
            "'DELETE', 'DESC', 'DESCRIBE', 'DROP', 'EXECUTE', 'EXPLAIN', 'INSERT', 'MERGE', "
            "'MSCK', 'OPTIMIZE', 'PREPARE', 'SELECT', 'SHOW', 'UNLOAD', 'UPDATE', 'USE', "
            "'VACUUM', 'VALUES', 'WITH', <query>");
  EXPECT_EQ(ErrorOf("SELECT (1"), "line 1:10: mismatched input '<EOF>'. Expecting: ')', ','");
  EXPECT_EQ(ErrorOf("SELECT 1 2"), "line 1:10: mismatched input '2'. Expecting: <EOF>");
  EXPECT_EQ(ErrorOf("SELECT * FROM select"),
            "line 1:15: mismatched input 'select'. Expecting: <identifier>, '(', 'UNNEST', "
            "'LATERAL'");
  EXPECT_EQ(ErrorOf("").substr(0, 38), "line 1:1: mismatched input '<EOF>'. Ex");
  EXPECT_EQ(ErrorOf("  -- only a comment").substr(0, 39),
            "line 1:20: mismatched input '<EOF>'. Ex");
}

TEST(SyntaxErrorTest, CarriesTheErrorName) {
  Result<StatementPtr> statement = ParseStatement("SELECT");
  ASSERT_FALSE(statement.ok());
  EXPECT_EQ(statement.status().aws_type(), "SYNTAX_ERROR");
  EXPECT_TRUE(IsSyntaxError(statement.status()));
  EXPECT_FALSE(IsSyntaxError(Status::InvalidArgument("other")));
}

TEST(SyntaxErrorTest, AcceptsOneStatementWithAnOptionalSemicolon) {
  EXPECT_EQ(ErrorOf("SELECT 1;"), "ok");
  EXPECT_EQ(ErrorOf("SELECT 1; SELECT 2"),
            "line 1:11: mismatched input 'SELECT'. Expecting: <EOF>");
  ASSERT_OK_AND_ASSIGN(std::vector<StatementPtr> statements,
                       ParseScript(";SELECT 1;; SHOW TABLES ;\n-- done\n"));
  EXPECT_EQ(statements.size(), 2u);
  ASSERT_OK_AND_ASSIGN(std::vector<StatementPtr> none, ParseScript("  "));
  EXPECT_TRUE(none.empty());
  EXPECT_FALSE(ParseScript("SELECT 1 SELECT 2").ok());
}

TEST(SyntaxErrorTest, LimitsNestingInsteadOfOverflowingTheStack) {
  const std::string deep = "SELECT " + std::string(100000, '(') + "1" + std::string(100000, ')');
  EXPECT_EQ(ErrorOf(deep).substr(0, 60),
            "line 1:507: statement is too deeply nested (more than 1000 l");
  std::string chain = "SELECT 1";
  for (int i = 0; i < 100000; ++i) {
    chain += " + 1";
  }
  EXPECT_NE(ErrorOf(chain).find("too deeply nested"), std::string::npos);
  std::string joins = "SELECT * FROM t0";
  for (int i = 0; i < 5000; ++i) {
    joins += " JOIN t ON true";
  }
  EXPECT_NE(ErrorOf(joins).find("too deeply nested"), std::string::npos);
  std::string subqueries = "SELECT * FROM ";
  for (int i = 0; i < 5000; ++i) {
    subqueries += "(SELECT * FROM ";
  }
  EXPECT_NE(ErrorOf(subqueries).find("too deeply nested"), std::string::npos);
  std::string unions = "SELECT 1";
  for (int i = 0; i < 5000; ++i) {
    unions += " UNION SELECT 1";
  }
  EXPECT_NE(ErrorOf(unions).find("too deeply nested"), std::string::npos);
  const std::string types = "SELECT CAST(x AS " + std::string(5000, 'a') + ")";
  EXPECT_EQ(ErrorOf(types), "ok");
  std::string arrays = "SELECT CAST(x AS ";
  for (int i = 0; i < 5000; ++i) {
    arrays += "array(";
  }
  EXPECT_NE(ErrorOf(arrays).find("too deeply nested"), std::string::npos);
}

TEST(SyntaxErrorTest, AcceptsNestingUpToTheLimit) {
  const std::string nested = "SELECT " + std::string(150, '(') + "1" + std::string(150, ')');
  EXPECT_EQ(ErrorOf(nested), "ok");
  ParseOptions strict;
  strict.max_depth = 20;
  EXPECT_FALSE(ParseStatement(nested, strict).ok());
}

}  // namespace
}  // namespace stratus::sql::parser
