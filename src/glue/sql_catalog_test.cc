#include "glue/sql_catalog.h"

#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "glue/engine.h"
#include "io/posix_file_system.h"
#include "sql/types/sql_error.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::glue {
namespace {

namespace catalog = sql::catalog;

class SqlCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(
        engine_,
        Engine::Open(EngineOptions{.data_dir = dir_.path(), .fsync = false}, files_, clock_));
    catalog_ = std::make_unique<SqlCatalog>(*engine_, "123456789012");
  }

  void TearDown() override { engine_->Stop(); }

  catalog::TableDescriptor CsvTable() {
    catalog::TableDescriptor table;
    table.database = "db";
    table.name = "Users";
    table.columns = {{.name = "id", .type = sql::LogicalType::Bigint(), .hive_type = "bigint"},
                     {.name = "tags",
                      .type = sql::LogicalType::Array(sql::LogicalType::Varchar()),
                      .hive_type = "array<string>"}};
    table.partition_keys = {
        {.name = "dt", .type = sql::LogicalType::Varchar(), .hive_type = "string"}};
    table.location = "s3://bucket/users/";
    table.input_format = "org.apache.hadoop.mapred.TextInputFormat";
    table.serde_library = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    table.serde_properties = {{"field.delim", ","}};
    table.table_properties = {{"EXTERNAL", "TRUE"}};
    return table;
  }

  storage::TempDir dir_;
  io::PosixFileSystem files_;
  FakeClock clock_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<SqlCatalog> catalog_;
};

TEST_F(SqlCatalogTest, CreatesListsAndDropsDatabases) {
  ASSERT_OK(catalog_->CreateDatabase({.name = "Db", .description = "d"}, false));
  ASSERT_OK(catalog_->CreateDatabase({.name = "db"}, true));
  EXPECT_EQ(sql::SqlErrorName(catalog_->CreateDatabase({.name = "db"}, false)),
            sql::kSchemaAlreadyExists);
  ASSERT_OK_AND_ASSIGN(auto database, catalog_->GetDatabase("db"));
  ASSERT_TRUE(database.has_value());
  EXPECT_EQ(database->description, "d");
  ASSERT_OK(catalog_->DropDatabase("db", false, false));
  ASSERT_OK_AND_ASSIGN(database, catalog_->GetDatabase("db"));
  EXPECT_FALSE(database.has_value());
  EXPECT_EQ(sql::SqlErrorName(catalog_->DropDatabase("db", false, false)), sql::kSchemaNotFound);
  ASSERT_OK(catalog_->DropDatabase("db", true, false));
}

TEST_F(SqlCatalogTest, TablesRoundTripWithParsedHiveTypes) {
  ASSERT_OK(catalog_->CreateDatabase({.name = "db"}, false));
  ASSERT_OK(catalog_->CreateTable(CsvTable(), false));
  EXPECT_EQ(sql::SqlErrorName(catalog_->CreateTable(CsvTable(), false)), sql::kTableAlreadyExists);
  ASSERT_OK_AND_ASSIGN(auto names, catalog_->ListTables("db"));
  EXPECT_THAT(names, ::testing::ElementsAre("users"));
  ASSERT_OK_AND_ASSIGN(auto table, catalog_->GetTable("db", "users"));
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->kind, catalog::TableKind::kExternal);
  ASSERT_EQ(table->columns.size(), 2u);
  EXPECT_EQ(table->columns[1].type, sql::LogicalType::Array(sql::LogicalType::Varchar()));
  EXPECT_EQ(table->columns[1].hive_type, "array<string>");
  EXPECT_EQ(table->serde_properties.at("field.delim"), ",");
  EXPECT_EQ(table->partition_keys[0].name, "dt");
  ASSERT_OK_AND_ASSIGN(auto stored, engine_->GetTable({"123456789012", "db", "users"}));
  EXPECT_EQ(stored.definition.table_type, "EXTERNAL_TABLE");
  EXPECT_EQ(stored.definition.storage->serde_info->serialization_library,
            "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
  EXPECT_EQ(sql::SqlErrorName(catalog_->DropDatabase("db", false, false)), sql::kSchemaNotEmpty);
  ASSERT_OK(catalog_->DropTable("db", "users", false));
  EXPECT_EQ(catalog_->DropTable("db", "users", false).message(),
            "Table 'awsdatacatalog.db.users' does not exist");
  ASSERT_OK(catalog_->DropTable("db", "users", true));
}

TEST_F(SqlCatalogTest, MissingDatabaseIsSchemaNotFound) {
  auto table = catalog_->GetTable("nope", "t");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(sql::SqlErrorName(table.status()), sql::kSchemaNotFound);
  EXPECT_EQ(table.status().message(), "Schema 'nope' does not exist");
}

TEST_F(SqlCatalogTest, ViewsAreStoredInAthenasEncoding) {
  ASSERT_OK(catalog_->CreateDatabase({.name = "db"}, false));
  catalog::TableDescriptor view;
  view.database = "db";
  view.name = "v";
  view.kind = catalog::TableKind::kView;
  view.view_sql = "SELECT 1 AS x";
  view.columns = {{.name = "x", .type = sql::LogicalType::Integer()}};
  ASSERT_OK(catalog_->CreateTable(view, false));
  ASSERT_OK_AND_ASSIGN(auto stored, engine_->GetTable({"123456789012", "db", "v"}));
  EXPECT_EQ(stored.definition.table_type, "VIRTUAL_VIEW");
  EXPECT_THAT(stored.definition.view_original_text, ::testing::StartsWith("/* Presto View: "));
  ASSERT_OK_AND_ASSIGN(auto read, catalog_->GetTable("db", "v"));
  EXPECT_EQ(read->kind, catalog::TableKind::kView);
  EXPECT_EQ(read->view_sql, "SELECT 1 AS x");
  ASSERT_EQ(read->columns.size(), 1u);
  EXPECT_EQ(read->columns[0].type, sql::LogicalType::Integer());
}

TEST_F(SqlCatalogTest, PartitionsAreAddedListedAndDropped) {
  ASSERT_OK(catalog_->CreateDatabase({.name = "db"}, false));
  ASSERT_OK(catalog_->CreateTable(CsvTable(), false));
  ASSERT_OK(catalog_->AddPartitions(
      "db", "users", {{.values = {"2024-01-01"}, .location = "s3://bucket/users/dt=2024-01-01/"}},
      false));
  EXPECT_FALSE(catalog_->AddPartitions("db", "users", {{.values = {"2024-01-01"}}}, false).ok());
  ASSERT_OK(catalog_->AddPartitions("db", "users", {{.values = {"2024-01-01"}}}, true));
  ASSERT_OK_AND_ASSIGN(auto partitions, catalog_->ListPartitions("db", "users"));
  ASSERT_EQ(partitions.size(), 1u);
  EXPECT_EQ(partitions[0].location, "s3://bucket/users/dt=2024-01-01/");
  ASSERT_OK(catalog_->DropPartitions("db", "users", {{"2024-01-01"}}, false));
  EXPECT_FALSE(catalog_->DropPartitions("db", "users", {{"2024-01-01"}}, false).ok());
  ASSERT_OK(catalog_->DropPartitions("db", "users", {{"2024-01-01"}}, true));
}

}  // namespace
}  // namespace stratus::glue
