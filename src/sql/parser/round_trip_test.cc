// Parse → print → parse → print gives the same text for a spread of
// statements, so ToSql output is itself valid input.

#include <string>

#include <gtest/gtest.h>

#include "sql/parser/ast.h"
#include "sql/parser/parser.h"
#include "sql/parser/to_sql.h"
#include "testing/status_matchers.h"

namespace stratus::sql::parser {
namespace {

class RoundTripTest : public ::testing::TestWithParam<const char*> {};

TEST_P(RoundTripTest, PrintsSqlThatParsesToTheSameTree) {
  ASSERT_OK_AND_ASSIGN(StatementPtr first, ParseStatement(GetParam()));
  const std::string printed = ToSql(*first);
  ASSERT_OK_AND_ASSIGN(StatementPtr second, ParseStatement(printed));
  EXPECT_EQ(ToSql(*second), printed);
}

INSTANTIATE_TEST_SUITE_P(
    Statements,
    RoundTripTest,
    ::testing::Values(
        "SELECT - - 1, -(-x), +a, NOT NOT b, (a AND b) = c",
        "SELECT a[1].b, (x + y)[2], ROW(1, 2).field0, \"array\"[1], (-a)[1]",
        "SELECT CAST(ROW(1, 'a') AS row(x bigint, \"order\" varchar))",
        "SELECT transform(a, x -> x * 2), zip_with(a, b, (x, y) -> x + y), apply(1, () -> 2)",
        "SELECT count(*) FILTER (WHERE a) OVER (PARTITION BY b ORDER BY c ROWS 3 PRECEDING)",
        "SELECT \"row\"(1), \"try_cast\"(2), \"left\"(3), trim(s), grouping(a)",
        "SELECT 'it''s', U&'\\00e9', X'00FF', DATE '2024-01-01', INTERVAL '2' MONTH",
        "SELECT * FROM ((a JOIN b ON x) LEFT JOIN c USING (y)), d",
        "SELECT * FROM a, (b, c)",
        "SELECT * FROM (a CROSS JOIN b) AS j TABLESAMPLE SYSTEM (1)",
        "(SELECT 1 UNION SELECT 2) INTERSECT (SELECT 3 EXCEPT SELECT 4)",
        "SELECT 1 EXCEPT (SELECT 2 EXCEPT SELECT 3)",
        "WITH a AS (WITH b AS (SELECT 1) SELECT * FROM b) SELECT * FROM a ORDER BY 1 OFFSET 1",
        "SELECT a FROM t GROUP BY GROUPING SETS ((a), (), (a, b)), CUBE (a, b), (a, b), ()",
        "SELECT x FROM t WHERE x IN (1) AND x NOT IN (SELECT 1) AND EXISTS (TABLE u)",
        "SELECT CASE WHEN a IS NULL THEN b ELSE c END, a AT TIME ZONE 'UTC' AS z",
        "SELECT 1 AS \"Mixed Case\", 2 AS \"with \"\"quote\"\"\"",
        "CREATE EXTERNAL TABLE t (`a b` int, `select` string) LOCATION 's3://x/'",
        "CREATE TABLE t (a map(varchar, array(integer)), b timestamp(6) with time zone) "
        "WITH (format = 'ORC')",
        "INSERT INTO t VALUES ROW(1, 2), (3, 4)",
        "SELECT * FROM t FOR TIMESTAMP AS OF now()",
        "EXPLAIN ANALYZE VERBOSE SELECT * FROM UNNEST(ARRAY[1]) AS t(x)",
        "SELECT (SELECT 1) + 1, ((SELECT 1) UNION (SELECT 2)), (x -> x) IS NULL",
        "SELECT * FROM a JOIN ((SELECT 1) AS s JOIN b ON x) ON y, ((SELECT 2)) AS z",
        "SELECT 1 IN ((SELECT 1), 2), 2 = ANY ((SELECT 1) UNION (SELECT 2))",
        "INSERT INTO t ((SELECT 1) UNION (SELECT 2))",
        "CREATE EXTERNAL TABLE t (a `my type`, b struct<`x``y`:int>) LOCATION 's3://b/'"));

}  // namespace
}  // namespace stratus::sql::parser
