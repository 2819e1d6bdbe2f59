// Writes testdata/sales, the small table the always-on conformance test reads
// (ConformanceTest.ReadsTheTableOurWriterMade). Disabled: run it by hand
// after a format change, then check the files in (one command line):
//   STRATUS_ICEBERG_FIXTURE_DIR=$PWD/src/formats/iceberg/testdata/sales
//     build/release/src/formats/iceberg/stratus_formats_iceberg_tests
//     --gtest_also_run_disabled_tests --gtest_filter='WriteFixtureTest.*'

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "formats/iceberg/table_updates.h"
#include "formats/iceberg/test_table_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::formats::iceberg {
namespace {

using sql::LogicalType;
using sql::Value;

constexpr char kLocation[] = "s3://stratus-fixtures/iceberg/sales";

std::vector<Value> Row(int32_t day, int32_t user, double total, const char* note) {
  return {Value::Date(day), Value::Integer(user), Value::Double(total), Value::Varchar(note)};
}

TEST(WriteFixtureTest, DISABLED_WritesTestdataSales) {
  const char* dir = std::getenv("STRATUS_ICEBERG_FIXTURE_DIR");
  ASSERT_NE(dir, nullptr) << "set STRATUS_ICEBERG_FIXTURE_DIR";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  TestTable table(dir, kLocation);
  table.clock().Advance(std::chrono::hours(24 * 365));
  ASSERT_OK_AND_ASSIGN(
      CommitResult created,
      CreateTable(table.env(),
                  NewTableOptions{.location = kLocation,
                                  .columns = {{.name = "dt", .type = LogicalType::Date()},
                                              {.name = "user_id", .type = LogicalType::Integer()},
                                              {.name = "total", .type = LogicalType::Double()},
                                              {.name = "note", .type = LogicalType::Varchar()}},
                                  .partitioning = {{.column = "dt"}},
                                  .properties = {}}));
  TableMetadata metadata = created.metadata;
  std::string location = created.metadata_location;
  const Schema schema = metadata.current_schema();
  const int32_t day1 = 20089;  // 2025-01-01
  const int32_t day2 = 20090;
  ASSERT_OK_AND_ASSIGN(
      DataFile a,
      table.WriteDataFile(schema, NewDataFilePath(metadata, "dt=2025-01-01", table.ids()),
                          {Value::Date(day1)},
                          {Row(day1, 1, 10.5, "first"), Row(day1, 2, 20, "second")}));
  ASSERT_OK_AND_ASSIGN(
      DataFile b,
      table.WriteDataFile(schema, NewDataFilePath(metadata, "dt=2025-01-02", table.ids()),
                          {Value::Date(day2)},
                          {Row(day2, 3, 30, "third"), Row(day2, 4, 40, "fourth")}));
  auto commit = [&](const SnapshotUpdate& update) {
    table.clock().Advance(std::chrono::minutes(1));
    auto result = CommitSnapshot(table.env(), metadata, location, update);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    metadata = result->metadata;
    location = result->metadata_location;
  };
  commit({.kind = SnapshotUpdate::Kind::kAppend, .added_data_files = {a, b}});
  ASSERT_OK_AND_ASSIGN(
      DataFile positions,
      table.WritePositionDeletes(schema, NewDataFilePath(metadata, "dt=2025-01-01", table.ids()),
                                 {Value::Date(day1)}, {{a.file_path, 0}}));
  commit({.kind = SnapshotUpdate::Kind::kRowDelta,
          .added_delete_files = {positions},
          .referenced_data_files = {a.file_path}});
  ASSERT_OK_AND_ASSIGN(
      DataFile equality,
      table.WriteEqualityDeletes(schema, NewDataFilePath(metadata, "dt=2025-01-02", table.ids()),
                                 {Value::Date(day2)}, {2}, {{Value::Integer(4)}}));
  commit({.kind = SnapshotUpdate::Kind::kRowDelta, .added_delete_files = {equality}});
  // OPTIMIZE of day 1: its data file and position deletes become one file.
  ASSERT_OK_AND_ASSIGN(
      DataFile compacted,
      table.WriteDataFile(schema, NewDataFilePath(metadata, "dt=2025-01-01", table.ids()),
                          {Value::Date(day1)}, {Row(day1, 2, 20, "second")}));
  commit({.kind = SnapshotUpdate::Kind::kRewrite,
          .added_data_files = {compacted},
          .removed_data_files = {a.file_path},
          .removed_delete_files = {positions.file_path}});
}

}  // namespace
}  // namespace stratus::formats::iceberg
