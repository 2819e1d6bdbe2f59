#include "glue/engine.h"

#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "io/file_system.h"
#include "io/posix_file_system.h"
#include "storage/database.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::glue {
namespace {

using ::testing::ElementsAre;

constexpr std::string_view kCatalog = "000000000000";

// Waits for an engine callback and returns its result.
template <typename T>
Result<T> Wait(const std::function<void(Done<T>)>& start) {
  auto promise = std::make_shared<std::promise<Result<T>>>();
  std::future<Result<T>> future = promise->get_future();
  start([promise](Result<T> result) { promise->set_value(std::move(result)); });
  return future.get();
}

DatabaseRef Db(std::string name) {
  return DatabaseRef{.catalog_id = std::string(kCatalog), .name = std::move(name)};
}

TableRef Tbl(std::string database, std::string name) {
  return TableRef{.catalog_id = std::string(kCatalog),
                  .database = std::move(database),
                  .name = std::move(name)};
}

TableDefinition CsvTable(std::string name, std::vector<Column> partition_keys = {}) {
  return TableDefinition{
      .name = std::move(name),
      .storage = StorageDescriptor{.columns = {Column{.name = "id", .type = "bigint"}},
                                   .location = "s3://lake/t/",
                                   .serde_info = SerDeInfo{.serialization_library =
                                                               "org.apache.hadoop.hive.serde2."
                                                               "lazy.LazySimpleSerDe"}},
      .partition_keys = std::move(partition_keys),
      .table_type = "EXTERNAL_TABLE"};
}

std::vector<std::string> NamesOf(const std::vector<Table>& tables) {
  std::vector<std::string> names;
  for (const Table& table : tables) {
    names.push_back(table.definition.name);
  }
  return names;
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void TearDown() override { Close(); }

  void Open() {
    ASSERT_OK_AND_ASSIGN(
        engine_,
        Engine::Open(EngineOptions{.data_dir = dir_.path(), .fsync = false}, files_, clock_));
  }

  void Close() {
    if (engine_ != nullptr) {
      engine_->Stop();
      engine_.reset();
    }
  }

  void Reopen() {
    Close();
    Open();
  }

  Result<Database> CreateDatabase(std::string name) {
    return Wait<Database>([&](Done<Database> done) {
      engine_->CreateDatabase(std::string(kCatalog), DatabaseDefinition{.name = name},
                              std::move(done));
    });
  }

  Result<Table> CreateTable(std::string database, TableDefinition definition) {
    return Wait<Table>([&](Done<Table> done) {
      engine_->CreateTable(Db(database), std::move(definition), std::move(done));
    });
  }

  Result<Table> Update(UpdateTableRequest request) {
    return Wait<Table>(
        [&](Done<Table> done) { engine_->UpdateTable(std::move(request), std::move(done)); });
  }

  Result<std::vector<Status>> CreatePartitions(const TableRef& table,
                                               std::vector<PartitionDefinition> definitions) {
    return Wait<std::vector<Status>>([&](Done<std::vector<Status>> done) {
      engine_->CreatePartitions(table, std::move(definitions), std::move(done));
    });
  }

  storage::TempDir dir_;
  io::PosixFileSystem files_;
  FakeClock clock_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(EngineTest, DatabaseNamesAreStoredLowercaseAndFoundInAnyCase) {
  ASSERT_OK_AND_ASSIGN(Database created, CreateDatabase("MyLake"));
  EXPECT_EQ(created.definition.name, "mylake");
  EXPECT_EQ(created.catalog_id, kCatalog);
  ASSERT_OK_AND_ASSIGN(Database found, engine_->GetDatabase(Db("MYLAKE")));
  EXPECT_EQ(found.definition.name, "mylake");
  EXPECT_EQ(found.created_millis, clock_.NowMillis());

  Status again = CreateDatabase("mylake").status();
  EXPECT_STATUS(StatusCode::kAlreadyExists, again);
  EXPECT_EQ(again.aws_type(), "AlreadyExistsException");
  EXPECT_EQ(again.message(), "Database already exists.");

  Status missing = engine_->GetDatabase(Db("Nope")).status();
  EXPECT_EQ(missing.aws_type(), "EntityNotFoundException");
  EXPECT_EQ(missing.message(), "Database nope not found.");
}

TEST_F(EngineTest, CatalogsAreSeparate) {
  ASSERT_OK(CreateDatabase("lake").status());
  EXPECT_STATUS(StatusCode::kNotFound,
                engine_->GetDatabase(DatabaseRef{.catalog_id = "111", .name = "lake"}).status());
}

TEST_F(EngineTest, ListDatabasesPagesByName) {
  for (std::string name : {"c", "a", "e", "b", "d"}) {
    ASSERT_OK(CreateDatabase(name).status());
  }
  std::vector<std::string> seen;
  PageRequest page{.max_results = 2};
  int num_pages = 0;
  do {
    ASSERT_OK_AND_ASSIGN(DatabasePage result, engine_->ListDatabases(kCatalog, page));
    for (const Database& database : result.databases) {
      seen.push_back(database.definition.name);
    }
    page.token = result.next_token;
    ++num_pages;
  } while (!page.token.empty());
  EXPECT_THAT(seen, ElementsAre("a", "b", "c", "d", "e"));
  EXPECT_EQ(num_pages, 3);
}

TEST_F(EngineTest, UpdateDatabaseReplacesItsDefinitionButNotItsName) {
  ASSERT_OK(CreateDatabase("lake").status());
  ASSERT_OK(
      Wait<Database>([&](Done<Database> done) {
        engine_->UpdateDatabase(
            Db("lake"),
            DatabaseDefinition{.name = "other", .description = "d", .parameters = {{"k", "v"}}},
            std::move(done));
      }).status());
  ASSERT_OK_AND_ASSIGN(Database found, engine_->GetDatabase(Db("lake")));
  EXPECT_EQ(found.definition.description, "d");
  EXPECT_EQ(found.definition.parameters.at("k"), "v");
  EXPECT_EQ(found.definition.name, "lake");
}

TEST_F(EngineTest, DeleteDatabaseTakesItsTablesAndPartitionsAlong) {
  ASSERT_OK(CreateDatabase("lake").status());
  ASSERT_OK(CreateTable("lake", CsvTable("t", {Column{.name = "dt", .type = "string"}})).status());
  ASSERT_OK(CreatePartitions(Tbl("lake", "t"), {PartitionDefinition{.values = {"x"}}}).status());
  ASSERT_OK(Wait<bool>([&](Done<bool> done) {
              engine_->DeleteDatabase(Db("lake"), std::move(done));
            }).status());
  EXPECT_STATUS(StatusCode::kNotFound, engine_->GetDatabase(Db("lake")).status());
  ASSERT_OK(CreateDatabase("lake").status());
  EXPECT_STATUS(StatusCode::kNotFound, engine_->GetTable(Tbl("lake", "t")).status());
  int64_t num_rows = -1;
  ASSERT_OK(engine_->database().Read([&](storage::Transaction& transaction) {
    return transaction.Query(
        "SELECT (SELECT count(*) FROM partitions) + (SELECT count(*) FROM table_versions)", {},
        [&](const storage::Row& row) {
          num_rows = row.GetInt(0);
          return Status::Ok();
        });
  }));
  EXPECT_EQ(num_rows, 0);
}

TEST_F(EngineTest, TablesNeedTheirDatabaseAndHaveGlueMessages) {
  Status no_database = CreateTable("nope", CsvTable("t")).status();
  EXPECT_EQ(no_database.message(), "Database nope not found.");
  ASSERT_OK(CreateDatabase("lake").status());
  ASSERT_OK_AND_ASSIGN(Table created, CreateTable("lake", CsvTable("Users")));
  EXPECT_EQ(created.definition.name, "users");
  EXPECT_EQ(created.version, 0);
  EXPECT_EQ(CreateTable("lake", CsvTable("USERS")).status().message(), "Table already exists.");
  EXPECT_EQ(engine_->GetTable(Tbl("lake", "orders")).status().message(), "Table orders not found.");
  EXPECT_EQ(engine_->GetTable(Tbl("other", "users")).status().message(),
            "Database other not found.");
  ASSERT_OK_AND_ASSIGN(Table found, engine_->GetTable(Tbl("LAKE", "Users")));
  EXPECT_EQ(found.definition, created.definition);
  EXPECT_EQ(found.database_name, "lake");
}

TEST_F(EngineTest, ListTablesFiltersByPatternAndPages) {
  ASSERT_OK(CreateDatabase("lake").status());
  for (std::string name : {"sales_2023", "sales_2024", "users", "sales_eu", "orders"}) {
    ASSERT_OK(CreateTable("lake", CsvTable(name)).status());
  }
  ASSERT_OK_AND_ASSIGN(TablePage all, engine_->ListTables(Db("lake"), "", PageRequest{}));
  EXPECT_THAT(NamesOf(all.tables),
              ElementsAre("orders", "sales_2023", "sales_2024", "sales_eu", "users"));
  ASSERT_OK_AND_ASSIGN(TablePage first, engine_->ListTables(Db("lake"), "sales*|users",
                                                            PageRequest{.max_results = 2}));
  EXPECT_THAT(NamesOf(first.tables), ElementsAre("sales_2023", "sales_2024"));
  ASSERT_FALSE(first.next_token.empty());
  ASSERT_OK_AND_ASSIGN(TablePage second, engine_->ListTables(Db("lake"), "sales*|users",
                                                             PageRequest{.token = first.next_token,
                                                                         .max_results = 2}));
  EXPECT_THAT(NamesOf(second.tables), ElementsAre("sales_eu", "users"));
  EXPECT_TRUE(second.next_token.empty());
}

TEST_F(EngineTest, UpdateTableKeepsVersionsUnlessSkipArchive) {
  ASSERT_OK(CreateDatabase("lake").status());
  ASSERT_OK(CreateTable("lake", CsvTable("t")).status());
  clock_.Advance(std::chrono::seconds(5));
  TableDefinition second = CsvTable("t");
  second.description = "second";
  ASSERT_OK_AND_ASSIGN(Table updated,
                       Update(UpdateTableRequest{.table = Tbl("lake", "t"), .definition = second}));
  EXPECT_EQ(updated.version, 1);
  EXPECT_EQ(updated.updated_millis, clock_.NowMillis());
  EXPECT_LT(updated.created_millis, updated.updated_millis);

  TableDefinition third = CsvTable("t");
  third.description = "third";
  ASSERT_OK(Update(UpdateTableRequest{
                       .table = Tbl("lake", "t"), .definition = third, .skip_archive = true})
                .status());
  ASSERT_OK_AND_ASSIGN(TableVersionPage versions,
                       engine_->ListTableVersions(Tbl("lake", "t"), PageRequest{}));
  std::vector<int64_t> numbers;
  for (const Table& version : versions.versions) {
    numbers.push_back(version.version);
  }
  EXPECT_THAT(numbers, ElementsAre(2, 0));  // Version 1 was not archived.
  ASSERT_OK_AND_ASSIGN(Table first, engine_->GetTableVersion(Tbl("lake", "t"), 0));
  EXPECT_EQ(first.definition.description, "");
  ASSERT_OK_AND_ASSIGN(Table current, engine_->GetTableVersion(Tbl("lake", "t"), std::nullopt));
  EXPECT_EQ(current.definition.description, "third");
  EXPECT_STATUS(StatusCode::kNotFound, engine_->GetTableVersion(Tbl("lake", "t"), 1).status());

  ASSERT_OK_AND_ASSIGN(std::vector<Status> deleted,
                       Wait<std::vector<Status>>([&](Done<std::vector<Status>> done) {
                         engine_->DeleteTableVersions(Tbl("lake", "t"), {0, 2, 7}, std::move(done));
                       }));
  ASSERT_EQ(deleted.size(), 3u);
  EXPECT_OK(deleted[0]);
  EXPECT_EQ(deleted[1].aws_type(), "InvalidInputException");  // The current version.
  EXPECT_EQ(deleted[2].aws_type(), "EntityNotFoundException");
}

TEST_F(EngineTest, ListTableVersionsPagesNewestFirst) {
  ASSERT_OK(CreateDatabase("lake").status());
  ASSERT_OK(CreateTable("lake", CsvTable("t")).status());
  for (int i = 0; i < 4; ++i) {
    ASSERT_OK(Update(UpdateTableRequest{.table = Tbl("lake", "t"), .definition = CsvTable("t")})
                  .status());
  }
  std::vector<int64_t> numbers;
  PageRequest page{.max_results = 2};
  do {
    ASSERT_OK_AND_ASSIGN(TableVersionPage result,
                         engine_->ListTableVersions(Tbl("lake", "t"), page));
    for (const Table& version : result.versions) {
      numbers.push_back(version.version);
    }
    page.token = result.next_token;
  } while (!page.token.empty());
  EXPECT_THAT(numbers, ElementsAre(4, 3, 2, 1, 0));
}

TEST_F(EngineTest, UpdateTableIsACompareAndSwapOnVersionOrParameter) {
  ASSERT_OK(CreateDatabase("lake").status());
  TableDefinition iceberg = CsvTable("t");
  iceberg.parameters = {{"table_type", "ICEBERG"}, {"metadata_location", "s3://m/0.json"}};
  ASSERT_OK(CreateTable("lake", iceberg).status());

  TableDefinition next = iceberg;
  next.parameters["metadata_location"] = "s3://m/1.json";
  Status stale_version =
      Update(
          UpdateTableRequest{.table = Tbl("lake", "t"), .definition = next, .expected_version = 3})
          .status();
  EXPECT_STATUS(StatusCode::kFailedPrecondition, stale_version);
  EXPECT_EQ(stale_version.aws_type(), "ConcurrentModificationException");
  EXPECT_EQ(stale_version.message(), "Update table failed due to concurrent modifications.");

  Status stale_pointer =
      Update(UpdateTableRequest{.table = Tbl("lake", "t"),
                                .definition = next,
                                .expected_parameter = std::pair<std::string, std::string>(
                                    "metadata_location", "s3://m/9.json")})
          .status();
  EXPECT_EQ(stale_pointer.aws_type(), "ConcurrentModificationException");

  ASSERT_OK(Update(UpdateTableRequest{.table = Tbl("lake", "t"),
                                      .definition = next,
                                      .expected_version = 0,
                                      .expected_parameter = std::pair<std::string, std::string>(
                                          "metadata_location", "s3://m/0.json")})
                .status());
  ASSERT_OK_AND_ASSIGN(Table table, engine_->GetTable(Tbl("lake", "t")));
  EXPECT_EQ(table.definition.parameters.at("metadata_location"), "s3://m/1.json");
  EXPECT_EQ(table.version, 1);
}

TEST_F(EngineTest, ConcurrentCompareAndSwapsLetExactlyOneWriterWin) {
  ASSERT_OK(CreateDatabase("lake").status());
  ASSERT_OK(CreateTable("lake", CsvTable("t")).status());
  constexpr int kWriters = 8;
  std::vector<std::future<Result<Table>>> results;
  for (int i = 0; i < kWriters; ++i) {
    results.push_back(std::async(std::launch::async, [this, i] {
      TableDefinition definition = CsvTable("t");
      definition.parameters["writer"] = std::to_string(i);
      return Update(UpdateTableRequest{
          .table = Tbl("lake", "t"), .definition = definition, .expected_version = 0});
    }));
  }
  int num_won = 0;
  for (auto& result : results) {
    Result<Table> outcome = result.get();
    if (outcome.ok()) {
      ++num_won;
    } else {
      EXPECT_EQ(outcome.status().aws_type(), "ConcurrentModificationException");
    }
  }
  EXPECT_EQ(num_won, 1);
}

TEST_F(EngineTest, BatchDeleteTableReportsEachMissingName) {
  ASSERT_OK(CreateDatabase("lake").status());
  ASSERT_OK(CreateTable("lake", CsvTable("a")).status());
  ASSERT_OK_AND_ASSIGN(std::vector<Status> statuses,
                       Wait<std::vector<Status>>([&](Done<std::vector<Status>> done) {
                         engine_->DeleteTables(Db("lake"), {"A", "b"}, std::move(done));
                       }));
  ASSERT_EQ(statuses.size(), 2u);
  EXPECT_OK(statuses[0]);
  EXPECT_EQ(statuses[1].message(), "Table b not found.");
  EXPECT_STATUS(StatusCode::kNotFound, engine_->GetTable(Tbl("lake", "a")).status());
}

class PartitionedEngineTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    ASSERT_OK(CreateDatabase("lake").status());
    ASSERT_OK(CreateTable("lake", CsvTable("events", {Column{.name = "year", .type = "int"},
                                                      Column{.name = "region", .type = "string"}}))
                  .status());
  }

  static PartitionDefinition Part(std::string year, std::string region) {
    return PartitionDefinition{
        .values = {year, region},
        .storage = StorageDescriptor{.location = "s3://lake/events/" + year + "/" + region + "/"},
        .parameters = {{"numRows", "1"}}};
  }

  Result<PartitionPage> List(std::string expression, PageRequest page = {}, Segment segment = {}) {
    return engine_->ListPartitions(
        table_,
        PartitionQuery{.expression = std::move(expression), .segment = segment, .page = page});
  }

  static std::vector<std::string> Keys(const PartitionPage& page) {
    std::vector<std::string> keys;
    for (const Partition& partition : page.partitions) {
      keys.push_back(partition.definition.values[0] + "/" + partition.definition.values[1]);
    }
    return keys;
  }

  TableRef table_ = Tbl("lake", "events");
};

TEST_F(PartitionedEngineTest, BatchCreateReportsEachFailure) {
  ASSERT_OK_AND_ASSIGN(
      std::vector<Status> statuses,
      CreatePartitions(table_, {Part("2024", "eu"), Part("2024", "eu"),
                                PartitionDefinition{.values = {"only-one"}}, Part("9", "us")}));
  ASSERT_EQ(statuses.size(), 4u);
  EXPECT_OK(statuses[0]);
  EXPECT_EQ(statuses[1].aws_type(), "AlreadyExistsException");
  EXPECT_EQ(statuses[1].message(), "Partition already exists.");
  EXPECT_EQ(statuses[2].aws_type(), "InvalidInputException");
  EXPECT_OK(statuses[3]);

  ASSERT_OK_AND_ASSIGN(Partition found, engine_->GetPartition(table_, {"2024", "eu"}));
  EXPECT_EQ(found.definition.storage->location, "s3://lake/events/2024/eu/");
  EXPECT_EQ(found.table_name, "events");
  EXPECT_EQ(engine_->GetPartition(table_, {"2025", "eu"}).status().message(),
            "Cannot find partition.");
  ASSERT_OK_AND_ASSIGN(std::vector<Partition> batch,
                       engine_->GetPartitions(table_, {{"9", "us"}, {"1", "x"}, {"2024", "eu"}}));
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0].definition.values[0], "9");
}

TEST_F(PartitionedEngineTest, ListPartitionsFiltersWithTypedComparisons) {
  ASSERT_OK(CreatePartitions(
                table_, {Part("9", "eu"), Part("10", "us"), Part("2024", "eu"), Part("2024", "ap")})
                .status());
  ASSERT_OK_AND_ASSIGN(PartitionPage newer, List("year > 9"));
  EXPECT_THAT(Keys(newer), ElementsAre("10/us", "2024/eu", "2024/ap"));
  ASSERT_OK_AND_ASSIGN(PartitionPage eu, List("region = 'eu' AND year BETWEEN 1 AND 100"));
  EXPECT_THAT(Keys(eu), ElementsAre("9/eu"));
  ASSERT_OK_AND_ASSIGN(PartitionPage all, List("  "));
  EXPECT_EQ(all.partitions.size(), 4u);
  ASSERT_OK_AND_ASSIGN(
      PartitionPage pruned,
      engine_->ListPartitions(
          table_, PartitionQuery{.expression = "year > 9",
                                 .predicate = [](const std::vector<std::string>& values) {
                                   return values[1] == "eu";
                                 }}));
  EXPECT_THAT(Keys(pruned), ElementsAre("2024/eu"));
  Status bad = List("colour = 'red'").status();
  EXPECT_EQ(bad.aws_type(), "InvalidInputException");
}

TEST_F(PartitionedEngineTest, ListPartitionsPagesAndSegmentsCoverEveryPartitionOnce) {
  std::vector<PartitionDefinition> definitions;
  for (int i = 0; i < 25; ++i) {
    definitions.push_back(Part(std::to_string(i), "eu"));
  }
  ASSERT_OK(CreatePartitions(table_, definitions).status());
  std::vector<std::string> paged;
  PageRequest page{.max_results = 7};
  do {
    ASSERT_OK_AND_ASSIGN(PartitionPage result, List("year >= 5", page));
    for (const std::string& key : Keys(result)) {
      paged.push_back(key);
    }
    page.token = result.next_token;
  } while (!page.token.empty());
  EXPECT_EQ(paged.size(), 20u);

  size_t num_segmented = 0;
  for (int segment = 0; segment < 3; ++segment) {
    ASSERT_OK_AND_ASSIGN(PartitionPage result,
                         List("", PageRequest{.max_results = 1000},
                              Segment{.segment_number = segment, .total_segments = 3}));
    num_segmented += result.partitions.size();
  }
  EXPECT_EQ(num_segmented, 25u);
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                List("", {}, Segment{.segment_number = 3, .total_segments = 3}).status());
}

TEST_F(PartitionedEngineTest, UpdatePartitionMayMoveItAndDeleteReportsMissingOnes) {
  ASSERT_OK(CreatePartitions(table_, {Part("1", "eu"), Part("2", "eu")}).status());
  ASSERT_OK(Wait<Partition>([&](Done<Partition> done) {
              engine_->UpdatePartition(table_, {"1", "eu"}, Part("3", "eu"), std::move(done));
            }).status());
  EXPECT_STATUS(StatusCode::kNotFound, engine_->GetPartition(table_, {"1", "eu"}).status());
  ASSERT_OK(engine_->GetPartition(table_, {"3", "eu"}).status());
  Status clash = Wait<Partition>([&](Done<Partition> done) {
                   engine_->UpdatePartition(table_, {"3", "eu"}, Part("2", "eu"), std::move(done));
                 }).status();
  EXPECT_EQ(clash.aws_type(), "AlreadyExistsException");

  ASSERT_OK_AND_ASSIGN(
      std::vector<Status> deleted, Wait<std::vector<Status>>([&](Done<std::vector<Status>> done) {
        engine_->DeletePartitions(table_, {{"2", "eu"}, {"7", "eu"}}, std::move(done));
      }));
  EXPECT_OK(deleted[0]);
  EXPECT_EQ(deleted[1].message(), "Cannot find partition.");
}

TEST_F(PartitionedEngineTest, EverythingAcknowledgedSurvivesReopen) {
  ASSERT_OK(CreatePartitions(table_, {Part("2024", "eu")}).status());
  TableDefinition updated = CsvTable("events", {Column{.name = "year", .type = "int"},
                                                Column{.name = "region", .type = "string"}});
  updated.parameters = {{"metadata_location", "s3://m/1.json"}};
  ASSERT_OK(Update(UpdateTableRequest{.table = table_, .definition = updated}).status());
  Reopen();
  ASSERT_OK_AND_ASSIGN(Table table, engine_->GetTable(table_));
  EXPECT_EQ(table.version, 1);
  EXPECT_EQ(table.definition, updated);
  ASSERT_OK_AND_ASSIGN(Partition partition, engine_->GetPartition(table_, {"2024", "eu"}));
  EXPECT_EQ(partition.definition, Part("2024", "eu"));
  ASSERT_OK_AND_ASSIGN(TableVersionPage versions,
                       engine_->ListTableVersions(table_, PageRequest{}));
  EXPECT_EQ(versions.versions.size(), 2u);
}

// Loads src/glue/testdata/glue_v1.sql, written by version 1 of the engine,
// and reads every kind of row back (docs/formats/glue.md).
TEST(EngineFormatTest, ReadsTheCheckedInVersionOneFixture) {
  storage::TempDir dir;
  {
    io::PosixFileSystem reader;
    Result<std::string> script =
        io::ReadFileToString(reader, std::string(STRATUS_GLUE_TESTDATA) + "/glue_v1.sql");
    ASSERT_OK(script.status());
    ASSERT_OK_AND_ASSIGN(
        std::unique_ptr<storage::Database> database,
        storage::Database::Open(dir.path() + "/glue.db", storage::DatabaseOptions{.fsync = false}));
    ASSERT_OK(database->Write(
        [&](storage::Transaction& transaction) { return transaction.Exec(*script).status(); }));
    database->Stop();
  }
  io::PosixFileSystem files;
  FakeClock clock;
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<Engine> engine,
      Engine::Open(EngineOptions{.data_dir = dir.path(), .fsync = false}, files, clock));
  ASSERT_OK_AND_ASSIGN(Database database, engine->GetDatabase(Db("fixture")));
  EXPECT_EQ(database.definition.description, "the v1 fixture");
  EXPECT_EQ(database.definition.location_uri, "s3://lake/fixture/");
  ASSERT_EQ(database.definition.create_table_default_permissions.size(), 1u);

  ASSERT_OK_AND_ASSIGN(Table users, engine->GetTable(Tbl("fixture", "users")));
  EXPECT_EQ(users.definition.table_type, "EXTERNAL_TABLE");
  ASSERT_TRUE(users.definition.storage.has_value());
  EXPECT_EQ(users.definition.storage->location, "s3://lake/users/");
  EXPECT_EQ(users.definition.storage->columns.size(), 2u);
  EXPECT_EQ(users.definition.storage->serde_info->parameters.at("field.delim"), ",");
  EXPECT_EQ(users.definition.partition_keys[0].name, "dt");
  EXPECT_EQ(users.version, 1);
  ASSERT_OK_AND_ASSIGN(Table first, engine->GetTableVersion(Tbl("fixture", "users"), 0));
  EXPECT_EQ(first.definition.description, "");
  EXPECT_EQ(users.definition.description, "updated once");

  ASSERT_OK_AND_ASSIGN(Table view, engine->GetTable(Tbl("fixture", "recent")));
  EXPECT_EQ(view.definition.table_type, "VIRTUAL_VIEW");
  EXPECT_EQ(view.definition.view_expanded_text, "SELECT * FROM users");

  ASSERT_OK_AND_ASSIGN(PartitionPage partitions,
                       engine->ListPartitions(Tbl("fixture", "users"),
                                              PartitionQuery{.expression = "dt >= '2024-01-02'"}));
  ASSERT_EQ(partitions.partitions.size(), 1u);
  EXPECT_EQ(partitions.partitions[0].definition.storage->location,
            "s3://lake/users/dt=2024-01-02/");
  EXPECT_EQ(partitions.partitions[0].definition.parameters.at("numRows"), "2");
  engine->Stop();
}

}  // namespace
}  // namespace stratus::glue
