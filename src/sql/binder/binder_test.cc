#include "sql/binder/binder.h"

#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/binder/optimizer.h"
#include "sql/catalog/memory_catalog.h"
#include "sql/parser/ast.h"
#include "sql/parser/parser.h"
#include "sql/types/sql_error.h"
#include "testing/status_matchers.h"

namespace stratus::sql::binder {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

catalog::ColumnDescriptor Column(std::string name, LogicalType type) {
  return {.name = std::move(name), .type = std::move(type), .hive_type = {}, .comment = {}};
}

class BinderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK(catalog_.CreateDatabase({.name = "db"}, false));
    AddTable("t", {Column("a", LogicalType::Integer()), Column("b", LogicalType::Varchar()),
                   Column("c", LogicalType::Double())});
    AddTable("u", {Column("a", LogicalType::Integer()), Column("d", LogicalType::Bigint())});
    AddTable("v", {Column("e", LogicalType::Integer()), Column("f", LogicalType::Integer())});
    catalog::TableDescriptor partitioned;
    partitioned.database = "db";
    partitioned.name = "p";
    partitioned.location = "file:///tmp/p/";
    partitioned.columns = {Column("x", LogicalType::Integer())};
    partitioned.partition_keys = {Column("dt", LogicalType::Varchar())};
    ASSERT_OK(catalog_.CreateTable(partitioned, false));
  }

  void AddTable(std::string name, std::vector<catalog::ColumnDescriptor> columns) {
    catalog::TableDescriptor table;
    table.database = "db";
    table.name = std::move(name);
    table.location = "file:///tmp/" + table.name + "/";
    table.columns = std::move(columns);
    ASSERT_OK(catalog_.CreateTable(table, false));
  }

  Result<plan::NodePtr> Bind(std::string_view sql) {
    STRATUS_ASSIGN_OR_RETURN(parser::StatementPtr statement, parser::ParseStatement(sql));
    if (statement->kind != parser::StatementKind::kQuery) {
      return Status::InvalidArgument("not a query");
    }
    Binder binder({.catalog = &catalog_, .database = "db"});
    return binder.BindQuery(*statement->As<parser::QueryStatement>().query);
  }

  // Returns the optimized plan's text, or the error's name and message.
  std::string Plan(std::string_view sql) {
    auto bound = Bind(sql);
    if (!bound.ok()) {
      return SqlErrorName(bound.status()) + ": " + bound.status().message();
    }
    auto optimized = Optimize(*bound, {});
    if (!optimized.ok()) {
      return "optimizer: " + optimized.status().message();
    }
    return plan::ToString(**optimized);
  }

  std::string Error(std::string_view sql) {
    auto bound = Bind(sql);
    if (bound.ok()) {
      return "OK";
    }
    return SqlErrorName(bound.status()) + ": " + bound.status().message();
  }

  catalog::MemoryCatalog catalog_;
};

TEST_F(BinderTest, UnknownColumnIsColumnNotFoundAtItsPosition) {
  EXPECT_EQ(Error("SELECT x FROM t"), "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved");
}

TEST_F(BinderTest, ColumnOfTwoTablesIsAmbiguous) {
  EXPECT_EQ(Error("SELECT a FROM t, u"), "AMBIGUOUS_NAME: line 1:8: Column 'a' is ambiguous");
  EXPECT_EQ(Error("SELECT t.a, u.a FROM t, u"), "OK");
}

TEST_F(BinderTest, UnknownTableAndSchemaNameTheirQualifiedNames) {
  EXPECT_EQ(Error("SELECT * FROM db.nope"),
            "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.db.nope' does not exist");
  EXPECT_EQ(Error("SELECT * FROM nodb.t"),
            "SCHEMA_NOT_FOUND: line 1:15: Schema 'nodb' does not exist");
}

TEST_F(BinderTest, UnknownFunctionIsFunctionNotFound) {
  EXPECT_EQ(Error("SELECT foo(1)"), "FUNCTION_NOT_FOUND: line 1:8: Function 'foo' not registered");
}

TEST_F(BinderTest, WhereMustBeBoolean) {
  EXPECT_EQ(Error("SELECT a FROM t WHERE a"),
            "TYPE_MISMATCH: line 1:23: WHERE clause must evaluate to a boolean: actual type "
            "integer");
}

TEST_F(BinderTest, ComparingVarcharWithIntegerIsTypeMismatch) {
  EXPECT_THAT(Error("SELECT a FROM t WHERE b = 1"),
              HasSubstr("TYPE_MISMATCH: line 1:23: Cannot apply operator: varchar = integer"));
}

TEST_F(BinderTest, ColumnOutsideGroupByIsNotAggregate) {
  EXPECT_EQ(Error("SELECT a, count(*) FROM t"),
            "EXPRESSION_NOT_AGGREGATE: line 1:8: 'a' must be an aggregate expression or appear "
            "in GROUP BY clause");
  EXPECT_EQ(Error("SELECT a + 1, count(*) FROM t GROUP BY a"), "OK");
  EXPECT_EQ(Error("SELECT b, sum(c) FROM t GROUP BY 1"), "OK");
}

TEST_F(BinderTest, LiteralsAreTypedAsTrinoTypesThem) {
  ASSERT_OK_AND_ASSIGN(plan::NodePtr root,
                       Bind("SELECT 1, 3000000000, 1.5, 1e3, 'abc', DATE '2024-01-02', NULL"));
  ASSERT_EQ(root->columns.size(), 7u);
  EXPECT_EQ(root->columns[0].type, LogicalType::Integer());
  EXPECT_EQ(root->columns[1].type, LogicalType::Bigint());
  EXPECT_EQ(root->columns[2].type, LogicalType::Decimal(2, 1));
  EXPECT_EQ(root->columns[3].type, LogicalType::Double());
  EXPECT_EQ(root->columns[4].type, LogicalType::Varchar(3));
  EXPECT_EQ(root->columns[5].type, LogicalType::Date());
  EXPECT_EQ(root->columns[0].name, "_col0");
}

TEST_F(BinderTest, OutputNamesAreAliasesAndColumnNames) {
  ASSERT_OK_AND_ASSIGN(plan::NodePtr root, Bind("SELECT a, t.b, c AS Total, a + 1 FROM t"));
  ASSERT_EQ(root->columns.size(), 4u);
  EXPECT_EQ(root->columns[0].name, "a");
  EXPECT_EQ(root->columns[1].name, "b");
  EXPECT_EQ(root->columns[2].name, "total");
  EXPECT_EQ(root->columns[3].name, "_col3");
}

TEST_F(BinderTest, StarExpandsEveryColumnAndQualifiedStarOneTable) {
  ASSERT_OK_AND_ASSIGN(plan::NodePtr all, Bind("SELECT * FROM t, u"));
  EXPECT_EQ(all->columns.size(), 5u);
  ASSERT_OK_AND_ASSIGN(plan::NodePtr one, Bind("SELECT u.* FROM t, u"));
  EXPECT_EQ(one->columns.size(), 2u);
  ASSERT_OK_AND_ASSIGN(plan::NodePtr joined, Bind("SELECT * FROM t JOIN u USING (a)"));
  EXPECT_EQ(joined->columns.size(), 4u);
  ASSERT_OK_AND_ASSIGN(plan::NodePtr left, Bind("SELECT t.* FROM t JOIN u USING (a)"));
  EXPECT_EQ(left->columns.size(), 3u);
}

TEST_F(BinderTest, CommaJoinsWithWhereEqualitiesBecomeEquiJoins) {
  std::string plan = Plan("SELECT t.b FROM t, u, v WHERE v.e = u.d AND t.a = u.a AND v.f > 3");
  EXPECT_THAT(plan, Not(HasSubstr("CROSS"))) << plan;
  EXPECT_THAT(plan, HasSubstr("Join[INNER")) << plan;
}

TEST_F(BinderTest, JoinOrderFollowsEqualitiesNotTheFromList) {
  // t and v share no equality: the optimizer joins t with u first.
  std::string plan = Plan("SELECT t.b FROM t, v, u WHERE t.a = u.a AND u.d = v.e");
  EXPECT_THAT(plan, Not(HasSubstr("CROSS"))) << plan;
}

TEST_F(BinderTest, TheLargestInputOfAJoinTreeIsTheProbeSide) {
  ASSERT_OK_AND_ASSIGN(plan::NodePtr bound, Bind("SELECT t.b FROM u, t WHERE t.a = u.a"));
  OptimizerOptions options;
  options.scan_size = [](const plan::ScanNode& scan) -> std::optional<double> {
    return scan.table->name == "t" ? 1e6 : 10.0;
  };
  ASSERT_OK_AND_ASSIGN(plan::NodePtr optimized, Optimize(bound, options));
  std::string text = plan::ToString(*optimized);
  // The join's first (probe) input is t, the build side u.
  EXPECT_LT(text.find("Scan[db.t]"), text.find("Scan[db.u]")) << text;
}

TEST_F(BinderTest, ScansReadOnlyTheColumnsTheQueryUses) {
  std::string plan = Plan("SELECT b FROM t WHERE a > 1");
  EXPECT_THAT(plan, HasSubstr("Scan[db.t] columns=[a, b]")) << plan;
}

TEST_F(BinderTest, SortUnderLimitBecomesTopN) {
  std::string plan = Plan("SELECT a FROM t ORDER BY c DESC LIMIT 5");
  EXPECT_THAT(plan, HasSubstr("limit=5")) << plan;
  EXPECT_THAT(plan, Not(HasSubstr("Limit["))) << plan;
}

TEST_F(BinderTest, OrderByMayReadColumnsNotSelected) {
  ASSERT_OK_AND_ASSIGN(plan::NodePtr root, Bind("SELECT a FROM t ORDER BY c"));
  EXPECT_EQ(root->columns.size(), 1u);
  ASSERT_OK_AND_ASSIGN(root, Bind("SELECT a + 1 AS k FROM t ORDER BY k * 2"));
  EXPECT_EQ(root->columns.size(), 1u);
}

TEST_F(BinderTest, InSubqueryInWhereIsASemiJoinAndNotInANullAwareAntiJoin) {
  EXPECT_THAT(Plan("SELECT b FROM t WHERE a IN (SELECT a FROM u)"), HasSubstr("Join[SEMI"));
  std::string anti = Plan("SELECT b FROM t WHERE a NOT IN (SELECT a FROM u)");
  EXPECT_THAT(anti, HasSubstr("Join[ANTI")) << anti;
  EXPECT_THAT(anti, HasSubstr("null_aware")) << anti;
}

TEST_F(BinderTest, CorrelatedExistsIsASemiJoinOnTheCorrelatedKeys) {
  std::string plan = Plan("SELECT b FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a)");
  EXPECT_THAT(plan, HasSubstr("Join[SEMI #0")) << plan;
}

TEST_F(BinderTest, CorrelatedScalarAggregateIsGroupedAndLeftJoined) {
  std::string plan = Plan("SELECT b, (SELECT count(*) FROM u WHERE u.a = t.a) FROM t");
  EXPECT_THAT(plan, HasSubstr("Join[LEFT")) << plan;
  EXPECT_THAT(plan, HasSubstr("COALESCE")) << plan;
  EXPECT_THAT(plan, HasSubstr("Aggregate[keys=[#0")) << plan;
}

TEST_F(BinderTest, CorrelatedScalarAggregateOverAnInequalityJoinsDistinctOuterValues) {
  std::string plan = Plan("SELECT a, (SELECT count(*) FROM u WHERE u.d < t.a) FROM t");
  EXPECT_THAT(plan, HasSubstr("Distinct")) << plan;
  EXPECT_THAT(plan, HasSubstr("Join[LEFT")) << plan;
  EXPECT_THAT(plan, HasSubstr("COALESCE")) << plan;
}

TEST_F(BinderTest, UncorrelatedScalarSubqueryIsCheckedForOneRow) {
  EXPECT_THAT(Plan("SELECT a FROM t WHERE c > (SELECT max(d) FROM u)"),
              HasSubstr("EnforceSingleRow"));
}

TEST_F(BinderTest, RollupMakesOneGroupingSetPerPrefix) {
  ASSERT_OK_AND_ASSIGN(plan::NodePtr root,
                       Bind("SELECT a, b, sum(c), grouping(a, b) FROM t GROUP BY ROLLUP (a, b)"));
  EXPECT_THAT(plan::ToString(*root), HasSubstr("sets=3"));
}

TEST_F(BinderTest, UnionCoercesToCommonTypes) {
  ASSERT_OK_AND_ASSIGN(plan::NodePtr root, Bind("SELECT a FROM t UNION ALL SELECT d FROM u"));
  EXPECT_EQ(root->columns[0].type, LogicalType::Bigint());
  EXPECT_EQ(Error("SELECT a, b FROM t UNION SELECT d FROM u"),
            "TYPE_MISMATCH: line 1:1: UNION query has different number of fields: 2, 1");
}

TEST_F(BinderTest, CtesAndValuesBind) {
  ASSERT_OK_AND_ASSIGN(
      plan::NodePtr root,
      Bind("WITH w(x, y) AS (VALUES (1, 'a'), (2, 'bb')) SELECT y, x FROM w WHERE x > 1"));
  EXPECT_EQ(root->columns[0].name, "y");
  EXPECT_EQ(root->columns[0].type, LogicalType::Varchar(2));
}

TEST_F(BinderTest, WindowFunctionsAddAWindowNode) {
  EXPECT_THAT(Plan("SELECT a, sum(c) OVER (PARTITION BY b ORDER BY a) FROM t"),
              HasSubstr("Window[sum"));
}

TEST_F(BinderTest, RankingFunctionsShareTheirWindow) {
  std::string plan = Plan(
      "SELECT a, row_number() OVER w, rank() OVER w FROM t WINDOW w AS (PARTITION BY b ORDER BY "
      "c)");
  EXPECT_THAT(plan, HasSubstr("Window[row_number() PARTITION BY")) << plan;
  EXPECT_THAT(plan, HasSubstr("rank()")) << plan;
}

TEST_F(BinderTest, PartitionKeysAreColumnsOfTheScan) {
  std::string plan = Plan("SELECT x FROM p WHERE dt = '2024-01-01'");
  EXPECT_THAT(plan, HasSubstr("Scan[db.p] columns=[x, dt]")) << plan;
}

TEST_F(BinderTest, ViewsExpandTheirStoredQuery) {
  catalog::TableDescriptor view;
  view.database = "db";
  view.name = "w";
  view.kind = catalog::TableKind::kView;
  view.view_sql = "SELECT a AS k, c FROM t";
  ASSERT_OK(catalog_.CreateTable(view, false));
  ASSERT_OK_AND_ASSIGN(plan::NodePtr root, Bind("SELECT w.k FROM w WHERE c > 1"));
  EXPECT_EQ(root->columns[0].name, "k");
}

TEST_F(BinderTest, LambdaParametersTakeTheirTypesFromTheFunctionsSignature) {
  // transform(array(T), function(T,U)) → array(U): x is a double, so the body is a varchar.
  auto bound = Bind("SELECT transform(ARRAY[c], x -> CAST(x AS varchar) || b) FROM t");
  ASSERT_OK(bound);
  EXPECT_EQ((*bound)->columns[0].type, LogicalType::Array(LogicalType::Varchar()));
  EXPECT_THAT(Plan("SELECT transform(ARRAY[a], x -> x + a) FROM t"), HasSubstr("transform("));
}

TEST_F(BinderTest, ReduceWidensItsStateToTheStepsType) {
  auto bound = Bind("SELECT reduce(ARRAY[c], 0, (s, x) -> s + x, s -> s) FROM t");
  ASSERT_OK(bound);
  EXPECT_EQ((*bound)->columns[0].type, LogicalType::Double());
}

TEST_F(BinderTest, LambdaWithTheWrongArityIsAnError) {
  EXPECT_THAT(Error("SELECT filter(ARRAY[a], (x, y) -> true) FROM t"),
              HasSubstr("Expected a lambda that takes 1 argument(s) but got 2"));
}

TEST_F(BinderTest, RecursiveWithNeedsColumnAliases) {
  EXPECT_THAT(Error("WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r) "
                    "SELECT * FROM r"),
              HasSubstr("missing column aliases in recursive WITH query"));
}

}  // namespace
}  // namespace stratus::sql::binder
