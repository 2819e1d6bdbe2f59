#include "sql/catalog/memory_catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/types/sql_error.h"
#include "testing/status_matchers.h"

namespace stratus::sql::catalog {
namespace {

TableDescriptor MakeTable(std::string database, std::string name) {
  TableDescriptor table;
  table.database = std::move(database);
  table.name = std::move(name);
  table.columns.push_back({.name = "a", .type = LogicalType::Integer(), .hive_type = "int"});
  table.partition_keys.push_back(
      {.name = "dt", .type = LogicalType::Varchar(), .hive_type = "string"});
  return table;
}

TEST(MemoryCatalogTest, StartsWithTheDefaultDatabase) {
  MemoryCatalog catalog;
  ASSERT_OK_AND_ASSIGN(auto database, catalog.GetDatabase("default"));
  ASSERT_TRUE(database.has_value());
  EXPECT_EQ(database->name, "default");
}

TEST(MemoryCatalogTest, CreatesDatabasesWithLowercaseNamesAndHonoursIfNotExists) {
  MemoryCatalog catalog;
  ASSERT_OK(catalog.CreateDatabase({.name = "MyDb"}, false));
  ASSERT_OK(catalog.CreateDatabase({.name = "mydb"}, true));
  Status again = catalog.CreateDatabase({.name = "mydb"}, false);
  EXPECT_EQ(SqlErrorName(again), kSchemaAlreadyExists);
  ASSERT_OK_AND_ASSIGN(auto databases, catalog.ListDatabases());
  ASSERT_EQ(databases.size(), 2u);
  EXPECT_EQ(databases[1].name, "mydb");
}

TEST(MemoryCatalogTest, MissingDatabaseIsSchemaNotFound) {
  MemoryCatalog catalog;
  auto tables = catalog.ListTables("nope");
  ASSERT_FALSE(tables.ok());
  EXPECT_EQ(SqlErrorName(tables.status()), kSchemaNotFound);
  EXPECT_EQ(tables.status().message(), "Schema 'nope' does not exist");
}

TEST(MemoryCatalogTest, DropDatabaseWithTablesNeedsCascade) {
  MemoryCatalog catalog;
  ASSERT_OK(catalog.CreateDatabase({.name = "db"}, false));
  ASSERT_OK(catalog.CreateTable(MakeTable("db", "t"), false));
  EXPECT_EQ(SqlErrorName(catalog.DropDatabase("db", false, false)), kSchemaNotEmpty);
  ASSERT_OK(catalog.DropDatabase("db", false, true));
  ASSERT_OK(catalog.DropDatabase("db", true, false));
}

TEST(MemoryCatalogTest, TablesRoundTripAndUpdatesCheckTheVersion) {
  MemoryCatalog catalog;
  ASSERT_OK(catalog.CreateTable(MakeTable("default", "T1"), false));
  EXPECT_EQ(SqlErrorName(catalog.CreateTable(MakeTable("default", "t1"), false)),
            kTableAlreadyExists);
  ASSERT_OK_AND_ASSIGN(auto names, catalog.ListTables("default"));
  EXPECT_THAT(names, ::testing::ElementsAre("t1"));
  ASSERT_OK_AND_ASSIGN(auto table, catalog.GetTable("default", "t1"));
  ASSERT_TRUE(table.has_value());
  table->comment = "changed";
  ASSERT_OK(catalog.UpdateTable(*table));
  EXPECT_FALSE(catalog.UpdateTable(*table).ok());
  ASSERT_OK_AND_ASSIGN(auto updated, catalog.GetTable("default", "t1"));
  EXPECT_EQ(updated->comment, "changed");
  EXPECT_EQ(updated->version, 1);
  ASSERT_OK_AND_ASSIGN(auto missing, catalog.GetTable("default", "t2"));
  EXPECT_FALSE(missing.has_value());
  EXPECT_EQ(catalog.DropTable("default", "t2", false).message(),
            "Table 'awsdatacatalog.default.t2' does not exist");
}

TEST(MemoryCatalogTest, PartitionsAreAddedOnceAndDropped) {
  MemoryCatalog catalog;
  ASSERT_OK(catalog.CreateTable(MakeTable("default", "t"), false));
  ASSERT_OK(catalog.AddPartitions("default", "t", {{.values = {"2024"}, .location = "file:///x/"}},
                                  false));
  EXPECT_FALSE(catalog.AddPartitions("default", "t", {{.values = {"2024"}}}, false).ok());
  ASSERT_OK(catalog.AddPartitions("default", "t", {{.values = {"2024"}}}, true));
  ASSERT_OK_AND_ASSIGN(auto partitions, catalog.ListPartitions("default", "t"));
  ASSERT_EQ(partitions.size(), 1u);
  EXPECT_EQ(partitions[0].location, "file:///x/");
  ASSERT_OK(catalog.DropPartitions("default", "t", {{"2024"}}, false));
  ASSERT_OK_AND_ASSIGN(partitions, catalog.ListPartitions("default", "t"));
  EXPECT_TRUE(partitions.empty());
}

}  // namespace
}  // namespace stratus::sql::catalog
