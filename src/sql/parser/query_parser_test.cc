#include <string>

#include <gtest/gtest.h>

#include "sql/parser/ast.h"
#include "sql/parser/parser.h"
#include "sql/parser/to_sql.h"
#include "testing/status_matchers.h"

namespace stratus::sql::parser {
namespace {

std::string Normalize(const std::string& sql) {
  Result<StatementPtr> statement = ParseStatement(sql);
  return statement.ok() ? ToSql(**statement) : "error: " + statement.status().message();
}

const Query& QueryOf(const StatementPtr& statement) {
  return *statement->As<QueryStatement>().query;
}

TEST(QueryParserTest, ParsesSelectClauses) {
  ASSERT_OK_AND_ASSIGN(
      StatementPtr statement,
      ParseStatement("SELECT DISTINCT a, b AS x, c y, t.*, * FROM db.t WHERE a > 1 "
                     "GROUP BY a, 2 HAVING count(*) > 1 ORDER BY a DESC NULLS LAST LIMIT 5"));
  const Query& query = QueryOf(statement);
  const auto& select = query.body->As<SelectBody>();
  EXPECT_TRUE(select.distinct);
  ASSERT_EQ(select.select_items.size(), 5u);
  EXPECT_EQ(select.select_items[1].alias->name, "x");
  EXPECT_EQ(select.select_items[2].alias->name, "y");
  EXPECT_EQ(select.select_items[3].kind, SelectItemKind::kAllColumns);
  EXPECT_EQ(select.select_items[3].expression->As<IdentifierExpression>().identifier.name, "t");
  EXPECT_EQ(select.select_items[4].kind, SelectItemKind::kAllColumns);
  EXPECT_EQ(select.select_items[4].expression, nullptr);
  EXPECT_EQ(select.from->As<TableRelation>().name.ToString(), "db.t");
  ASSERT_TRUE(select.group_by.has_value());
  EXPECT_EQ(select.group_by->elements.size(), 2u);
  EXPECT_NE(select.having, nullptr);
  ASSERT_EQ(query.order_by.size(), 1u);
  EXPECT_EQ(query.order_by[0].order, SortOrder::kDescending);
  EXPECT_EQ(query.order_by[0].nulls, NullOrdering::kLast);
  EXPECT_EQ(query.limit->As<LiteralExpression>().value, "5");
}

TEST(QueryParserTest, LetsIntersectBindTighterThanUnionAndExcept) {
  ASSERT_OK_AND_ASSIGN(StatementPtr statement,
                       ParseStatement("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT ALL "
                                      "SELECT 4"));
  const auto& except = QueryOf(statement).body->As<SetOperationBody>();
  EXPECT_EQ(except.op, SetOperator::kExcept);
  EXPECT_TRUE(except.all);
  const auto& union_body = except.left->As<SetOperationBody>();
  EXPECT_EQ(union_body.op, SetOperator::kUnion);
  EXPECT_FALSE(union_body.all);
  EXPECT_EQ(union_body.right->As<SetOperationBody>().op, SetOperator::kIntersect);
  EXPECT_EQ(Normalize("(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3"),
            "(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3");
  EXPECT_EQ(Normalize("SELECT 1 UNION DISTINCT (SELECT 2 ORDER BY 1 LIMIT 1)"),
            "SELECT 1 UNION (SELECT 2 ORDER BY 1 LIMIT 1)");
}

TEST(QueryParserTest, ParsesEveryJoin) {
  EXPECT_EQ(Normalize("SELECT * FROM a INNER JOIN b ON a.x = b.x LEFT OUTER JOIN c USING (x) "
                      "RIGHT JOIN d ON true FULL JOIN e ON false CROSS JOIN f NATURAL JOIN g, h"),
            "SELECT * FROM a JOIN b ON (a.x = b.x) LEFT JOIN c USING (x) RIGHT JOIN d ON TRUE "
            "FULL JOIN e ON FALSE CROSS JOIN f NATURAL JOIN g, h");
  ASSERT_OK_AND_ASSIGN(StatementPtr statement,
                       ParseStatement("SELECT * FROM a LEFT JOIN b ON a.id = b.id, c"));
  const auto& comma = QueryOf(statement).body->As<SelectBody>().from->As<JoinRelation>();
  EXPECT_EQ(comma.type, JoinType::kImplicit);
  EXPECT_EQ(comma.left->As<JoinRelation>().type, JoinType::kLeft);
  EXPECT_EQ(Normalize("SELECT * FROM a JOIN (b JOIN c ON p) ON q"),
            "SELECT * FROM a JOIN (b JOIN c ON p) ON q");
  EXPECT_EQ(Normalize("SELECT * FROM a JOIN b"),
            "error: line 1:23: mismatched input '<EOF>'. Expecting: 'ON', 'USING'");
}

TEST(QueryParserTest, ParsesRelations) {
  EXPECT_EQ(Normalize("SELECT * FROM (SELECT 1) t(a), UNNEST(arr, m) WITH ORDINALITY AS u(x, k, "
                      "v, n) CROSS JOIN LATERAL (SELECT a) l"),
            "SELECT * FROM (SELECT 1) AS t(a), UNNEST(arr, m) WITH ORDINALITY AS u(x, k, v, n) "
            "CROSS JOIN LATERAL (SELECT a) AS l");
  EXPECT_EQ(Normalize("SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s)"),
            "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s)");
  EXPECT_EQ(Normalize("SELECT * FROM catalog.db.t TABLESAMPLE SYSTEM (5)"),
            "SELECT * FROM catalog.db.t TABLESAMPLE SYSTEM (5)");
  EXPECT_EQ(Normalize("SELECT * FROM t FOR VERSION AS OF 949530903748831860"),
            "SELECT * FROM t FOR VERSION AS OF 949530903748831860");
  EXPECT_EQ(Normalize("SELECT * FROM \"db\".\"t$history\""), "SELECT * FROM db.\"t$history\"");
  EXPECT_EQ(Normalize("SELECT * FROM `db`.`Users`"), "SELECT * FROM db.users");
}

TEST(QueryParserTest, ParsesParenthesisedJoinsThatStartWithASubquery) {
  EXPECT_EQ(Normalize("SELECT * FROM ((SELECT 1) JOIN b ON x = 1)"),
            "SELECT * FROM (SELECT 1) JOIN b ON (x = 1)");
  EXPECT_EQ(Normalize("SELECT * FROM (((SELECT 1 AS a) t JOIN b ON t.a = b.a) JOIN c ON true)"),
            "SELECT * FROM (SELECT 1 AS a) AS t JOIN b ON (t.a = b.a) JOIN c ON TRUE");
  EXPECT_EQ(Normalize("SELECT * FROM ((SELECT 1) JOIN"),
            "error: line 1:31: mismatched input '<EOF>'. Expecting: <identifier>, '(', 'UNNEST', "
            "'LATERAL'");
}

TEST(QueryParserTest, ParsesGroupingSetsRollupAndCube) {
  ASSERT_OK_AND_ASSIGN(StatementPtr statement,
                       ParseStatement("SELECT 1 FROM t GROUP BY DISTINCT GROUPING SETS ((a, b), "
                                      "a, ()), ROLLUP (a, b), CUBE (c), (d, e)"));
  const GroupBy& group_by = *QueryOf(statement).body->As<SelectBody>().group_by;
  EXPECT_TRUE(group_by.distinct);
  ASSERT_EQ(group_by.elements.size(), 4u);
  EXPECT_EQ(group_by.elements[0].kind, GroupingKind::kGroupingSets);
  ASSERT_EQ(group_by.elements[0].sets.size(), 3u);
  EXPECT_EQ(group_by.elements[0].sets[0].size(), 2u);
  EXPECT_EQ(group_by.elements[0].sets[2].size(), 0u);
  EXPECT_EQ(group_by.elements[1].kind, GroupingKind::kRollup);
  EXPECT_EQ(group_by.elements[2].kind, GroupingKind::kCube);
  EXPECT_EQ(group_by.elements[3].expressions.size(), 2u);
}

TEST(QueryParserTest, ParsesWithAndWindows) {
  EXPECT_EQ(Normalize("WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r), "
                      "s AS (SELECT 2) SELECT rank() OVER w FROM r WINDOW w AS (PARTITION BY n)"),
            "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT (n + 1) FROM r), s AS (SELECT 2) "
            "SELECT rank() OVER w FROM r WINDOW w AS (PARTITION BY n)");
}

TEST(QueryParserTest, ParsesLimitOffsetAndFetch) {
  EXPECT_EQ(Normalize("SELECT 1 OFFSET 5 ROWS LIMIT ALL"), "SELECT 1 OFFSET 5 ROWS");
  EXPECT_EQ(Normalize("SELECT 1 FETCH FIRST ROW ONLY"), "SELECT 1 LIMIT 1");
  EXPECT_EQ(Normalize("SELECT 1 FETCH NEXT 3 ROWS WITH TIES"),
            "SELECT 1 FETCH FIRST 3 ROWS WITH TIES");
  EXPECT_EQ(Normalize("SELECT * FROM t LIMIT ?"), "SELECT * FROM t LIMIT ?");
  EXPECT_EQ(Normalize("SELECT * FROM t limit 1"), "SELECT * FROM t LIMIT 1");
}

TEST(QueryParserTest, ParsesValuesAndTable) {
  EXPECT_EQ(Normalize("VALUES 1, 2"), "VALUES 1, 2");
  EXPECT_EQ(Normalize("VALUES (1, 'a'), (2, 'b')"), "VALUES (1, 'a'), (2, 'b')");
  EXPECT_EQ(Normalize("TABLE db.t"), "TABLE db.t");
}

TEST(QueryParserTest, TakesNonReservedWordsAsAliasesButNotClauseWords) {
  EXPECT_EQ(Normalize("SELECT a date, b year FROM t data"),
            "SELECT a AS date, b AS year FROM t AS data");
  EXPECT_EQ(Normalize("SELECT a FROM t WHERE b"), "SELECT a FROM t WHERE b");
  EXPECT_EQ(Normalize("SELECT a FROM t LIMIT 3"), "SELECT a FROM t LIMIT 3");
  EXPECT_EQ(Normalize("SELECT a FROM t OFFSET 3"), "SELECT a FROM t OFFSET 3 ROWS");
  EXPECT_EQ(Normalize("SELECT a FROM t tablesample bernoulli (50)"),
            "SELECT a FROM t TABLESAMPLE BERNOULLI (50)");
  EXPECT_EQ(Normalize("SELECT a order FROM t"),
            "error: line 1:10: mismatched input 'order'. Expecting: <EOF>");
}

}  // namespace
}  // namespace stratus::sql::parser
