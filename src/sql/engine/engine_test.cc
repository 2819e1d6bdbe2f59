#include "sql/engine/engine.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "io/posix_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "sql/catalog/memory_catalog.h"
#include "sql/types/sql_error.h"
#include "sql/vector/batch.h"
#include "storage/temp_dir_for_test.h"
#include "testing/batch_etl_sql.h"
#include "testing/status_matchers.h"

namespace stratus::sql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Rows = std::vector<std::vector<std::string>>;

std::string CreateUsers(const std::string& location) {
  return stratus::testing::BatchEtlCreateUsers(location);
}

std::string CreateTransactions(const std::string& location) {
  return stratus::testing::BatchEtlCreateTransactions(location);
}

constexpr const char* kAggregate = stratus::testing::kBatchEtlAggregate;

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<lake::FileStore>(files_, lake::FileStoreOptions{.sync = false});
    lake_ = std::make_unique<lake::Lake>(*store_, *store_);
    ASSERT_OK_AND_ASSIGN(
        engine_, Engine::Open({.catalog = &catalog_,
                               .lake = lake_.get(),
                               .clock = &clock_,
                               .threads = 2,
                               .memory_limit_bytes = 256 << 20,
                               .spill_directory = dir_.path() + "/spill",
                               .default_table_location = "file://" + dir_.path() + "/warehouse"}));
  }

  void TearDown() override { engine_->Stop(); }

  std::string Location(const std::string& name) {
    return "file://" + dir_.path() + "/" + name + "/";
  }

  void WriteFile(const std::string& relative, const std::string& contents) {
    std::filesystem::path path = std::filesystem::path(dir_.path()) / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << contents;
  }

  Result<Rows> Run(std::string_view sql) {
    CollectingSink sink;
    STRATUS_RETURN_IF_ERROR(engine_->Execute(sql, session_, sink).status());
    last_ = sink.description();
    return sink.Rows();
  }

  Rows Sorted(Rows rows) {
    std::sort(rows.begin(), rows.end());
    return rows;
  }

  std::string Error(std::string_view sql) {
    auto rows = Run(sql);
    return rows.ok() ? "OK" : SqlErrorName(rows.status()) + ": " + rows.status().message();
  }

  storage::TempDir dir_;
  io::PosixFileSystem files_;
  FakeClock clock_;
  std::unique_ptr<lake::FileStore> store_;
  std::unique_ptr<lake::Lake> lake_;
  catalog::MemoryCatalog catalog_;
  std::unique_ptr<Engine> engine_;
  Session session_;
  ResultDescription last_;
};

TEST_F(EngineTest, BatchEtlStatementsRunAsWritten) {
  WriteFile("users/users.csv", "1,2024-01-01\n2,2024-01-02\n");
  WriteFile("transactions/part-0.csv",
            "10,1,5.5,2024-02-01\n11,1,4.5,2024-02-01\n12,2,1.0,2024-02-02\n13,3,2.0,2024-02-02\n");
  ASSERT_OK(Run("CREATE DATABASE IF NOT EXISTS mydatabase").status());
  EXPECT_EQ(last_.statement_type, StatementType::kDdl);
  ASSERT_OK_AND_ASSIGN(Rows tables, Run("SHOW TABLES IN mydatabase"));
  EXPECT_TRUE(tables.empty());
  EXPECT_FALSE(last_.header_row);
  ASSERT_OK(Run(CreateUsers(Location("users"))).status());
  ASSERT_OK(Run(CreateTransactions(Location("transactions"))).status());
  ASSERT_OK_AND_ASSIGN(tables, Run("SHOW TABLES IN mydatabase"));
  EXPECT_THAT(tables, ElementsAre(ElementsAre("transactions"), ElementsAre("users")));
  auto aggregate = Run(kAggregate);
  ASSERT_TRUE(aggregate.ok()) << aggregate.status().ToString();
  Rows rows = *aggregate;
  EXPECT_TRUE(last_.header_row);
  ASSERT_EQ(last_.columns.size(), 4u);
  EXPECT_EQ(last_.columns[0].name, "dt");
  EXPECT_EQ(last_.columns[0].type, LogicalType::Date());
  EXPECT_EQ(last_.columns[2].name, "total_cost_usd");
  EXPECT_THAT(Sorted(rows), ElementsAre(ElementsAre("2024-02-01", "1", "10.0", "2024-01-01"),
                                        ElementsAre("2024-02-02", "2", "1.0", "2024-01-02"),
                                        ElementsAre("2024-02-02", "3", "2.0", "NULL")));
}

TEST_F(EngineTest, ExternalTablesAreStoredAsAthenaStoresThem) {
  ASSERT_OK(Run("CREATE DATABASE mydatabase").status());
  ASSERT_OK(Run(CreateUsers(Location("users"))).status());
  ASSERT_OK_AND_ASSIGN(auto table, catalog_.GetTable("mydatabase", "users"));
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->serde_library, "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
  EXPECT_EQ(table->serde_properties.at("field.delim"), ",");
  EXPECT_EQ(table->serde_properties.at("serialization.format"), ",");
  EXPECT_EQ(table->input_format, "org.apache.hadoop.mapred.TextInputFormat");
  EXPECT_EQ(table->output_format, "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
  EXPECT_EQ(table->table_properties.at("EXTERNAL"), "TRUE");
  EXPECT_EQ(table->table_properties.at("skip.header.line.count"), "0");
  EXPECT_EQ(table->columns[1].hive_type, "string");
}

TEST_F(EngineTest, DescribeShowsHiveTypesAndThePartitionBlock) {
  ASSERT_OK(Run("CREATE EXTERNAL TABLE logs (msg string, n int) PARTITIONED BY (dt string) "
                "LOCATION '" +
                Location("logs") + "'")
                .status());
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("DESCRIBE logs"));
  ASSERT_GE(rows.size(), 5u);
  EXPECT_EQ(rows[0][0], "msg                 \tstring              \t                    ");
  EXPECT_EQ(rows[1][0], "n                   \tint                 \t                    ");
  EXPECT_EQ(rows[4][0], "# Partition Information");
  ASSERT_OK_AND_ASSIGN(Rows create, Run("SHOW CREATE TABLE logs"));
  EXPECT_THAT(create[0][0], HasSubstr("CREATE EXTERNAL TABLE `default`.`logs`("));
}

TEST_F(EngineTest, MsckRepairAddsPartitionDirectoriesAndQueriesReadThem) {
  WriteFile("logs/dt=2024-01-01/a.txt", "hello,1\n");
  WriteFile("logs/dt=2024-01-02/b.txt", "world,2\nagain,3\n");
  ASSERT_OK(Run("CREATE EXTERNAL TABLE logs (msg string, n int) PARTITIONED BY (dt string) "
                "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '" +
                Location("logs") + "'")
                .status());
  ASSERT_OK(Run("MSCK REPAIR TABLE logs").status());
  ASSERT_OK_AND_ASSIGN(Rows partitions, Run("SHOW PARTITIONS logs"));
  EXPECT_THAT(partitions, ElementsAre(ElementsAre("dt=2024-01-01"), ElementsAre("dt=2024-01-02")));
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("SELECT dt, sum(n) FROM logs GROUP BY dt ORDER BY dt"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("2024-01-01", "1"), ElementsAre("2024-01-02", "5")));
  ASSERT_OK_AND_ASSIGN(rows, Run("SELECT msg FROM logs WHERE dt = '2024-01-01'"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("hello")));
}

TEST_F(EngineTest, JsonSerdeTablesReadOneObjectPerLine) {
  WriteFile("events/a.json",
            "{\"Id\": 1, \"Name\": \"a\", \"amount\": 2.5, \"other\": true}\n"
            "{\"id\": 2, \"amount\": \"bad\"}\n");
  WriteFile("events/b.json", "{\"id\": 3, \"name\": \"c\", \"when\": \"2024-01-05\"}\n");
  ASSERT_OK(Run("CREATE EXTERNAL TABLE events (id int, name string, amount double, day date) "
                "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' "
                "WITH SERDEPROPERTIES ('mapping.day' = 'when') LOCATION '" +
                Location("events") + "'")
                .status());
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("SELECT id, name, amount, day FROM events ORDER BY id"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("1", "a", "2.5", "NULL"),
                                ElementsAre("2", "NULL", "NULL", "NULL"),
                                ElementsAre("3", "c", "NULL", "2024-01-05")));
  ASSERT_OK(Run("CREATE EXTERNAL TABLE nested (id int, tags array<string>, "
                "owner struct<name:string, age:int>) ROW FORMAT SERDE "
                "'org.openx.data.jsonserde.JsonSerDe' LOCATION '" +
                Location("nested") + "'")
                .status());
  WriteFile("nested/a.json",
            "{\"id\": 1, \"tags\": [\"x\", \"y\"], \"owner\": {\"Name\": "
            "\"ann\", \"age\": \"41\"}}\n");
  ASSERT_OK_AND_ASSIGN(rows, Run("SELECT cardinality(tags), tags[2], owner FROM nested"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("2", "y", "{name=ann, age=41}")));
  ASSERT_OK(Run("CREATE EXTERNAL TABLE stored (id int) STORED AS JSON LOCATION '" +
                Location("events") + "'")
                .status());
  ASSERT_OK_AND_ASSIGN(rows, Run("SELECT sum(id) FROM stored"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("6")));
  WriteFile("broken/a.json", "{\"id\": 1}\n{\"id\": \n");
  ASSERT_OK(Run("CREATE EXTERNAL TABLE broken (id int) ROW FORMAT SERDE "
                "'org.apache.hive.hcatalog.data.JsonSerDe' LOCATION '" +
                Location("broken") + "'")
                .status());
  EXPECT_THAT(Error("SELECT count(*) FROM broken"),
              HasSubstr("HIVE_BAD_DATA: Row is not a valid JSON Object"));
  ASSERT_OK(Run("CREATE EXTERNAL TABLE lenient (id int) ROW FORMAT SERDE "
                "'org.openx.data.jsonserde.JsonSerDe' WITH SERDEPROPERTIES "
                "('ignore.malformed.json' = 'true') LOCATION '" +
                Location("broken") + "'")
                .status());
  ASSERT_OK_AND_ASSIGN(rows, Run("SELECT count(*), count(id) FROM lenient"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("2", "1")));
}

TEST_F(EngineTest, CreateTableInsertAndSelectRoundTrip) {
  ASSERT_OK(Run("CREATE TABLE t1(a INTEGER, b INTEGER, c VARCHAR)").status());
  ASSERT_OK(Run("INSERT INTO t1(c, a, b) VALUES ('x', 1, 2)").status());
  ASSERT_OK(Run("INSERT INTO t1 VALUES (3, NULL, 'y'), (5, 6, NULL)").status());
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("SELECT a, b, c FROM t1 ORDER BY a"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("1", "2", "x"), ElementsAre("3", "NULL", "y"),
                                ElementsAre("5", "6", "NULL")));
  ASSERT_OK(Run("DROP TABLE t1").status());
  ASSERT_OK(Run("CREATE TABLE t1(a INTEGER)").status());
  ASSERT_OK_AND_ASSIGN(rows, Run("SELECT count(*) FROM t1"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("0")));
}

TEST_F(EngineTest, CreateTableAsSelectWritesATextTable) {
  ASSERT_OK(Run("CREATE TABLE squares WITH (format = 'TEXTFILE', external_location = '" +
                Location("squares") + "') AS SELECT x, x * x AS y FROM (VALUES 1, 2, 3) AS v(x)")
                .status());
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("SELECT y FROM squares WHERE x > 1 ORDER BY y"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("4"), ElementsAre("9")));
}

TEST_F(EngineTest, CreateTableAsSelectWritesParquetByDefaultAsAthena) {
  ASSERT_OK(
      Run("CREATE TABLE cubes AS SELECT x, x * x * x AS y FROM (VALUES 1, 2, 3) AS v(x)").status());
  ASSERT_OK_AND_ASSIGN(auto table, catalog_.GetTable("default", "cubes"));
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->serde_library, "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
  EXPECT_EQ(table->input_format, "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
  EXPECT_EQ(table->output_format, "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
  EXPECT_EQ(table->table_properties.at("parquet.compression"), "GZIP");
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("SELECT sum(y) FROM cubes"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("36")));
  ASSERT_OK_AND_ASSIGN(Rows paths, Run("SELECT DISTINCT \"$path\" FROM cubes"));
  ASSERT_EQ(paths.size(), 1u);
  EXPECT_THAT(paths[0][0], ::testing::StartsWith(table->location));
  ASSERT_OK_AND_ASSIGN(std::string bytes, lake_->Read(paths[0][0]));
  EXPECT_EQ(bytes.substr(0, 4), "PAR1");
}

TEST_F(EngineTest, ExplainAnalyzeCountsTheRowGroupsStatisticsSkip) {
  ASSERT_OK(Run("CREATE TABLE seq WITH (format = 'PARQUET') AS SELECT n FROM "
                "UNNEST(sequence(1, 100)) AS t(n)")
                .status());
  ASSERT_OK(Run("INSERT INTO seq SELECT n FROM UNNEST(sequence(1001, 1100)) AS t(n)").status());
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("EXPLAIN ANALYZE SELECT count(*) FROM seq WHERE n > 1000"));
  std::string text;
  for (const auto& row : rows) {
    text += row[0] + "\n";
  }
  EXPECT_THAT(text, HasSubstr("parquet row groups: 1 read, 1 skipped by statistics"));
}

TEST_F(EngineTest, PartitionedWritesRegisterTheirPartitions) {
  ASSERT_OK(Run("CREATE TABLE sales WITH (format = 'TEXTFILE', external_location = '" +
                Location("sales") +
                "', partitioned_by = ARRAY['region']) AS SELECT * FROM (VALUES (1, 'eu'), (2, "
                "'us'), (3, 'eu')) AS v(amount, region)")
                .status());
  ASSERT_OK_AND_ASSIGN(Rows partitions, Run("SHOW PARTITIONS sales"));
  EXPECT_THAT(partitions, ElementsAre(ElementsAre("region=eu"), ElementsAre("region=us")));
  ASSERT_OK(Run("INSERT INTO sales VALUES (4, 'ap')").status());
  ASSERT_OK_AND_ASSIGN(
      Rows rows, Run("SELECT region, sum(amount) FROM sales GROUP BY region ORDER BY region"));
  EXPECT_THAT(rows,
              ElementsAre(ElementsAre("ap", "4"), ElementsAre("eu", "4"), ElementsAre("us", "2")));
}

TEST_F(EngineTest, ViewsAreQueriedThroughTheirSql) {
  ASSERT_OK(Run("CREATE VIEW v AS SELECT 1 AS x UNION ALL SELECT 2").status());
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("SELECT sum(x) FROM v"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("3")));
  ASSERT_OK_AND_ASSIGN(Rows views, Run("SHOW VIEWS"));
  EXPECT_THAT(views, ElementsAre(ElementsAre("v")));
  EXPECT_EQ(Error("CREATE VIEW v AS SELECT 3 AS x"),
            "TABLE_ALREADY_EXISTS: line 1:13: View 'awsdatacatalog.default.v' already exists");
  ASSERT_OK(Run("CREATE OR REPLACE VIEW v AS SELECT 3 AS x").status());
  ASSERT_OK(Run("DROP VIEW v").status());
}

TEST_F(EngineTest, ErrorsCarryTrinoNamesAndPositions) {
  EXPECT_EQ(Error("SELECT x FROM (VALUES 1) AS t(a)"),
            "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved");
  EXPECT_EQ(Error("SELECT * FROM nodb.t"),
            "SCHEMA_NOT_FOUND: line 1:15: Schema 'nodb' does not exist");
  EXPECT_EQ(Error("SELECT * FROM default.t"),
            "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.default.t' does not exist");
  EXPECT_THAT(Error("SELEC 1"), HasSubstr("SYNTAX_ERROR"));
}

TEST_F(EngineTest, ShowDatabasesListsTheCatalog) {
  ASSERT_OK(Run("CREATE SCHEMA sales").status());
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("SHOW DATABASES"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("default"), ElementsAre("sales")));
  ASSERT_OK_AND_ASSIGN(rows, Run("SHOW SCHEMAS LIKE 'sa%'"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("sales")));
}

TEST_F(EngineTest, ExplainReturnsThePlanAsRows) {
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("EXPLAIN SELECT 1"));
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(last_.columns[0].name, "Query Plan");
  EXPECT_THAT(rows[0][0], HasSubstr("Project"));
}

TEST_F(EngineTest, QueriesComputeOverValues) {
  ASSERT_OK_AND_ASSIGN(
      Rows rows, Run("SELECT k, count(*), sum(v) FROM (VALUES (1, 10), (1, 20), (2, 5)) AS t(k, v) "
                     "GROUP BY k ORDER BY k"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("1", "2", "30"), ElementsAre("2", "1", "5")));
}

}  // namespace
}  // namespace stratus::sql

namespace stratus::sql {
namespace {

class EngineQueryTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    WriteFile("users/users.csv", "1,2024-01-01\n2,2024-01-02\n");
    WriteFile("transactions/part-0.csv",
              "10,1,5.5,2024-02-01\n11,1,4.5,2024-02-01\n12,2,1.0,2024-02-02\n"
              "13,3,2.0,2024-02-02\n");
    ASSERT_OK(Run("CREATE DATABASE mydatabase").status());
    ASSERT_OK(Run(CreateUsers(Location("users"))).status());
    ASSERT_OK(Run(CreateTransactions(Location("transactions"))).status());
    session_.database = "mydatabase";
  }
};

TEST_F(EngineQueryTest, CorrelatedSubqueriesAreDecorrelated) {
  ASSERT_OK_AND_ASSIGN(
      Rows rows,
      Run("SELECT id, (SELECT count(*) FROM transactions x WHERE x.user_id = u.id) FROM users u "
          "ORDER BY 1"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("1", "2"), ElementsAre("2", "1")));
  ASSERT_OK_AND_ASSIGN(
      rows, Run("SELECT id, (SELECT count(*) FROM transactions x WHERE x.user_id < u.id) FROM "
                "users u ORDER BY 1"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("1", "0"), ElementsAre("2", "2")));
  ASSERT_OK_AND_ASSIGN(rows, Run("SELECT id FROM users u WHERE EXISTS (SELECT 1 FROM "
                                 "transactions t WHERE t.user_id = u.id AND t.total_cost > 2)"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("1")));
}

TEST_F(EngineQueryTest, InAndNotInSubqueriesFollowSqlNullRules) {
  ASSERT_OK_AND_ASSIGN(
      Rows rows, Run("SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM transactions WHERE "
                     "total_cost > 4)"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("2")));
  ASSERT_OK_AND_ASSIGN(rows, Run("SELECT id, id IN (SELECT user_id FROM transactions WHERE "
                                 "total_cost > 4) FROM users ORDER BY id"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("1", "true"), ElementsAre("2", "false")));
  ASSERT_OK_AND_ASSIGN(rows, Run("SELECT 1 NOT IN (SELECT CAST(NULL AS integer))"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("NULL")));
}

TEST_F(EngineQueryTest, ScalarSubqueriesAndSetOperations) {
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("SELECT transaction_id FROM transactions WHERE total_cost > "
                                      "(SELECT avg(total_cost) FROM transactions) ORDER BY 1"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("10"), ElementsAre("11")));
  ASSERT_OK_AND_ASSIGN(
      rows, Run("SELECT id FROM users UNION SELECT user_id FROM transactions ORDER BY 1"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("1"), ElementsAre("2"), ElementsAre("3")));
  EXPECT_EQ(Error("SELECT (SELECT id FROM users)"),
            "SUBQUERY_MULTIPLE_ROWS: Scalar sub-query has returned multiple rows");
}

TEST_F(EngineQueryTest, WindowsAndSpecialForms) {
  ASSERT_OK_AND_ASSIGN(Rows rows,
                       Run("SELECT transaction_id, sum(total_cost) OVER (PARTITION BY user_id "
                           "ORDER BY transaction_id) FROM transactions ORDER BY 1"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("10", "5.5"), ElementsAre("11", "10.0"),
                                ElementsAre("12", "1.0"), ElementsAre("13", "2.0")));
  ASSERT_OK_AND_ASSIGN(rows, Run("SELECT CASE WHEN id > 1 THEN 'big' ELSE 'small' END, "
                                 "nullif(id, 1), if(id = 1, 'one') FROM users ORDER BY id"));
  EXPECT_THAT(rows,
              ElementsAre(ElementsAre("small", "NULL", "one"), ElementsAre("big", "2", "NULL")));
}

TEST_F(EngineQueryTest, ParametersComeFromTheSession) {
  session_.parameters = {"'x'", "2"};
  auto result = Run("SELECT id, ? FROM users WHERE id = ?");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  Rows rows = *result;
  EXPECT_THAT(rows, ElementsAre(ElementsAre("2", "x")));
}

TEST_F(EngineQueryTest, PartitionFiltersPruneAtPlanTime) {
  WriteFile("logs/dt=2024-01-01/a.txt", "hello,1\n");
  WriteFile("logs/dt=2024-01-02/b.txt", "world,2\n");
  ASSERT_OK(Run("CREATE EXTERNAL TABLE logs (msg string, n int) PARTITIONED BY (dt string) "
                "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '" +
                Location("logs") + "'")
                .status());
  ASSERT_OK(Run("ALTER TABLE logs ADD PARTITION (dt = '2024-01-01') PARTITION (dt = '2024-01-02')")
                .status());
  ASSERT_OK_AND_ASSIGN(Rows plan, Run("EXPLAIN SELECT msg FROM logs WHERE dt = '2024-01-02'"));
  std::string text;
  for (const auto& row : plan) {
    text += row[0] + "\n";
  }
  EXPECT_THAT(text, HasSubstr("partitions=1")) << text;
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("SELECT msg FROM logs WHERE dt = '2024-01-02'"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("world")));
}

TEST_F(EngineQueryTest, PartitionProjectionComputesPartitions) {
  WriteFile("events/day=1/a.txt", "a\n");
  WriteFile("events/day=2/b.txt", "b\n");
  ASSERT_OK(Run("CREATE EXTERNAL TABLE events (v string) PARTITIONED BY (day int) LOCATION '" +
                Location("events") +
                "' TBLPROPERTIES ('projection.enabled'='true', 'projection.day.type'='integer', "
                "'projection.day.range'='1,3')")
                .status());
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("SELECT day, v FROM events ORDER BY day"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("1", "a"), ElementsAre("2", "b")));
}

TEST_F(EngineQueryTest, InjectedProjectionTakesItsValuesFromTheWhereClause) {
  WriteFile("devices/device=a/x.txt", "1\n");
  WriteFile("devices/device=b/y.txt", "2\n");
  ASSERT_OK(Run("CREATE EXTERNAL TABLE devices (v int) PARTITIONED BY (device string) LOCATION '" +
                Location("devices") +
                "' TBLPROPERTIES ('projection.enabled'='true', "
                "'projection.device.type'='injected')")
                .status());
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("SELECT v FROM devices WHERE device = 'b'"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("2")));
  ASSERT_OK_AND_ASSIGN(rows, Run("SELECT sum(v) FROM devices WHERE device IN ('a', 'b')"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("3")));
  EXPECT_THAT(Error("SELECT v FROM devices"), HasSubstr("CONSTRAINT_VIOLATION"));
}

TEST_F(EngineQueryTest, QuantifiedComparisonsFollowSqlNullRules) {
  ASSERT_OK_AND_ASSIGN(
      Rows rows,
      Run("SELECT 3 > ALL (VALUES 1, 2), 2 > ALL (VALUES 1, 2), 3 > ALL (VALUES 1, NULL), "
          "1 > ALL (SELECT 1 WHERE false), 2 > ANY (VALUES 1, 5), 0 > ANY (VALUES 1, NULL), "
          "1 = ALL (VALUES 1, 2), 1 <> ANY (VALUES 1, 2)"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("true", "false", "NULL", "true", "true", "NULL",
                                            "false", "true")));
}

TEST_F(EngineQueryTest, CorrelatedSubqueriesOverGroupKeysOfAnAggregatedSelect) {
  ASSERT_OK_AND_ASSIGN(
      Rows rows,
      Run("SELECT dt, count(*), (SELECT count(*) FROM transactions x WHERE x.dt = t.dt AND "
          "x.total_cost > 2) FROM transactions t GROUP BY dt ORDER BY 1"));
  EXPECT_THAT(
      rows, ElementsAre(ElementsAre("2024-02-01", "2", "2"), ElementsAre("2024-02-02", "2", "0")));
}

TEST_F(EngineQueryTest, UnnestReplicatesItsInputRows) {
  ASSERT_OK_AND_ASSIGN(Rows rows,
                       Run("SELECT x, o FROM UNNEST(ARRAY[10, 20]) WITH ORDINALITY AS t(x, o)"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("10", "1"), ElementsAre("20", "2")));
  ASSERT_OK_AND_ASSIGN(rows, Run("SELECT id, x FROM users CROSS JOIN UNNEST(ARRAY[id, id * 10]) "
                                 "AS t(x) ORDER BY 1, 2"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("1", "1"), ElementsAre("1", "10"),
                                ElementsAre("2", "2"), ElementsAre("2", "20")));
}

TEST_F(EngineQueryTest, TableSampleKeepsAllOrNoRowsAtTheBounds) {
  ASSERT_OK_AND_ASSIGN(Rows rows,
                       Run("SELECT count(*) FROM transactions TABLESAMPLE BERNOULLI (100)"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("4")));
  ASSERT_OK_AND_ASSIGN(rows, Run("SELECT count(*) FROM transactions TABLESAMPLE SYSTEM (0)"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("0")));
}

TEST_F(EngineQueryTest, ShowTablesTakesAthenasWildcards) {
  ASSERT_OK_AND_ASSIGN(Rows rows, Run("SHOW TABLES IN mydatabase 'us*'"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("users")));
  ASSERT_OK_AND_ASSIGN(rows, Run("SHOW TABLES IN mydatabase 'x*|trans*'"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("transactions")));
  ASSERT_OK_AND_ASSIGN(rows, Run("SHOW TABLES LIKE 'u%'"));
  EXPECT_THAT(rows, ElementsAre(ElementsAre("users")));
  EXPECT_EQ(Error("SHOW TABLES IN nodb"),
            "SCHEMA_NOT_FOUND: line 1:1: Schema 'nodb' does not exist");
}

}  // namespace
}  // namespace stratus::sql
