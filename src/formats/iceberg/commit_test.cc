#include <algorithm>
#include <chrono>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/iceberg/delete_files.h"
#include "formats/iceberg/manifest.h"
#include "formats/iceberg/metadata_tables.h"
#include "formats/iceberg/scan_planner.h"
#include "formats/iceberg/snapshot_producer.h"
#include "formats/iceberg/table_loader.h"
#include "formats/iceberg/table_updates.h"
#include "formats/iceberg/test_table_for_test.h"
#include "formats/iceberg/vacuum.h"
#include "formats/parquet/parquet_split_reader.h"
#include "testing/status_matchers.h"

namespace stratus::formats::iceberg {
namespace {

using sql::LogicalType;
using sql::Value;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr int32_t kDay1 = 19723;  // 2024-01-01
constexpr int32_t kDay2 = 19724;

std::vector<Value> Row(int32_t day, int32_t user, double total) {
  return {Value::Date(day), Value::Integer(user), Value::Double(total)};
}

// Keeps files whose dt partition range may contain `day`.
class DayFilter final : public ScanFilter {
 public:
  explicit DayFilter(int32_t day) : day_(day) {}

  bool MayMatch(const FileStatsView& stats) const override {
    ++calls_;
    if (stats.is_manifest) {
      ++manifest_calls_;
    }
    const PartitionFieldRange& dt = stats.partition.at(0);
    if (!dt.lower.has_value() || !dt.upper.has_value()) {
      return true;
    }
    return dt.lower->int64_value() <= day_ && day_ <= dt.upper->int64_value();
  }

  int calls() const { return calls_; }

  int manifest_calls() const { return manifest_calls_; }

 private:
  int32_t day_;
  mutable int calls_ = 0;
  mutable int manifest_calls_ = 0;
};

class CommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    NewTableOptions options{
        .location = "file:///warehouse/db/sales/",
        .columns = {{.name = "dt", .type = LogicalType::Date()},
                    {.name = "user_id", .type = LogicalType::Integer()},
                    {.name = "total", .type = LogicalType::Double()}},
        .partitioning = {{.column = "dt"}},
        .properties = {{"write.object-storage.enabled", "false"}},
    };
    ASSERT_OK_AND_ASSIGN(CommitResult created, CreateTable(table_.env(), options));
    metadata_ = created.metadata;
    location_ = created.metadata_location;
  }

  const Schema& schema() const { return metadata_.current_schema(); }

  void Commit(const SnapshotUpdate& update) {
    table_.clock().Advance(std::chrono::seconds(10));
    ASSERT_OK_AND_ASSIGN(CommitResult result,
                         CommitSnapshot(table_.env(), metadata_, location_, update));
    metadata_ = result.metadata;
    location_ = result.metadata_location;
  }

  // Appends two files: day 1 (users 1, 2, 3) and day 2 (user 4).
  void AppendTwoFiles() {
    ASSERT_OK_AND_ASSIGN(
        file_a_, table_.WriteDataFile(schema(), DataPath("dt=2024-01-01"), {Value::Date(kDay1)},
                                      {Row(kDay1, 1, 10), Row(kDay1, 2, 20), Row(kDay1, 3, 30)}));
    ASSERT_OK_AND_ASSIGN(file_b_, table_.WriteDataFile(schema(), DataPath("dt=2024-01-02"),
                                                       {Value::Date(kDay2)}, {Row(kDay2, 4, 40)}));
    Commit(SnapshotUpdate{.kind = SnapshotUpdate::Kind::kAppend,
                          .added_data_files = {file_a_, file_b_}});
  }

  std::string DataPath(std::string_view partition) {
    return NewDataFilePath(metadata_, partition, table_.ids());
  }

  // Reads every live row of a plan, minus position and equality deletes.
  int64_t CountRows(const ScanPlan& plan) {
    int64_t rows = 0;
    for (const FileScanTask& task : plan.tasks) {
      std::vector<DataFile> position_files;
      for (const ManifestEntry& entry : task.position_deletes) {
        position_files.push_back(entry.data_file);
      }
      auto deleted =
          ReadPositionDeletes(table_.io(), position_files, task.data.data_file.file_path);
      EXPECT_TRUE(deleted.ok());
      std::set<int64_t> positions;
      for (const auto& [path, list] : *deleted) {
        positions.insert(list.begin(), list.end());
      }
      std::vector<EqualityDeletes> equality;
      for (const ManifestEntry& entry : task.equality_deletes) {
        auto rows_deleted = ReadEqualityDeletes(table_.io(), entry.data_file, schema());
        EXPECT_TRUE(rows_deleted.ok());
        equality.push_back(*rows_deleted);
      }
      auto source = table_.io().OpenReader(task.data.data_file.file_path);
      EXPECT_TRUE(source.ok());
      parquet::ParquetSplit split;
      split.columns = *ParquetColumnsFor(schema());
      auto reader = parquet::ParquetSplitReader::Open(**source, split);
      EXPECT_TRUE(reader.ok());
      sql::Batch batch;
      int64_t position = 0;
      while (*(*reader)->Next(&batch)) {
        for (size_t r = 0; r < batch.num_rows(); ++r, ++position) {
          bool dropped = positions.count(position) > 0;
          for (const EqualityDeletes& deletes : equality) {
            for (const std::vector<Value>& key : deletes.rows) {
              bool match = true;
              for (size_t k = 0; k < deletes.field_ids.size(); ++k) {
                match = match &&
                        batch.column(static_cast<size_t>(deletes.field_ids[k] - 1)).GetValue(r) ==
                            key[k];
              }
              dropped = dropped || match;
            }
          }
          rows += dropped ? 0 : 1;
        }
      }
    }
    return rows;
  }

  int64_t CountCurrentRows() {
    auto plan = PlanScan(table_.io(), metadata_, metadata_.current_snapshot());
    EXPECT_TRUE(plan.ok()) << plan.status().ToString();
    return plan.ok() ? CountRows(*plan) : -1;
  }

  TestTable table_;
  TableMetadata metadata_;
  std::string location_;
  DataFile file_a_;
  DataFile file_b_;
};

TEST_F(CommitTest, CreateTableWritesVersionZeroWithAthenaProperties) {
  EXPECT_THAT(location_, ::testing::StartsWith("file:///warehouse/db/sales/metadata/00000-"));
  EXPECT_THAT(location_, ::testing::EndsWith(".metadata.json"));
  EXPECT_EQ(metadata_.location, "file:///warehouse/db/sales");
  EXPECT_EQ(metadata_.Property("write.format.default"), "PARQUET");
  EXPECT_EQ(metadata_.Property("write.parquet.compression-codec"), "zstd");
  EXPECT_EQ(metadata_.current_snapshot(), nullptr);
  EXPECT_EQ(metadata_.last_column_id, 3);
  EXPECT_EQ(metadata_.last_partition_id, 1000);
  EXPECT_EQ(metadata_.default_spec().fields[0].name, "dt");
  ASSERT_OK_AND_ASSIGN(TableMetadata loaded, LoadTableMetadata(table_.io(), location_));
  EXPECT_EQ(loaded.table_uuid, metadata_.table_uuid);
}

TEST_F(CommitTest, AppendWritesManifestsSummaryAndNextMetadataVersion) {
  AppendTwoFiles();
  EXPECT_THAT(location_, HasSubstr("/metadata/00001-"));
  const Snapshot* snapshot = metadata_.current_snapshot();
  ASSERT_NE(snapshot, nullptr);
  EXPECT_EQ(snapshot->operation, "append");
  EXPECT_EQ(snapshot->sequence_number, 1);
  EXPECT_THAT(snapshot->manifest_list, HasSubstr("/metadata/snap-"));
  EXPECT_EQ(*snapshot->FindSummary("added-data-files"), "2");
  EXPECT_EQ(*snapshot->FindSummary("added-records"), "4");
  EXPECT_EQ(*snapshot->FindSummary("changed-partition-count"), "2");
  EXPECT_EQ(*snapshot->FindSummary("total-records"), "4");
  EXPECT_EQ(*snapshot->FindSummary("total-data-files"), "2");
  EXPECT_EQ(*snapshot->FindSummary("total-delete-files"), "0");
  EXPECT_EQ(metadata_.metadata_log.size(), 1u);
  EXPECT_EQ(metadata_.snapshot_log.size(), 1u);
  EXPECT_EQ(metadata_.refs.at("main").snapshot_id, snapshot->snapshot_id);
  // Metrics came from the Parquet footer.
  EXPECT_EQ(file_a_.record_count, 3);
  EXPECT_EQ(file_a_.value_counts.at(2), 3);
  EXPECT_EQ(file_a_.null_value_counts.at(2), 0);
  ASSERT_OK_AND_ASSIGN(ScanPlan plan, PlanScan(table_.io(), metadata_, snapshot));
  ASSERT_EQ(plan.tasks.size(), 2u);
  EXPECT_EQ(plan.tasks[0].data.sequence_number, 1);
  std::map<int32_t, ColumnStats> stats = DecodeColumnStats(plan.tasks[0].data.data_file, schema());
  EXPECT_EQ(stats[2].lower->int64_value(), 1);
  EXPECT_EQ(stats[2].upper->int64_value(), 3);
  EXPECT_EQ(CountRows(plan), 4);
}

TEST_F(CommitTest, FilterPrunesManifestsAndFiles) {
  AppendTwoFiles();
  DayFilter filter(kDay2);
  ASSERT_OK_AND_ASSIGN(ScanPlan plan,
                       PlanScan(table_.io(), metadata_, metadata_.current_snapshot(), &filter));
  ASSERT_EQ(plan.tasks.size(), 1u);
  EXPECT_EQ(plan.tasks[0].data.data_file.file_path, file_b_.file_path);
  EXPECT_EQ(plan.data_files_skipped, 1);
  EXPECT_EQ(filter.manifest_calls(), 1);
  DayFilter nothing(kDay2 + 10);
  ASSERT_OK_AND_ASSIGN(ScanPlan empty,
                       PlanScan(table_.io(), metadata_, metadata_.current_snapshot(), &nothing));
  EXPECT_TRUE(empty.tasks.empty());
  EXPECT_EQ(empty.manifests_skipped, 1);
}

TEST_F(CommitTest, PositionDeletesApplyToTheirDataFileOnly) {
  AppendTwoFiles();
  const int64_t first_snapshot = *metadata_.current_snapshot_id;
  ASSERT_OK_AND_ASSIGN(
      DataFile deletes,
      table_.WritePositionDeletes(schema(), DataPath("dt=2024-01-01"), {Value::Date(kDay1)},
                                  {{file_a_.file_path, 0}, {file_a_.file_path, 2}}));
  Commit(SnapshotUpdate{.kind = SnapshotUpdate::Kind::kRowDelta,
                        .added_delete_files = {deletes},
                        .referenced_data_files = {file_a_.file_path}});
  const Snapshot* snapshot = metadata_.current_snapshot();
  EXPECT_EQ(snapshot->operation, "delete");
  EXPECT_EQ(*snapshot->FindSummary("added-position-deletes"), "2");
  EXPECT_EQ(*snapshot->FindSummary("added-delete-files"), "1");
  EXPECT_EQ(*snapshot->FindSummary("total-position-deletes"), "2");
  EXPECT_EQ(*snapshot->FindSummary("total-records"), "4");
  ASSERT_OK_AND_ASSIGN(ScanPlan plan, PlanScan(table_.io(), metadata_, snapshot));
  ASSERT_EQ(plan.tasks.size(), 2u);
  for (const FileScanTask& task : plan.tasks) {
    EXPECT_EQ(task.position_deletes.size(),
              task.data.data_file.file_path == file_a_.file_path ? 1u : 0u);
  }
  ASSERT_OK_AND_ASSIGN(PositionDeletes positions,
                       ReadPositionDeletes(table_.io(), std::vector<DataFile>{deletes}));
  EXPECT_THAT(positions[file_a_.file_path], ElementsAre(0, 2));
  EXPECT_EQ(CountCurrentRows(), 2);
  // Time travel to the append sees every row.
  ASSERT_OK_AND_ASSIGN(const Snapshot* old,
                       ResolveSnapshot(metadata_, SnapshotSelector::ById(first_snapshot)));
  ASSERT_OK_AND_ASSIGN(ScanPlan old_plan, PlanScan(table_.io(), metadata_, old));
  EXPECT_EQ(CountRows(old_plan), 4);
}

TEST_F(CommitTest, EqualityDeletesApplyOnlyToOlderData) {
  AppendTwoFiles();
  ASSERT_OK_AND_ASSIGN(DataFile deletes, table_.WriteEqualityDeletes(
                                             schema(), DataPath("dt=2024-01-01"),
                                             {Value::Date(kDay1)}, {2}, {{Value::Integer(2)}}));
  // The same row re-inserted in the same commit survives (its sequence number is not older).
  ASSERT_OK_AND_ASSIGN(DataFile reinsert,
                       table_.WriteDataFile(schema(), DataPath("dt=2024-01-01"),
                                            {Value::Date(kDay1)}, {Row(kDay1, 2, 25)}));
  Commit(SnapshotUpdate{.kind = SnapshotUpdate::Kind::kRowDelta,
                        .added_data_files = {reinsert},
                        .added_delete_files = {deletes}});
  EXPECT_EQ(metadata_.current_snapshot()->operation, "overwrite");
  EXPECT_EQ(*metadata_.current_snapshot()->FindSummary("added-equality-deletes"), "1");
  ASSERT_OK_AND_ASSIGN(ScanPlan plan,
                       PlanScan(table_.io(), metadata_, metadata_.current_snapshot()));
  for (const FileScanTask& task : plan.tasks) {
    const bool old_day1 = task.data.data_file.file_path == file_a_.file_path;
    EXPECT_EQ(task.equality_deletes.size(), old_day1 ? 1u : 0u) << task.data.data_file.file_path;
  }
  ASSERT_OK_AND_ASSIGN(EqualityDeletes rows, ReadEqualityDeletes(table_.io(), deletes, schema()));
  EXPECT_THAT(rows.field_ids, ElementsAre(2));
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_EQ(rows.rows[0][0], Value::Integer(2));
  EXPECT_EQ(CountRows(plan), 4);
}

TEST_F(CommitTest, RewriteReplacesFilesAndMarksThemDeleted) {
  AppendTwoFiles();
  ASSERT_OK_AND_ASSIGN(DataFile deletes,
                       table_.WritePositionDeletes(schema(), DataPath("dt=2024-01-01"),
                                                   {Value::Date(kDay1)}, {{file_a_.file_path, 1}}));
  Commit(SnapshotUpdate{.kind = SnapshotUpdate::Kind::kRowDelta,
                        .added_delete_files = {deletes},
                        .referenced_data_files = {file_a_.file_path}});
  const int64_t read_snapshot = *metadata_.current_snapshot_id;
  ASSERT_OK_AND_ASSIGN(
      DataFile compacted,
      table_.WriteDataFile(schema(), DataPath("dt=2024-01-01"), {Value::Date(kDay1)},
                           {Row(kDay1, 1, 10), Row(kDay1, 3, 30)}));
  const SnapshotUpdate rewrite{.kind = SnapshotUpdate::Kind::kRewrite,
                               .added_data_files = {compacted},
                               .removed_data_files = {file_a_.file_path},
                               .removed_delete_files = {deletes.file_path}};
  Commit(rewrite);
  const Snapshot* snapshot = metadata_.current_snapshot();
  EXPECT_EQ(snapshot->operation, "replace");
  EXPECT_EQ(*snapshot->FindSummary("deleted-data-files"), "1");
  EXPECT_EQ(*snapshot->FindSummary("removed-delete-files"), "1");
  EXPECT_EQ(*snapshot->FindSummary("total-data-files"), "2");
  EXPECT_EQ(*snapshot->FindSummary("total-delete-files"), "0");
  EXPECT_EQ(*snapshot->FindSummary("total-records"), "3");
  ASSERT_OK_AND_ASSIGN(ScanPlan plan, PlanScan(table_.io(), metadata_, snapshot));
  ASSERT_EQ(plan.tasks.size(), 2u);
  for (const FileScanTask& task : plan.tasks) {
    EXPECT_TRUE(task.position_deletes.empty());
  }
  EXPECT_EQ(CountRows(plan), 3);
  // The rewritten manifests record the removals as DELETED entries.
  ASSERT_OK_AND_ASSIGN(std::string list, table_.io().Read(snapshot->manifest_list));
  ASSERT_OK_AND_ASSIGN(std::vector<ManifestFile> manifests, ReadManifestList(list));
  int deleted = 0;
  for (const ManifestFile& manifest : manifests) {
    deleted += manifest.deleted_files_count;
  }
  EXPECT_EQ(deleted, 2);
  // A row delta prepared before the rewrite now conflicts; an append does not.
  const SnapshotUpdate late_delete{.kind = SnapshotUpdate::Kind::kRowDelta,
                                   .referenced_data_files = {file_a_.file_path}};
  EXPECT_STATUS(StatusCode::kFailedPrecondition,
                ValidateNoConflicts(table_.io(), metadata_, read_snapshot, late_delete));
  EXPECT_OK(ValidateNoConflicts(table_.io(), metadata_, read_snapshot,
                                SnapshotUpdate{.kind = SnapshotUpdate::Kind::kAppend}));
  // Removing a file that is no longer live fails.
  EXPECT_STATUS(StatusCode::kFailedPrecondition,
                CommitSnapshot(table_.env(), metadata_, location_, rewrite).status());
}

TEST_F(CommitTest, AppendRetriedOnANewerBaseKeepsBothCommits) {
  AppendTwoFiles();
  const TableMetadata base = metadata_;
  const std::string base_location = location_;
  ASSERT_OK_AND_ASSIGN(
      DataFile mine, table_.WriteDataFile(schema(), DataPath("dt=2024-01-02"), {Value::Date(kDay2)},
                                          {Row(kDay2, 5, 50)}));
  ASSERT_OK_AND_ASSIGN(DataFile theirs,
                       table_.WriteDataFile(schema(), DataPath("dt=2024-01-02"),
                                            {Value::Date(kDay2)}, {Row(kDay2, 6, 60)}));
  // Another writer wins the swap first.
  Commit(SnapshotUpdate{.kind = SnapshotUpdate::Kind::kAppend, .added_data_files = {theirs}});
  const SnapshotUpdate append{.kind = SnapshotUpdate::Kind::kAppend, .added_data_files = {mine}};
  ASSERT_OK(ValidateNoConflicts(table_.io(), metadata_, base.current_snapshot_id, append));
  // A serializable MERGE prepared on the old base conflicts with their rows.
  const SnapshotUpdate merge{.kind = SnapshotUpdate::Kind::kRowDelta,
                             .added_data_files = {mine},
                             .fail_on_concurrent_data_files = true};
  EXPECT_STATUS(StatusCode::kFailedPrecondition,
                ValidateNoConflicts(table_.io(), metadata_, base.current_snapshot_id, merge));
  Commit(append);
  EXPECT_EQ(CountCurrentRows(), 6);
  EXPECT_EQ(*metadata_.current_snapshot()->FindSummary("total-records"), "6");
  EXPECT_THAT(location_, HasSubstr("/metadata/00003-"));
  (void)base_location;
}

TEST_F(CommitTest, SchemaEvolutionKeepsFieldIds) {
  AppendTwoFiles();
  ASSERT_OK_AND_ASSIGN(TableMetadata added,
                       AddColumns(metadata_, {{.name = "note", .type = LogicalType::Varchar()}}));
  EXPECT_EQ(added.current_schema().FindColumn("note")->id, 4);
  EXPECT_EQ(added.last_column_id, 4);
  EXPECT_EQ(added.current_schema_id, 1);
  ASSERT_OK_AND_ASSIGN(TableMetadata renamed, RenameColumn(added, "total", "amount"));
  EXPECT_EQ(renamed.current_schema().FindColumn("amount")->id, 3);
  ASSERT_OK_AND_ASSIGN(TableMetadata dropped, DropColumn(renamed, "note"));
  EXPECT_EQ(dropped.current_schema().FindColumn("note"), nullptr);
  EXPECT_EQ(dropped.last_column_id, 4);
  EXPECT_STATUS(StatusCode::kInvalidArgument, DropColumn(dropped, "dt").status());
  EXPECT_STATUS(StatusCode::kAlreadyExists, RenameColumn(dropped, "amount", "user_id").status());
  EXPECT_STATUS(StatusCode::kNotFound, DropColumn(dropped, "nope").status());
  ASSERT_OK_AND_ASSIGN(TableMetadata props,
                       UpdateProperties(dropped, {{"vacuum_min_snapshots_to_keep", "2"}}));
  ASSERT_OK_AND_ASSIGN(CommitResult result,
                       CommitMetadata(table_.env(), metadata_, location_, props));
  EXPECT_FALSE(result.snapshot_id.has_value());
  EXPECT_THAT(result.metadata_location, HasSubstr("/metadata/00002-"));
  ASSERT_OK_AND_ASSIGN(TableMetadata loaded,
                       LoadTableMetadata(table_.io(), result.metadata_location));
  EXPECT_EQ(loaded.schemas.size(), 4u);
  EXPECT_EQ(loaded.Property("vacuum_min_snapshots_to_keep"), "2");
  EXPECT_EQ(loaded.metadata_log.size(), 2u);
}

TEST_F(CommitTest, VacuumExpiresOldSnapshotsAndFindsOrphans) {
  AppendTwoFiles();
  ASSERT_OK_AND_ASSIGN(DataFile compacted,
                       table_.WriteDataFile(schema(), DataPath("dt=2024-01-01"),
                                            {Value::Date(kDay1)}, {Row(kDay1, 1, 10)}));
  Commit(SnapshotUpdate{.kind = SnapshotUpdate::Kind::kRewrite,
                        .added_data_files = {compacted},
                        .removed_data_files = {file_a_.file_path}});
  const std::string first_list = metadata_.snapshots[0].manifest_list;
  // Within the 5-day default nothing expires.
  ASSERT_OK_AND_ASSIGN(ExpirationPlan young,
                       PlanExpiration(table_.io(), metadata_, table_.clock().NowMillis()));
  EXPECT_TRUE(young.expired_snapshot_ids.empty());
  // Six days later the first snapshot goes, with the file only it reached.
  const int64_t later = table_.clock().NowMillis() + 6LL * 24 * 3600 * 1000;
  ASSERT_OK_AND_ASSIGN(ExpirationPlan plan, PlanExpiration(table_.io(), metadata_, later));
  EXPECT_THAT(plan.expired_snapshot_ids, ElementsAre(metadata_.snapshots[0].snapshot_id));
  EXPECT_EQ(plan.metadata.snapshots.size(), 1u);
  EXPECT_THAT(plan.files_to_delete, ::testing::Contains(file_a_.file_path));
  EXPECT_THAT(plan.files_to_delete, ::testing::Contains(first_list));
  EXPECT_THAT(plan.files_to_delete, ::testing::Not(::testing::Contains(file_b_.file_path)));
  EXPECT_THAT(plan.files_to_delete, ::testing::Not(::testing::Contains(compacted.file_path)));
  ASSERT_OK_AND_ASSIGN(CommitResult vacuumed,
                       CommitMetadata(table_.env(), metadata_, location_, plan.metadata));
  for (const std::string& file : plan.files_to_delete) {
    ASSERT_OK(table_.io().Delete(file));
  }
  ASSERT_OK(table_.io().Write("file:///warehouse/db/sales/data/stray.parquet", "junk"));
  ASSERT_OK_AND_ASSIGN(
      std::vector<std::string> orphans,
      FindOrphanFiles(table_.io(), vacuumed.metadata, vacuumed.metadata_location, later + 1));
  EXPECT_THAT(orphans, ::testing::Contains("file:///warehouse/db/sales/data/stray.parquet"));
  EXPECT_THAT(orphans, ::testing::Not(::testing::Contains(compacted.file_path)));
  EXPECT_THAT(orphans, ::testing::Not(::testing::Contains(vacuumed.metadata_location)));
  EXPECT_EQ(CountCurrentRows(), 2);
}

TEST_F(CommitTest, MetadataTablesDescribeTheTable) {
  AppendTwoFiles();
  ASSERT_OK_AND_ASSIGN(MetadataTable snapshots,
                       BuildMetadataTable(table_.io(), metadata_, MetadataTableKind::kSnapshots));
  ASSERT_EQ(snapshots.rows.size(), 1u);
  EXPECT_EQ(snapshots.columns[0].name, "committed_at");
  EXPECT_EQ(snapshots.rows[0][3], Value::Varchar("append"));
  ASSERT_OK_AND_ASSIGN(MetadataTable history,
                       BuildMetadataTable(table_.io(), metadata_, MetadataTableKind::kHistory));
  ASSERT_EQ(history.rows.size(), 1u);
  EXPECT_EQ(history.rows[0][3], Value::Boolean(true));
  ASSERT_OK_AND_ASSIGN(MetadataTable files,
                       BuildMetadataTable(table_.io(), metadata_, MetadataTableKind::kFiles));
  ASSERT_EQ(files.rows.size(), 2u);
  EXPECT_EQ(files.columns[4].name, "partition");
  ASSERT_OK_AND_ASSIGN(MetadataTable manifests,
                       BuildMetadataTable(table_.io(), metadata_, MetadataTableKind::kManifests));
  ASSERT_EQ(manifests.rows.size(), 1u);
  EXPECT_EQ(manifests.rows[0][4], Value::Integer(2));
  ASSERT_OK_AND_ASSIGN(MetadataTable partitions,
                       BuildMetadataTable(table_.io(), metadata_, MetadataTableKind::kPartitions));
  ASSERT_EQ(partitions.rows.size(), 2u);
  int64_t records = 0;
  for (const std::vector<Value>& row : partitions.rows) {
    records += row[1].int64_value();
  }
  EXPECT_EQ(records, 4);
  EXPECT_STATUS(StatusCode::kNotFound, ParseMetadataTableKind("nope").status());
}

}  // namespace
}  // namespace stratus::formats::iceberg
