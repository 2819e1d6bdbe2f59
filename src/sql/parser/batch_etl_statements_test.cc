// The batch ETL's SQL, as its users wrote it (Athena statements of the
// reference pipeline: Step Functions QueryStrings and the article's script).

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sql/parser/ast.h"
#include "sql/parser/parser.h"
#include "sql/parser/to_sql.h"
#include "testing/batch_etl_sql.h"
#include "testing/status_matchers.h"

namespace stratus::sql::parser {
namespace {

const std::string kCreateUsersText =
    stratus::testing::BatchEtlCreateUsers("s3://datalake.staging.liveproject/data/myschema/users/");
const std::string kCreateTransactionsText = stratus::testing::BatchEtlCreateTransactions(
    "s3://<YOUR_S3_BUCKET>/data/myschema/transactions/");
const char* const kCreateUsers = kCreateUsersText.c_str();
const char* const kCreateTransactions = kCreateTransactionsText.c_str();

constexpr const char* kCreateIceberg =
    R"sql(CREATE TABLE IF NOT EXISTS mydatabase.user_transactions (
  dt date,
  user_id int,
  total_cost_usd float,
  registration_date string
) 
PARTITIONED BY (dt)
LOCATION 's3://<YOUR_S3_BUCKET>/data/myschema/optimized-data-iceberg-parquet/' 
TBLPROPERTIES (
  'table_type'='ICEBERG',
  'format'='parquet',
  'write_target_data_file_size_bytes'='536870912',
  'optimize_rewrite_delete_file_threshold'='10'
)
;)sql";

constexpr const char* kAggregate = stratus::testing::kBatchEtlAggregate;

constexpr const char* kMerge = R"sql(MERGE INTO mydatabase.user_transactions  as ut
USING (
  SELECT 
      date(dt) dt
    , user_id
    , sum(total_cost) total_cost_usd
    , registration_date
  FROM mydatabase.transactions 
  LEFT JOIN mydatabase.users
  ON users.id = transactions.user_id
  GROUP BY
    dt
    , user_id
    , registration_date
) as ut2
ON (ut.dt = ut2.dt and ut.user_id = ut2.user_id)
WHEN MATCHED
    THEN UPDATE
        SET total_cost_usd = ut2.total_cost_usd, registration_date = ut2.registration_date
WHEN NOT MATCHED 
THEN INSERT (
 dt
,user_id
,total_cost_usd
,registration_date
)
  VALUES (
 ut2.dt
,ut2.user_id
,ut2.total_cost_usd
,ut2.registration_date
)
;)sql";

TEST(BatchEtlStatementsTest, CreatesTheDatabase) {
  ASSERT_OK_AND_ASSIGN(StatementPtr statement,
                       ParseStatement("CREATE DATABASE if not exists mydatabase"));
  const auto& create = statement->As<CreateSchemaStatement>();
  EXPECT_TRUE(create.if_not_exists);
  EXPECT_EQ(create.name.ToString(), "mydatabase");
}

TEST(BatchEtlStatementsTest, ShowsTables) {
  ASSERT_OK_AND_ASSIGN(StatementPtr statement, ParseStatement("show tables in mydatabase"));
  const auto& show = statement->As<ShowTablesStatement>();
  ASSERT_TRUE(show.schema.has_value());
  EXPECT_EQ(show.schema->ToString(), "mydatabase");
  EXPECT_FALSE(show.filter.has_value());
}

TEST(BatchEtlStatementsTest, CreatesTheUsersTable) {
  ASSERT_OK_AND_ASSIGN(StatementPtr statement, ParseStatement(kCreateUsers));
  const auto& create = statement->As<CreateTableStatement>();
  EXPECT_TRUE(create.external);
  EXPECT_EQ(create.name.ToString(), "mydatabase.users");
  ASSERT_EQ(create.columns.size(), 2u);
  EXPECT_EQ(create.columns[0].name.name, "id");
  EXPECT_EQ(create.columns[0].type.name, "bigint");
  EXPECT_EQ(create.columns[1].type.name, "string");
  ASSERT_TRUE(create.row_format.has_value());
  EXPECT_EQ(create.row_format->kind, RowFormatKind::kDelimited);
  EXPECT_EQ(create.row_format->fields_terminated_by, ",");
  ASSERT_TRUE(create.stored_as.has_value());
  EXPECT_EQ(create.stored_as->input_format, "org.apache.hadoop.mapred.TextInputFormat");
  EXPECT_EQ(create.stored_as->output_format,
            "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
  EXPECT_EQ(create.location, "s3://datalake.staging.liveproject/data/myschema/users/");
  ASSERT_EQ(create.table_properties.size(), 1u);
  EXPECT_EQ(create.table_properties[0].key, "skip.header.line.count");
  EXPECT_EQ(create.table_properties[0].value, "0");
}

TEST(BatchEtlStatementsTest, CreatesTheTransactionsTable) {
  ASSERT_OK_AND_ASSIGN(StatementPtr statement, ParseStatement(kCreateTransactions));
  const auto& create = statement->As<CreateTableStatement>();
  ASSERT_EQ(create.columns.size(), 4u);
  EXPECT_EQ(create.columns[2].name.name, "total_cost");
  EXPECT_EQ(create.columns[2].type.name, "double");
  EXPECT_EQ(create.columns[3].name.name, "dt");
  EXPECT_EQ(create.location, "s3://<YOUR_S3_BUCKET>/data/myschema/transactions/");
}

TEST(BatchEtlStatementsTest, CreatesTheIcebergTablePartitionedByDt) {
  ASSERT_OK_AND_ASSIGN(StatementPtr statement, ParseStatement(kCreateIceberg));
  const auto& create = statement->As<CreateTableStatement>();
  EXPECT_FALSE(create.external);
  EXPECT_TRUE(create.if_not_exists);
  ASSERT_EQ(create.columns.size(), 4u);
  EXPECT_EQ(create.columns[0].type.name, "date");
  EXPECT_EQ(create.columns[2].type.name, "float");
  EXPECT_TRUE(create.partition_columns.empty());
  ASSERT_EQ(create.partition_transforms.size(), 1u);
  EXPECT_EQ(create.partition_transforms[0]->As<IdentifierExpression>().identifier.name, "dt");
  ASSERT_EQ(create.table_properties.size(), 4u);
  EXPECT_EQ(create.table_properties[0].key, "table_type");
  EXPECT_EQ(create.table_properties[0].value, "ICEBERG");
  EXPECT_EQ(create.table_properties[2].value, "536870912");
}

TEST(BatchEtlStatementsTest, ParsesTheDailyAggregate) {
  ASSERT_OK_AND_ASSIGN(StatementPtr statement, ParseStatement(kAggregate));
  const auto& select = statement->As<QueryStatement>().query->body->As<SelectBody>();
  ASSERT_EQ(select.select_items.size(), 4u);
  EXPECT_EQ(select.select_items[0].alias->name, "dt");
  const auto& date = select.select_items[0].expression->As<FunctionCallExpression>();
  EXPECT_EQ(date.name.ToString(), "date");
  EXPECT_EQ(select.select_items[2].alias->name, "total_cost_usd");
  const auto& join = select.from->As<JoinRelation>();
  EXPECT_EQ(join.type, JoinType::kLeft);
  EXPECT_EQ(join.left->As<TableRelation>().name.ToString(), "mydatabase.transactions");
  EXPECT_EQ(join.right->As<TableRelation>().name.ToString(), "mydatabase.users");
  EXPECT_EQ(ToSql(*join.condition), "(users.id = transactions.user_id)");
  EXPECT_EQ(select.group_by->elements.size(), 3u);
}

TEST(BatchEtlStatementsTest, MergesTheAggregateIntoTheIcebergTable) {
  ASSERT_OK_AND_ASSIGN(StatementPtr statement, ParseStatement(kMerge));
  const auto& merge = statement->As<MergeStatement>();
  EXPECT_EQ(merge.target.ToString(), "mydatabase.user_transactions");
  EXPECT_EQ(merge.target_alias->name, "ut");
  EXPECT_EQ(merge.source->kind, RelationKind::kSubquery);
  EXPECT_EQ(merge.source->alias->name, "ut2");
  EXPECT_EQ(ToSql(*merge.condition), "((ut.dt = ut2.dt) AND (ut.user_id = ut2.user_id))");
  ASSERT_EQ(merge.clauses.size(), 2u);
  EXPECT_TRUE(merge.clauses[0].matched);
  EXPECT_EQ(merge.clauses[0].action, MergeAction::kUpdate);
  ASSERT_EQ(merge.clauses[0].assignments.size(), 2u);
  EXPECT_EQ(merge.clauses[0].assignments[1].column.name, "registration_date");
  EXPECT_FALSE(merge.clauses[1].matched);
  EXPECT_EQ(merge.clauses[1].action, MergeAction::kInsert);
  EXPECT_EQ(merge.clauses[1].insert_columns.size(), 4u);
  EXPECT_EQ(merge.clauses[1].insert_values.size(), 4u);
}

TEST(BatchEtlStatementsTest, ParsesTheArticleScriptWithItsQueries) {
  const std::string script = std::string(kCreateUsers) + "\nselect * from mydatabase.users;\n" +
                             kCreateTransactions + "\nselect * from mydatabase.transactions;\n" +
                             kCreateIceberg + "\n" + kMerge;
  ASSERT_OK_AND_ASSIGN(std::vector<StatementPtr> statements, ParseScript(script));
  ASSERT_EQ(statements.size(), 6u);
  EXPECT_EQ(statements[1]->kind, StatementKind::kQuery);
  const SourceSpan span = statements[1]->span;
  EXPECT_EQ(script.substr(span.offset, span.length), "select * from mydatabase.users");
  EXPECT_EQ(statements[5]->kind, StatementKind::kMerge);
}

TEST(BatchEtlStatementsTest, PrintsEachStatementBackToAnEquivalentOne) {
  for (const char* sql : {kCreateUsers, kCreateTransactions, kCreateIceberg, kAggregate, kMerge}) {
    ASSERT_OK_AND_ASSIGN(StatementPtr first, ParseStatement(sql));
    const std::string printed = ToSql(*first);
    ASSERT_OK_AND_ASSIGN(StatementPtr second, ParseStatement(printed));
    EXPECT_EQ(ToSql(*second), printed);
  }
  ASSERT_OK_AND_ASSIGN(StatementPtr iceberg, ParseStatement(kCreateIceberg));
  EXPECT_EQ(ToSql(*iceberg),
            "CREATE TABLE IF NOT EXISTS mydatabase.user_transactions (dt date, user_id int, "
            "total_cost_usd float, registration_date string) PARTITIONED BY (dt) LOCATION "
            "'s3://<YOUR_S3_BUCKET>/data/myschema/optimized-data-iceberg-parquet/' TBLPROPERTIES "
            "('table_type'='ICEBERG', 'format'='parquet', "
            "'write_target_data_file_size_bytes'='536870912', "
            "'optimize_rewrite_delete_file_threshold'='10')");
}

}  // namespace
}  // namespace stratus::sql::parser
