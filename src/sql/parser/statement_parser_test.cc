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

TEST(StatementParserTest, ReadsHiveEscapesInDelimiters) {
  ASSERT_OK_AND_ASSIGN(
      StatementPtr statement,
      ParseStatement("CREATE EXTERNAL TABLE t (a string) ROW FORMAT DELIMITED FIELDS TERMINATED "
                     "BY '\\001' COLLECTION ITEMS TERMINATED BY '\\u0002' MAP KEYS TERMINATED BY "
                     "'\\\\' NULL DEFINED AS '\\N' LOCATION 's3://b/t/'"));
  const RowFormat& format = *statement->As<CreateTableStatement>().row_format;
  EXPECT_EQ(format.fields_terminated_by, "\x01");
  EXPECT_EQ(format.collection_items_terminated_by, "\x02");
  EXPECT_EQ(format.map_keys_terminated_by, "\\");
  EXPECT_EQ(format.null_defined_as, "\\N");
  // Printed back, the delimiters parse to the same bytes.
  ASSERT_OK_AND_ASSIGN(StatementPtr again, ParseStatement(ToSql(*statement)));
  EXPECT_EQ(again->As<CreateTableStatement>().row_format->map_keys_terminated_by, "\\");
}

TEST(StatementParserTest, AcceptsAndKeepsColumnKeysWrittenForOtherEngines) {
  ASSERT_OK_AND_ASSIGN(
      StatementPtr statement,
      ParseStatement("CREATE TABLE tab0(pk INTEGER PRIMARY KEY, col0 INTEGER NOT NULL UNIQUE, "
                     "col1 TEXT UNIQUE)"));
  const auto& create = statement->As<CreateTableStatement>();
  EXPECT_TRUE(create.columns[0].primary_key);
  EXPECT_TRUE(create.columns[1].not_null);
  EXPECT_TRUE(create.columns[1].unique);
  EXPECT_EQ(ToSql(*statement),
            "CREATE TABLE tab0 (pk integer PRIMARY KEY, col0 integer NOT NULL UNIQUE, col1 text "
            "UNIQUE)");
}

TEST(StatementParserTest, ParsesHiveExternalTableClauses) {
  ASSERT_OK_AND_ASSIGN(
      StatementPtr statement,
      ParseStatement("CREATE EXTERNAL TABLE IF NOT EXISTS `db`.`logs` (`date` string COMMENT "
                     "'day', tags array<string>, attrs map<string,string>, s struct<a:int>) "
                     "COMMENT 'raw' PARTITIONED BY (year int, month string) "
                     "ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' "
                     "COLLECTION ITEMS TERMINATED BY '|' MAP KEYS TERMINATED BY ':' "
                     "LINES TERMINATED BY '\\n' NULL DEFINED AS '\\N' STORED AS TEXTFILE "
                     "LOCATION 's3://lake/logs/' TBLPROPERTIES ('skip.header.line.count'='1', "
                     "'projection.enabled'='true')"));
  const auto& create = statement->As<CreateTableStatement>();
  EXPECT_EQ(create.columns[0].name.name, "date");
  EXPECT_TRUE(create.columns[0].name.quoted);
  EXPECT_EQ(create.columns[0].comment, "day");
  EXPECT_EQ(create.columns[3].type.name, "struct");
  EXPECT_EQ(create.comment, "raw");
  ASSERT_EQ(create.partition_columns.size(), 2u);
  EXPECT_EQ(create.partition_columns[1].type.name, "string");
  const RowFormat& format = *create.row_format;
  EXPECT_EQ(format.fields_terminated_by, "\t");
  EXPECT_EQ(format.escaped_by, "\\");
  EXPECT_EQ(format.collection_items_terminated_by, "|");
  EXPECT_EQ(format.map_keys_terminated_by, ":");
  EXPECT_EQ(format.lines_terminated_by, "\n");
  EXPECT_EQ(format.null_defined_as, "\\N");
  EXPECT_EQ(create.stored_as->format, "TEXTFILE");
  EXPECT_EQ(create.table_properties.size(), 2u);
}

TEST(StatementParserTest, ParsesSerdeTables) {
  ASSERT_OK_AND_ASSIGN(
      StatementPtr statement,
      ParseStatement("CREATE EXTERNAL TABLE t (a string) ROW FORMAT SERDE "
                     "'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES "
                     "('separatorChar' = ',', 'quoteChar' = '\"') STORED AS TEXTFILE "
                     "LOCATION 's3://b/' CLUSTERED BY (a) INTO 8 BUCKETS"));
  const auto& create = statement->As<CreateTableStatement>();
  EXPECT_EQ(create.row_format->kind, RowFormatKind::kSerde);
  EXPECT_EQ(create.row_format->serde_class, "org.apache.hadoop.hive.serde2.OpenCSVSerde");
  ASSERT_EQ(create.row_format->serde_properties.size(), 2u);
  EXPECT_EQ(create.row_format->serde_properties[1].value, "\"");
  EXPECT_EQ(create.clustered_by->num_buckets, 8);
  EXPECT_EQ(Normalize("CREATE EXTERNAL TABLE t (a int) STORED AS PARQUET LOCATION 's3://b/' "
                      "LOCATION 's3://c/'"),
            "error: line 1:70: LOCATION specified more than once");
}

TEST(StatementParserTest, TakesHiveDoubleQuotedStringsInDdl) {
  ASSERT_OK_AND_ASSIGN(
      StatementPtr statement,
      ParseStatement("CREATE EXTERNAL TABLE t (a string COMMENT \"first\") ROW FORMAT SERDE "
                     "'org.openx.data.jsonserde.JsonSerDe' WITH SERDEPROPERTIES "
                     "(\"ignore.malformed.json\" = \"true\") LOCATION \"s3://b/t/\" "
                     "TBLPROPERTIES (\"skip.header.line.count\"=\"1\")"));
  const auto& create = statement->As<CreateTableStatement>();
  EXPECT_EQ(create.columns[0].comment, "first");
  EXPECT_EQ(create.row_format->serde_properties[0].key, "ignore.malformed.json");
  EXPECT_EQ(create.location, "s3://b/t/");
  EXPECT_EQ(create.table_properties[0].value, "1");
}

TEST(StatementParserTest, ParsesIcebergPartitionTransforms) {
  ASSERT_OK_AND_ASSIGN(StatementPtr statement,
                       ParseStatement("CREATE TABLE t (id bigint, ts timestamp, s string) "
                                      "PARTITIONED BY (day(ts), bucket(16, id), truncate(10, s)) "
                                      "LOCATION 's3://b/' TBLPROPERTIES ('table_type'='ICEBERG')"));
  const auto& create = statement->As<CreateTableStatement>();
  ASSERT_EQ(create.partition_transforms.size(), 3u);
  EXPECT_EQ(ToSql(*create.partition_transforms[1]), "bucket(16, id)");
  EXPECT_EQ(ToSql(*create.partition_transforms[2]), "truncate(10, s)");
}

TEST(StatementParserTest, ParsesCreateTableAsSelect) {
  ASSERT_OK_AND_ASSIGN(
      StatementPtr statement,
      ParseStatement("CREATE TABLE IF NOT EXISTS db.t WITH (format = 'PARQUET', "
                     "external_location = 's3://b/t/', partitioned_by = ARRAY['dt']) AS "
                     "SELECT * FROM u WITH NO DATA"));
  const auto& create = statement->As<CreateTableAsSelectStatement>();
  EXPECT_TRUE(create.if_not_exists);
  ASSERT_EQ(create.properties.size(), 3u);
  EXPECT_EQ(create.properties[1].name.name, "external_location");
  EXPECT_EQ(create.properties[2].value->kind, ExpressionKind::kArray);
  EXPECT_FALSE(create.with_data);
  EXPECT_EQ(Normalize("CREATE TABLE t (a, b) AS SELECT 1, 2"),
            "CREATE TABLE t (a, b) AS SELECT 1, 2");
}

TEST(StatementParserTest, ParsesSchemaStatements) {
  EXPECT_EQ(Normalize("CREATE SCHEMA s COMMENT 'c' LOCATION 's3://b/' WITH DBPROPERTIES "
                      "('creator'='me')"),
            "CREATE DATABASE s COMMENT 'c' LOCATION 's3://b/' WITH DBPROPERTIES "
            "('creator'='me')");
  EXPECT_EQ(Normalize("DROP SCHEMA IF EXISTS s RESTRICT"), "DROP DATABASE IF EXISTS s");
  EXPECT_EQ(Normalize("DROP DATABASE s CASCADE"), "DROP DATABASE s CASCADE");
  EXPECT_EQ(Normalize("SHOW DATABASES LIKE 'prod%'"), "SHOW SCHEMAS LIKE 'prod%'");
  EXPECT_EQ(Normalize("show schemas"), "SHOW SCHEMAS");
  EXPECT_EQ(Normalize("USE awsdatacatalog.db"), "USE awsdatacatalog.db");
}

TEST(StatementParserTest, ParsesShowAndDescribe) {
  EXPECT_EQ(Normalize("SHOW TABLES"), "SHOW TABLES");
  EXPECT_EQ(Normalize("SHOW TABLES FROM db LIKE 'user%' ESCAPE '\\'"),
            "SHOW TABLES IN db LIKE 'user%' ESCAPE '\\'");
  EXPECT_EQ(Normalize("SHOW TABLES IN db 'user*|tx*'"), "SHOW TABLES IN db 'user*|tx*'");
  EXPECT_EQ(Normalize("SHOW COLUMNS IN t IN db"), "SHOW COLUMNS FROM t FROM db");
  EXPECT_EQ(Normalize("DESC db.t"), "DESCRIBE db.t");
  EXPECT_EQ(Normalize("DESCRIBE FORMATTED t PARTITION (dt='1') col"),
            "DESCRIBE FORMATTED t PARTITION (dt = '1') col");
  EXPECT_EQ(Normalize("SHOW CREATE VIEW v"), "SHOW CREATE VIEW v");
  EXPECT_EQ(Normalize("DESCRIBE INPUT my_select"), "DESCRIBE INPUT my_select");
  EXPECT_EQ(Normalize("DESCRIBE OUTPUT my_select;"), "DESCRIBE OUTPUT my_select");
  EXPECT_EQ(Normalize("DESCRIBE input"), "DESCRIBE input");
  EXPECT_EQ(Normalize("SHOW PARTITIONS db.t"), "SHOW PARTITIONS db.t");
  EXPECT_EQ(Normalize("SHOW TBLPROPERTIES t ('table_type')"), "SHOW TBLPROPERTIES t('table_type')");
  EXPECT_EQ(Normalize("SHOW VIEWS IN db LIKE 'v%'"), "SHOW VIEWS IN db LIKE 'v%'");
  EXPECT_EQ(Normalize("SHOW FUNCTIONS"), "SHOW FUNCTIONS");
}

TEST(StatementParserTest, ParsesViewsAndKeepsTheirText) {
  ASSERT_OK_AND_ASSIGN(StatementPtr statement,
                       ParseStatement("CREATE OR REPLACE VIEW v AS  SELECT a\n FROM t ;"));
  const auto& create = statement->As<CreateViewStatement>();
  EXPECT_TRUE(create.or_replace);
  EXPECT_EQ(create.query_text, "SELECT a\n FROM t");
  EXPECT_EQ(Normalize("DROP VIEW IF EXISTS v"), "DROP VIEW IF EXISTS v");
}

TEST(StatementParserTest, ParsesDml) {
  EXPECT_EQ(Normalize("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')"),
            "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')");
  EXPECT_EQ(Normalize("INSERT INTO t (SELECT * FROM u)"), "INSERT INTO t (SELECT * FROM u)");
  EXPECT_EQ(Normalize("UPDATE t SET a = a + 1, b = NULL WHERE c"),
            "UPDATE t SET a = (a + 1), b = NULL WHERE c");
  EXPECT_EQ(Normalize("DELETE FROM t"), "DELETE FROM t");
  EXPECT_EQ(Normalize("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED AND s.gone THEN DELETE "
                      "WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED AND s.v > 0 THEN "
                      "INSERT VALUES (s.id, s.v)"),
            "MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED AND s.gone THEN DELETE WHEN "
            "MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED AND (s.v > 0) THEN INSERT VALUES "
            "(s.id, s.v)");
}

TEST(StatementParserTest, ParsesAlterTable) {
  ASSERT_OK_AND_ASSIGN(StatementPtr statement,
                       ParseStatement("ALTER TABLE t ADD IF NOT EXISTS PARTITION (dt = "
                                      "'2024-01-01', hour = 3) LOCATION 's3://b/1/' PARTITION "
                                      "(dt = '2024-01-02', hour = 4)"));
  const auto& alter = statement->As<AlterTableStatement>();
  EXPECT_EQ(alter.action, AlterTableAction::kAddPartitions);
  EXPECT_TRUE(alter.if_not_exists);
  ASSERT_EQ(alter.partitions.size(), 2u);
  EXPECT_EQ(alter.partitions[0].values[1].column.name, "hour");
  EXPECT_EQ(alter.partitions[0].location, "s3://b/1/");
  EXPECT_EQ(Normalize("ALTER TABLE t DROP PARTITION (dt='1'), PARTITION (dt='2')"),
            "ALTER TABLE t DROP PARTITION (dt = '1'), PARTITION (dt = '2')");
  EXPECT_EQ(Normalize("ALTER TABLE t SET TBLPROPERTIES ('k'='v')"),
            "ALTER TABLE t SET TBLPROPERTIES ('k'='v')");
  EXPECT_EQ(Normalize("ALTER TABLE t ADD COLUMNS (c int COMMENT 'x')"),
            "ALTER TABLE t ADD COLUMNS (c int COMMENT 'x')");
  EXPECT_EQ(Normalize("ALTER TABLE t REPLACE COLUMNS (c int)"),
            "ALTER TABLE t REPLACE COLUMNS (c int)");
  EXPECT_EQ(Normalize("ALTER TABLE t DROP COLUMN c"), "ALTER TABLE t DROP COLUMN c");
  EXPECT_EQ(Normalize("ALTER TABLE t CHANGE c d bigint"), "ALTER TABLE t CHANGE COLUMN c d bigint");
  EXPECT_EQ(Normalize("ALTER TABLE t RENAME COLUMN c TO d"), "ALTER TABLE t RENAME COLUMN c TO d");
  EXPECT_EQ(Normalize("ALTER TABLE t RENAME TO db.u"), "ALTER TABLE t RENAME TO db.u");
  EXPECT_EQ(Normalize("ALTER TABLE t SET LOCATION 's3://b/'"),
            "ALTER TABLE t SET LOCATION 's3://b/'");
  EXPECT_EQ(Normalize("MSCK REPAIR TABLE db.t"), "MSCK REPAIR TABLE db.t");
}

TEST(StatementParserTest, ParsesIcebergMaintenance) {
  EXPECT_EQ(Normalize("OPTIMIZE t REWRITE DATA USING BIN_PACK WHERE dt > DATE '2024-01-01'"),
            "OPTIMIZE t REWRITE DATA USING BIN_PACK WHERE (dt > DATE '2024-01-01')");
  EXPECT_EQ(Normalize("VACUUM db.t"), "VACUUM db.t");
}

TEST(StatementParserTest, ParsesPreparedStatementsAndExplain) {
  ASSERT_OK_AND_ASSIGN(StatementPtr statement,
                       ParseStatement("PREPARE q FROM SELECT * FROM t WHERE a = ? AND b > ?"));
  EXPECT_EQ(statement->As<PrepareStatement>().statement->kind, StatementKind::kQuery);
  EXPECT_EQ(Normalize("EXECUTE q USING 1, 'x'"), "EXECUTE q USING 1, 'x'");
  EXPECT_EQ(Normalize("DEALLOCATE PREPARE q"), "DEALLOCATE PREPARE q");
  EXPECT_EQ(Normalize("EXPLAIN ANALYZE SELECT 1"), "EXPLAIN ANALYZE SELECT 1");
  EXPECT_EQ(Normalize("EXPLAIN (type distributed, format json) SELECT 1"),
            "EXPLAIN (TYPE DISTRIBUTED, FORMAT JSON) SELECT 1");
  EXPECT_EQ(Normalize("EXPLAIN (SELECT 1)"), "EXPLAIN (SELECT 1)");
  EXPECT_EQ(Normalize("UNLOAD (SELECT * FROM t) TO 's3://b/out/' WITH (format = 'PARQUET')"),
            "UNLOAD (SELECT * FROM t) TO 's3://b/out/' WITH (format = 'PARQUET')");
}

}  // namespace
}  // namespace stratus::sql::parser
