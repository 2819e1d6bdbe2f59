#include <string>

#include <gtest/gtest.h>

#include "sql/parser/ast.h"
#include "sql/parser/parser.h"
#include "sql/parser/to_sql.h"
#include "testing/status_matchers.h"

namespace stratus::sql::parser {
namespace {

// Parses an expression and prints it back, fully parenthesised.
std::string Normalize(const std::string& sql) {
  Result<ExpressionPtr> expression = ParseExpression(sql);
  if (!expression.ok()) {
    return "error: " + expression.status().message();
  }
  return ToSql(**expression);
}

TEST(ExpressionParserTest, GivesAndPrecedenceOverOrAndNotOverAnd) {
  EXPECT_EQ(Normalize("a OR b AND c"), "(a OR (b AND c))");
  EXPECT_EQ(Normalize("NOT a AND b"), "((NOT a) AND b)");
  EXPECT_EQ(Normalize("NOT a = b"), "(NOT (a = b))");
  EXPECT_EQ(Normalize("a AND b AND c"), "((a AND b) AND c)");
}

TEST(ExpressionParserTest, FollowsTrinoArithmeticPrecedence) {
  EXPECT_EQ(Normalize("1 + 2 * 3 - 4"), "((1 + (2 * 3)) - 4)");
  EXPECT_EQ(Normalize("a || b + c"), "(a || (b + c))");
  EXPECT_EQ(Normalize("-a * b"), "(-a * b)");
  EXPECT_EQ(Normalize("- - 1"), "- -1");
  EXPECT_EQ(Normalize("a % b / c"), "((a % b) / c)");
  EXPECT_EQ(Normalize("-ts AT TIME ZONE 'UTC'"), "-(ts AT TIME ZONE 'UTC')");
  EXPECT_EQ(Normalize("a + b = c * d"), "((a + b) = (c * d))");
}

TEST(ExpressionParserTest, ParsesPredicates) {
  EXPECT_EQ(Normalize("a IS NOT NULL"), "(a IS NOT NULL)");
  EXPECT_EQ(Normalize("a IS NOT DISTINCT FROM b"), "(a IS NOT DISTINCT FROM b)");
  EXPECT_EQ(Normalize("a NOT BETWEEN 1 AND 2 + 3"), "(a NOT BETWEEN 1 AND (2 + 3))");
  EXPECT_EQ(Normalize("a NOT IN (1, 2)"), "(a NOT IN (1, 2))");
  EXPECT_EQ(Normalize("a IN (SELECT b FROM t)"), "(a IN (SELECT b FROM t))");
  EXPECT_EQ(Normalize("a NOT LIKE 'x%' ESCAPE '\\'"), "(a NOT LIKE 'x%' ESCAPE '\\')");
  EXPECT_EQ(Normalize("a >= ALL (SELECT b FROM t)"), "(a >= ALL (SELECT b FROM t))");
  EXPECT_EQ(Normalize("a != b"), "(a <> b)");
  EXPECT_EQ(Normalize("EXISTS (SELECT 1)"), "EXISTS (SELECT 1)");
}

TEST(ExpressionParserTest, AppliesOnePredicateAsTrinoDoes) {
  EXPECT_EQ(Normalize("a = b = c"), "error: line 1:7: mismatched input '='. Expecting: <EOF>");
}

TEST(ExpressionParserTest, ReadsEveryLiteralKind) {
  ASSERT_OK_AND_ASSIGN(ExpressionPtr decimal, ParseExpression("1.50"));
  EXPECT_EQ(decimal->As<LiteralExpression>().literal_kind, LiteralKind::kDecimal);
  EXPECT_EQ(decimal->As<LiteralExpression>().value, "1.50");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr real, ParseExpression("2.5E-2"));
  EXPECT_EQ(real->As<LiteralExpression>().literal_kind, LiteralKind::kDouble);
  ASSERT_OK_AND_ASSIGN(ExpressionPtr integer, ParseExpression("42"));
  EXPECT_EQ(integer->As<LiteralExpression>().literal_kind, LiteralKind::kInteger);
  ASSERT_OK_AND_ASSIGN(ExpressionPtr text, ParseExpression("'it''s'"));
  EXPECT_EQ(text->As<LiteralExpression>().value, "it's");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr unicode, ParseExpression("U&'\\00e9t\\+01F600'"));
  EXPECT_EQ(unicode->As<LiteralExpression>().value, "\xc3\xa9t\xf0\x9f\x98\x80");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr escaped, ParseExpression("U&'#0041' UESCAPE '#'"));
  EXPECT_EQ(escaped->As<LiteralExpression>().value, "A");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr binary, ParseExpression("X'0aff'"));
  EXPECT_EQ(binary->As<LiteralExpression>().literal_kind, LiteralKind::kBinary);
  EXPECT_EQ(binary->As<LiteralExpression>().value, "0AFF");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr date, ParseExpression("DATE '2024-01-31'"));
  EXPECT_EQ(date->As<LiteralExpression>().literal_kind, LiteralKind::kTyped);
  EXPECT_EQ(date->As<LiteralExpression>().type_name, "date");
  EXPECT_EQ(date->As<LiteralExpression>().value, "2024-01-31");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr interval,
                       ParseExpression("INTERVAL -'1 2:00:00' DAY TO SECOND"));
  const auto& literal = interval->As<LiteralExpression>();
  EXPECT_EQ(literal.literal_kind, LiteralKind::kInterval);
  EXPECT_TRUE(literal.interval_negative);
  EXPECT_EQ(literal.interval_from, "DAY");
  EXPECT_EQ(literal.interval_to, "SECOND");
  EXPECT_EQ(Normalize("TRUE AND NULL"), "(TRUE AND NULL)");
  EXPECT_EQ(Normalize("decimal '1.2' + json '{}' + timestamp '2024-01-01 00:00:00'"),
            "((DECIMAL '1.2' + JSON '{}') + TIMESTAMP '2024-01-01 00:00:00')");
  EXPECT_EQ(Normalize("INTERVAL U&'1' DAY"), "INTERVAL '1' DAY");
  EXPECT_EQ(Normalize("interval U&'1', 2"),
            "error: line 1:15: mismatched input ','. Expecting: 'YEAR', 'MONTH', 'DAY', 'HOUR', "
            "'MINUTE', 'SECOND'");
  EXPECT_EQ(Normalize("X'0G'"),
            "error: line 1:1: Binary literal can only contain hexadecimal digits");
}

TEST(ExpressionParserTest, NumbersParametersInTextOrder) {
  ASSERT_OK_AND_ASSIGN(StatementPtr statement, ParseStatement("SELECT ? FROM t WHERE a = ?"));
  const auto& select = statement->As<QueryStatement>().query->body->As<SelectBody>();
  EXPECT_EQ(select.select_items[0].expression->As<ParameterExpression>().index, 0);
  EXPECT_EQ(select.where->As<BinaryExpression>().right->As<ParameterExpression>().index, 1);
}

TEST(ExpressionParserTest, ParsesSpecialForms) {
  EXPECT_EQ(Normalize("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END"),
            "CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END");
  EXPECT_EQ(Normalize("case x when 1 then 'a' end"), "CASE x WHEN 1 THEN 'a' END");
  EXPECT_EQ(Normalize("CAST(x AS varchar(10))"), "CAST(x AS varchar(10))");
  EXPECT_EQ(Normalize("try_cast(x AS decimal(38, 2))"), "TRY_CAST(x AS decimal(38,2))");
  EXPECT_EQ(Normalize("extract(year FROM d)"), "EXTRACT(YEAR FROM d)");
  EXPECT_EQ(Normalize("ARRAY[1, 2][1]"), "ARRAY[1, 2][1]");
  EXPECT_EQ(Normalize("m['k'].f"), "m['k'].f");
  EXPECT_EQ(Normalize("ROW(1, 'a')"), "ROW(1, 'a')");
  EXPECT_EQ(Normalize("(1, 'a')"), "(1, 'a')");
  EXPECT_EQ(Normalize("current_date"), "CURRENT_DATE");
  EXPECT_EQ(Normalize("current_timestamp(3)"), "CURRENT_TIMESTAMP(3)");
  EXPECT_EQ(Normalize("localtimestamp"), "LOCALTIMESTAMP");
  EXPECT_EQ(Normalize("position('b' IN s)"), "strpos(s, 'b')");
  EXPECT_EQ(Normalize("substring(s FROM 2 FOR 3)"), "substring(s, 2, 3)");
  EXPECT_EQ(Normalize("trim(LEADING 'x' FROM s)"), "ltrim(s, 'x')");
  EXPECT_EQ(Normalize("trim(s)"), "trim(s)");
  EXPECT_EQ(Normalize("ts AT TIME ZONE INTERVAL '1' HOUR"), "(ts AT TIME ZONE INTERVAL '1' HOUR)");
}

TEST(ExpressionParserTest, ParsesLambdas) {
  EXPECT_EQ(Normalize("transform(a, x -> x + 1)"), "transform(a, x -> (x + 1))");
  EXPECT_EQ(Normalize("map_filter(m, (k, v) -> v > 0)"), "map_filter(m, (k, v) -> (v > 0))");
  EXPECT_EQ(Normalize("reduce(a, 0, (s, x) -> s + x, s -> s)"),
            "reduce(a, 0, (s, x) -> (s + x), s -> s)");
  ASSERT_OK_AND_ASSIGN(ExpressionPtr call, ParseExpression("filter(a, x -> x IS NULL)"));
  const auto& lambda = call->As<FunctionCallExpression>().arguments[1]->As<LambdaExpression>();
  ASSERT_EQ(lambda.parameters.size(), 1u);
  EXPECT_EQ(lambda.parameters[0].name, "x");
  EXPECT_EQ(lambda.body->kind, ExpressionKind::kIsNull);
}

TEST(ExpressionParserTest, ParsesFunctionCallDecorations) {
  EXPECT_EQ(Normalize("count(*)"), "count(*)");
  EXPECT_EQ(Normalize("count(ALL x)"), "count(x)");
  EXPECT_EQ(Normalize("count(DISTINCT x)"), "count(DISTINCT x)");
  EXPECT_EQ(Normalize("array_agg(x ORDER BY y DESC NULLS FIRST)"),
            "array_agg(x ORDER BY y DESC NULLS FIRST)");
  EXPECT_EQ(Normalize("sum(x) FILTER (WHERE x > 0)"), "sum(x) FILTER (WHERE (x > 0))");
  EXPECT_EQ(Normalize("lag(x, 1) IGNORE NULLS OVER (PARTITION BY a ORDER BY b)"),
            "lag(x, 1) IGNORE NULLS OVER (PARTITION BY a ORDER BY b)");
  EXPECT_EQ(Normalize("sum(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND "
                      "CURRENT ROW)"),
            "sum(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND CURRENT ROW)");
  EXPECT_EQ(Normalize("avg(x) OVER (w GROUPS 2 FOLLOWING)"), "avg(x) OVER (w GROUPS 2 FOLLOWING)");
  EXPECT_EQ(Normalize("rank() OVER w"), "rank() OVER w");
  EXPECT_EQ(Normalize("system.builtin.abs(x)"), "system.builtin.abs(x)");
  EXPECT_EQ(Normalize("if(a, b)"), "if(a, b)");
  EXPECT_EQ(Normalize("grouping(a, b)"), "grouping(a, b)");
}

TEST(ExpressionParserTest, KeepsDereferenceChains) {
  ASSERT_OK_AND_ASSIGN(ExpressionPtr expression, ParseExpression("db.t.Col"));
  ASSERT_EQ(expression->kind, ExpressionKind::kDereference);
  const auto& column = expression->As<DereferenceExpression>();
  EXPECT_EQ(column.field.name, "col");
  EXPECT_EQ(column.field.original, "Col");
  EXPECT_EQ(
      column.base->As<DereferenceExpression>().base->As<IdentifierExpression>().identifier.name,
      "db");
}

TEST(ExpressionParserTest, RecordsPositions) {
  ASSERT_OK_AND_ASSIGN(ExpressionPtr expression, ParseExpression("a +\n  foo(b)"));
  const auto& sum = expression->As<BinaryExpression>();
  EXPECT_EQ(sum.position, (SourcePosition{1, 1}));
  EXPECT_EQ(sum.right->position, (SourcePosition{2, 3}));
}

TEST(ExpressionParserTest, UsesNonReservedKeywordsAsNames) {
  EXPECT_EQ(Normalize("date + year + month + user + data + format + location + comment"),
            "(((((((date + year) + month) + user) + data) + format) + location) + comment)");
  EXPECT_EQ(Normalize("date(dt)"), "date(dt)");
  EXPECT_EQ(Normalize("\"select\" + \"Order\""), "(\"select\" + \"order\")");
  EXPECT_EQ(Normalize("\"array\"[1]"), "\"array\"[1]");
}

TEST(ExpressionParserTest, RejectsPostgresCasts) {
  EXPECT_EQ(Normalize("x::int"),
            "error: line 1:2: mismatched input '::'. Expecting: <EOF> (the x::type cast is not "
            "Trino SQL; use CAST(x AS type))");
}

}  // namespace
}  // namespace stratus::sql::parser
