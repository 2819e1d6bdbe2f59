// Reads Iceberg tables written by other engines (../shared/conformance/iceberg,
// README.md there has the expected answers) and the table our own writer made
// (testdata/sales). The shared tables are not part of the repository: those
// tests skip, saying so, when the directory is absent.

#include <filesystem>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/iceberg/table_loader.h"
#include "formats/iceberg/table_reader_for_test.h"
#include "io/posix_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "sql/types/calendar.h"
#include "testing/status_matchers.h"

namespace stratus::formats::iceberg {
namespace {

using sql::Value;

std::string SharedRoot() {
  std::error_code error;
  const auto path = std::filesystem::weakly_canonical(STRATUS_SHARED_CONFORMANCE, error);
  return error || !std::filesystem::is_directory(path) ? std::string() : path.string();
}

class ConformanceTest : public ::testing::Test {
 protected:
  // Opens the table in `dir` (under the shared root) whose metadata names `location`.
  TableIo& Open(const std::string& root, const std::string& dir, const std::string& location) {
    io_ = std::make_unique<TableIo>(
        lake_, LocationRewrite{.from = location, .to = "file://" + root + "/" + dir});
    return *io_;
  }

  Result<std::vector<std::vector<Value>>> Rows(const std::string& metadata_file,
                                               std::optional<int64_t> snapshot_id = {}) {
    STRATUS_ASSIGN_OR_RETURN(TableMetadata metadata, LoadTableMetadata(*io_, metadata_file));
    metadata_ = metadata;
    STRATUS_ASSIGN_OR_RETURN(
        const Snapshot* snapshot,
        ResolveSnapshot(metadata_, snapshot_id.has_value() ? SnapshotSelector::ById(*snapshot_id)
                                                           : SnapshotSelector::Current()));
    return ReadSnapshotRows(*io_, metadata_, snapshot);
  }

  size_t Count(const std::string& metadata_file, std::optional<int64_t> snapshot_id = {}) {
    auto rows = Rows(metadata_file, snapshot_id);
    EXPECT_TRUE(rows.ok()) << metadata_file << ": " << rows.status().ToString();
    return rows.ok() ? rows->size() : 0;
  }

  io::PosixFileSystem files_;
  lake::FileStore store_{files_, lake::FileStoreOptions{.sync = false}};
  lake::Lake lake_{store_, store_};
  std::unique_ptr<TableIo> io_;
  TableMetadata metadata_;
};

// Declares `root`, the shared fixtures' directory, or skips the test.
#define STRATUS_REQUIRE_SHARED()                                                    \
  const std::string root = SharedRoot();                                            \
  if (root.empty()) {                                                               \
    GTEST_SKIP() << "../shared/conformance/iceberg is absent (a clone without the " \
                    "shared fixtures): skipping the cross-engine Iceberg tables";   \
  }

TEST_F(ConformanceTest, ReadsTheTableOurWriterMade) {
  const std::string dir = STRATUS_ICEBERG_TESTDATA "/sales";
  io_ = std::make_unique<TableIo>(
      lake_, LocationRewrite{.from = "s3://stratus-fixtures/iceberg/sales", .to = "file://" + dir});
  ASSERT_OK_AND_ASSIGN(std::string latest,
                       FindLatestMetadata(*io_, "s3://stratus-fixtures/iceberg/sales"));
  ASSERT_OK_AND_ASSIGN(std::vector<std::vector<Value>> rows, Rows(latest));
  // The generator appended 4 rows, deleted one by position and one by
  // equality, then rewrote the first day's file without its deletes.
  EXPECT_EQ(rows.size(), 2u);
  ASSERT_EQ(metadata_.snapshots.size(), 4u);
  EXPECT_EQ(metadata_.current_snapshot()->operation, "replace");
  const std::vector<size_t> expected = {4, 3, 2, 2};
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_OK_AND_ASSIGN(std::vector<std::vector<Value>> at,
                         ReadSnapshotRows(*io_, metadata_, &metadata_.snapshots[i]));
    EXPECT_EQ(at.size(), expected[i]) << "snapshot " << i;
  }
  ASSERT_OK_AND_ASSIGN(ScanPlan plan, PlanScan(*io_, metadata_, metadata_.current_snapshot()));
  ASSERT_EQ(plan.tasks.size(), 2u);
  for (const FileScanTask& task : plan.tasks) {
    EXPECT_TRUE(task.position_deletes.empty());
  }
}

TEST_F(ConformanceTest, AthenaTableReads) {
  STRATUS_REQUIRE_SHARED();
  Open(root, "icebird/athena/example", "s3://hyperparam-iceberg/athena/example");
  ASSERT_OK_AND_ASSIGN(std::vector<std::vector<Value>> rows,
                       Rows("s3://hyperparam-iceberg/athena/example/metadata/"
                            "00001-aaf0d033-d06b-43c7-be60-67f83abd4aca.metadata.json"));
  ASSERT_EQ(rows.size(), 2u);
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a[0].int64_value() < b[0].int64_value(); });
  EXPECT_EQ(rows[0][0], Value::Integer(1));
  EXPECT_EQ(rows[0][1], Value::Varchar("Alice"));
  EXPECT_EQ(rows[1][1], Value::Varchar("Bob"));
  EXPECT_EQ(Count("s3://hyperparam-iceberg/athena/example/metadata/"
                  "00000-eedf51e6-8c09-463b-8850-844ee6ec1de0.metadata.json"),
            0u);
}

TEST_F(ConformanceTest, SparkBunniesApplyPositionDeletesAndTimeTravel) {
  STRATUS_REQUIRE_SHARED();
  const std::string location = "s3a://hyperparam-iceberg/spark/bunnies";
  Open(root, "icebird/spark/bunnies", location);
  EXPECT_EQ(Count(location + "/metadata/v1.metadata.json"), 21u);
  EXPECT_EQ(Count(location + "/metadata/v3.metadata.json"), 20u);
  EXPECT_EQ(Count(location + "/metadata/v5.metadata.json"), 20u);
  EXPECT_NE(metadata_.current_schema().FindColumn("breed_name_length"), nullptr);
  EXPECT_EQ(Count(location + "/metadata/v5.metadata.json", 7505300640432048841), 21u);
}

TEST_F(ConformanceTest, JavaBunniesApplyPositionAndEqualityDeletes) {
  STRATUS_REQUIRE_SHARED();
  const std::string location = "s3a://hyperparam-iceberg/java/bunnies";
  Open(root, "icebird/java/bunnies", location);
  EXPECT_EQ(Count(location + "/metadata/v2.metadata.json"), 21u);
  EXPECT_EQ(Count(location + "/metadata/v3.metadata.json"), 21u);
  EXPECT_EQ(Count(location + "/metadata/v4.metadata.json"), 15u);
  ASSERT_OK_AND_ASSIGN(std::vector<std::vector<Value>> rows,
                       Rows(location + "/metadata/v5.metadata.json"));
  EXPECT_EQ(rows.size(), 15u);
  int new_zealand = 0;
  for (const std::vector<Value>& row : rows) {
    if (!row[4].is_null() && row[4].string_value() == "New Zealand") {
      ++new_zealand;
      EXPECT_EQ(row[7], Value::Bigint(0));
      EXPECT_EQ(row[8], Value::Boolean(true));
    }
  }
  EXPECT_EQ(new_zealand, 1);
}

TEST_F(ConformanceTest, SparkRenamedColumnAndBucketPartitionsRead) {
  STRATUS_REQUIRE_SHARED();
  const std::string location = "s3a://hyperparam-iceberg/spark/rename_column";
  Open(root, "icebird/spark/rename_column", location);
  ASSERT_OK_AND_ASSIGN(std::vector<std::vector<Value>> rows,
                       Rows(location + "/metadata/v3.metadata.json"));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(metadata_.current_schema().fields[2].name, "event_date");
  ASSERT_OK_AND_ASSIGN(ScanPlan plan, PlanScan(*io_, metadata_, metadata_.current_snapshot()));
  std::map<int64_t, std::string> paths;
  for (const std::vector<Value>& row : rows) {
    EXPECT_FALSE(row[2].is_null() && row[0].int64_value() != 3) << "event_date read by field id";
  }
  for (const FileScanTask& task : plan.tasks) {
    const DataFile& file = task.data.data_file;
    paths[file.partition[0].int64_value() * 100 + file.record_count] =
        PartitionPath(metadata_.default_spec(), file.partition);
  }
  EXPECT_THAT(paths,
              ::testing::UnorderedElementsAre(::testing::Pair(2, "id_bucket=0/date=2022-01-01"),
                                              ::testing::Pair(201, "id_bucket=2/date=2022-01-02"),
                                              ::testing::Pair(301, "id_bucket=3/date=null")));
}

TEST_F(ConformanceTest, LineitemRelativePathsAndCopyOnWriteDelete) {
  STRATUS_REQUIRE_SHARED();
  Open(root, "duckdb-iceberg/iceberg/lineitem_iceberg", "lineitem_iceberg");
  ASSERT_OK_AND_ASSIGN(std::string latest, FindLatestMetadata(*io_, "lineitem_iceberg"));
  EXPECT_THAT(latest, ::testing::EndsWith("v2.metadata.json"));
  EXPECT_EQ(Count("lineitem_iceberg/metadata/v1.metadata.json"), 60175u);
  ASSERT_OK_AND_ASSIGN(std::vector<std::vector<Value>> rows,
                       Rows("lineitem_iceberg/metadata/v2.metadata.json"));
  EXPECT_EQ(rows.size(), 51793u);
  // TPC-H Q6: sum(l_extendedprice * l_discount) for 1994 shipments,
  // discount in [0.05, 0.07], quantity < 24 (decimals with scale 2).
  const int64_t from = sql::DaysFromCivil({.year = 1994, .month = 1, .day = 1});
  const int64_t to = sql::DaysFromCivil({.year = 1995, .month = 1, .day = 1});
  sql::Int128 revenue = 0;
  for (const std::vector<Value>& row : rows) {
    const int64_t shipdate = row[10].int64_value();
    const sql::Int128 discount = row[6].decimal_value();
    if (shipdate >= from && shipdate < to && discount >= 5 && discount <= 7 &&
        row[4].decimal_value() < 2400) {
      revenue += row[5].decimal_value() * discount;
    }
  }
  EXPECT_EQ(static_cast<int64_t>(revenue), 10775369101);  // 1077536.9101
}

TEST_F(ConformanceTest, EqualityDeletesAcrossVersions) {
  STRATUS_REQUIRE_SHARED();
  const std::string location = "data/persistent/equality_deletes/warehouse/mydb/mytable";
  Open(root, "duckdb-iceberg/equality_deletes/warehouse/mydb/mytable", location);
  ASSERT_OK_AND_ASSIGN(std::vector<std::vector<Value>> rows,
                       Rows(location + "/metadata/v7.metadata.json"));
  ASSERT_EQ(rows.size(), 2u);
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a[0].int64_value() < b[0].int64_value(); });
  EXPECT_EQ(rows[0][0], Value::Integer(4));
  EXPECT_EQ(rows[0][1], Value::Varchar("d"));
  EXPECT_EQ(
      rows[0][2],
      Value::Date(static_cast<int32_t>(sql::DaysFromCivil({.year = 2025, .month = 1, .day = 4}))));
  EXPECT_EQ(rows[1][0], Value::Integer(5));
}

}  // namespace
}  // namespace stratus::formats::iceberg
