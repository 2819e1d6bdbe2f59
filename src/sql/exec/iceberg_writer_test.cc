#include "sql/exec/iceberg_writer.h"

#include <algorithm>
#include <map>
#include <set>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/check.h"
#include "formats/iceberg/delete_files.h"
#include "formats/iceberg/partition_spec.h"
#include "formats/iceberg/table_io.h"
#include "formats/iceberg/transform.h"
#include "io/in_memory_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "sql/types/sql_error.h"
#include "sql/vector/batch.h"
#include "testing/status_matchers.h"

namespace stratus::sql::exec {
namespace {

namespace iceberg = formats::iceberg;

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr int32_t kDays = 40;

class IcebergWriterTest : public ::testing::Test {
 protected:
  IcebergWriterTest() {
    STRATUS_CHECK(files_.CreateDirectories("/lake").ok(), "setup");
    Result<iceberg::Schema> schema =
        iceberg::SchemaFromColumns({{.name = "dt", .type = LogicalType::Date()},
                                    {.name = "user_id", .type = LogicalType::Integer()},
                                    {.name = "name", .type = LogicalType::Varchar()}});
    STRATUS_CHECK(schema.ok(), "setup");
    schema_ = *schema;
    std::vector<iceberg::PartitionColumn> columns = {{.column = "dt"}};
    Result<iceberg::PartitionSpec> spec = iceberg::BuildPartitionSpec(schema_, columns);
    STRATUS_CHECK(spec.ok(), "setup");
    spec_ = *spec;
    // The base snapshot's data files: one per day.
    for (int32_t day = 0; day < kDays; ++day) {
      iceberg::DataFile file;
      file.file_path =
          "file:///lake/t/data/dt=" + DayText(day) + "/base-" + std::to_string(day) + ".parquet";
      file.spec_id = spec_.spec_id;
      file.partition = {Value::Date(day)};
      base_.push_back(std::move(file));
    }
  }

  static std::string DayText(int32_t day) { return Value::Date(day).ToString(); }

  IcebergWriteOptions Options(bool once) {
    IcebergWriteOptions options{.lake = &lake_,
                                .schema = schema_,
                                .spec = spec_,
                                .data_location = "file:///lake/t/data",
                                .file_prefix = "q1"};
    for (const iceberg::DataFile& file : base_) {
      options.delete_targets.push_back(&file);
    }
    options.single_change_per_row = once;
    return options;
  }

  // Rows first..first+count of the test data: user i on day i % kDays.
  static Batch Rows(int32_t first, int32_t count) {
    Vector dt(LogicalType::Date(), count);
    Vector user(LogicalType::Integer(), count);
    Vector name(LogicalType::Varchar(), count);
    dt.set_size(count);
    user.set_size(count);
    name.set_size(count);
    for (int32_t i = 0; i < count; ++i) {
      int32_t id = first + i;
      dt.SetValue(i, Value::Date(id % kDays));
      user.SetValue(i, Value::Integer(id));
      name.SetValue(i, Value::Varchar("user-" + std::to_string(id)));
    }
    std::vector<Vector> columns;
    columns.push_back(std::move(dt));
    columns.push_back(std::move(user));
    columns.push_back(std::move(name));
    return Batch(std::move(columns), static_cast<size_t>(count));
  }

  io::InMemoryFileSystem files_;
  lake::FileStore store_{files_, {.sync = false}};
  lake::Lake lake_{store_, store_};
  iceberg::TableIo io_{lake_};
  iceberg::Schema schema_;
  iceberg::PartitionSpec spec_;
  std::vector<iceberg::DataFile> base_;
};

// Two writers of one statement on two threads, as two drivers of a MERGE:
// every row lands in its partition, every delete in one delete file per
// partition, sorted, and the files are numbered without clashes.
TEST_F(IcebergWriterTest, SiblingsOnThreadsMergeIntoOneSetOfFiles) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<IcebergFileWriter> first,
                       IcebergFileWriter::Make(Options(/*once=*/true)));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<IcebergFileWriter> second, first->MakeSibling());
  auto work = [](IcebergFileWriter* writer, int32_t half) {
    for (int32_t batch = 0; batch < 10; ++batch) {
      int32_t first_row = half * 10000 + batch * 1000;
      STRATUS_CHECK(writer->WriteRows(Rows(first_row, 1000), nullptr).ok(), "write");
      for (int32_t i = 0; i < 1000; ++i) {
        int32_t id = first_row + i;
        // Descending positions: the writer sorts them.
        writer->DeleteRow(static_cast<uint32_t>(id % kDays), 100000 - id);
      }
    }
  };
  std::thread a(work, first.get(), 0);
  std::thread b(work, second.get(), 1);
  a.join();
  b.join();
  ASSERT_OK(first->Absorb(*second));
  EXPECT_EQ(first->rows_written(), 20000u);
  EXPECT_EQ(first->rows_deleted(), 20000u);
  EXPECT_EQ(first->DeletedFrom().size(), static_cast<size_t>(kDays));
  ASSERT_OK_AND_ASSIGN(std::vector<iceberg::DataFile> files, first->Finish());

  std::map<std::string, int64_t> rows_by_partition;
  std::vector<iceberg::DataFile> deletes;
  std::set<std::string> paths;
  for (const iceberg::DataFile& file : files) {
    EXPECT_TRUE(paths.insert(file.file_path).second) << file.file_path;
    ASSERT_EQ(file.partition.size(), 1u);
    std::string partition = iceberg::PartitionPath(spec_, file.partition);
    EXPECT_THAT(file.file_path, HasSubstr("/data/" + partition + "/q1-"));
    if (file.content == iceberg::FileContent::kData) {
      rows_by_partition[partition] += file.record_count;
    } else {
      deletes.push_back(file);
    }
  }
  // Both writers wrote every partition: two data files each, 500 rows.
  EXPECT_EQ(files.size() - deletes.size(), static_cast<size_t>(2 * kDays));
  ASSERT_EQ(rows_by_partition.size(), static_cast<size_t>(kDays));
  for (const auto& [partition, rows] : rows_by_partition) {
    EXPECT_EQ(rows, 500) << partition;
  }
  // One delete file per partition, holding only that partition's data file.
  ASSERT_EQ(deletes.size(), static_cast<size_t>(kDays));
  EXPECT_EQ(first->written_paths().size(), files.size());
  for (const iceberg::DataFile& file : deletes) {
    EXPECT_EQ(file.record_count, 500);
    ASSERT_OK_AND_ASSIGN(iceberg::PositionDeletes read,
                         iceberg::ReadPositionDeletes(io_, std::span(&file, 1)));
    ASSERT_EQ(read.size(), 1u);
    const auto& [data_path, positions] = *read.begin();
    const int32_t day = static_cast<int32_t>(file.partition[0].int64_value());
    EXPECT_EQ(data_path, base_[static_cast<size_t>(day)].file_path);
    ASSERT_EQ(positions.size(), 500u);
    EXPECT_TRUE(std::is_sorted(positions.begin(), positions.end()));
    EXPECT_EQ(positions.front(), 100000 - (19960 + day));
    EXPECT_EQ(positions.back(), 100000 - day);
  }
}

// A target row deleted by two drivers is caught when their deletes meet.
TEST_F(IcebergWriterTest, RepeatedPositionAcrossSiblingsIsMultipleMatches) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<IcebergFileWriter> first,
                       IcebergFileWriter::Make(Options(/*once=*/true)));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<IcebergFileWriter> second, first->MakeSibling());
  first->DeleteRow(3, 7);
  first->DeleteRow(3, 8);
  second->DeleteRow(3, 7);
  ASSERT_OK(first->Absorb(*second));
  Result<std::vector<iceberg::DataFile>> files = first->Finish();
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(SqlErrorName(files.status()), "MERGE_TARGET_ROW_MULTIPLE_MATCHES");
}

// UPDATE and DELETE may name a row twice: it is deleted once.
TEST_F(IcebergWriterTest, RepeatedPositionIsDeletedOnceWithoutMerge) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<IcebergFileWriter> writer,
                       IcebergFileWriter::Make(Options(/*once=*/false)));
  writer->DeleteRow(5, 9);
  writer->DeleteRow(5, 2);
  writer->DeleteRow(5, 9);
  ASSERT_OK_AND_ASSIGN(std::vector<iceberg::DataFile> files, writer->Finish());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].content, iceberg::FileContent::kPositionDeletes);
  ASSERT_OK_AND_ASSIGN(iceberg::PositionDeletes read,
                       iceberg::ReadPositionDeletes(io_, std::span(&files[0], 1)));
  EXPECT_THAT(read[base_[5].file_path], ElementsAre(2, 9));
}

// A partition's rows reach its Parquet file in runs; a file past
// write_target_data_file_size_bytes is closed and the next run starts another.
TEST_F(IcebergWriterTest, BufferedRunsStillRollFilesAtTheTargetSize) {
  IcebergWriteOptions options = Options(/*once=*/false);
  options.target_file_bytes = 1;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<IcebergFileWriter> writer,
                       IcebergFileWriter::Make(std::move(options)));
  // Every 40th row is on day 0: 1,000 rows there per 40,000.
  for (int32_t batch = 0; batch < 24; ++batch) {
    ASSERT_OK(writer->WriteRows(Rows(batch * 40000, 40000), nullptr));
  }
  ASSERT_OK_AND_ASSIGN(std::vector<iceberg::DataFile> files, writer->Finish());
  std::vector<int64_t> day0;
  int64_t total = 0;
  for (const iceberg::DataFile& file : files) {
    total += file.record_count;
    if (file.partition[0].int64_value() == 0) {
      day0.push_back(file.record_count);
    }
  }
  EXPECT_EQ(total, 960000);
  EXPECT_EQ(writer->rows_written(), 960000u);
  // Day 0's 24,000 rows: one file per run (at most 16,384 rows; fewer when
  // the writer's 2^19 buffered rows flushed every partition), none lost.
  EXPECT_GE(day0.size(), 2u);
  int64_t day0_rows = 0;
  for (int64_t rows : day0) {
    EXPECT_LE(rows, 16384);
    day0_rows += rows;
  }
  EXPECT_EQ(day0_rows, 24000);
}

// Rows of many source values in one partition (day of a timestamp) share
// its file; a NULL source value is a partition of its own.
TEST_F(IcebergWriterTest, DistinctSourceValuesOfOnePartitionShareAFile) {
  ASSERT_OK_AND_ASSIGN(
      iceberg::Schema schema,
      iceberg::SchemaFromColumns({{.name = "ts", .type = LogicalType::Timestamp()}}));
  std::vector<iceberg::PartitionColumn> columns = {{.column = "ts", .transform = "day"}};
  ASSERT_OK_AND_ASSIGN(iceberg::PartitionSpec spec, iceberg::BuildPartitionSpec(schema, columns));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<IcebergFileWriter> writer,
                       IcebergFileWriter::Make({.lake = &lake_,
                                                .schema = schema,
                                                .spec = spec,
                                                .data_location = "file:///lake/ts/data",
                                                .file_prefix = "q2"}));
  constexpr int64_t kMillisPerDay = 86400000;
  Vector ts(LogicalType::Timestamp(), 300);
  ts.set_size(300);
  for (size_t i = 0; i < 300; ++i) {
    if (i % 100 == 99) {
      ts.SetValue(i, Value::Null(LogicalType::Timestamp()));
    } else {
      // Three days, a different instant every row.
      ts.SetValue(i, Value::Timestamp(static_cast<int64_t>(i % 3) * kMillisPerDay +
                                      static_cast<int64_t>(i) * 1000));
    }
  }
  std::vector<Vector> batch_columns;
  batch_columns.push_back(std::move(ts));
  ASSERT_OK(writer->WriteRows(Batch(std::move(batch_columns), 300), nullptr));
  ASSERT_OK_AND_ASSIGN(std::vector<iceberg::DataFile> files, writer->Finish());
  std::map<std::string, int64_t> rows;
  int64_t null_rows = 0;
  for (const iceberg::DataFile& file : files) {
    rows[iceberg::PartitionPath(spec, file.partition)] += file.record_count;
    if (file.partition.at(0).is_null()) {
      null_rows += file.record_count;
    }
  }
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(null_rows, 3);
  int64_t total = 0;
  for (const auto& [path, count] : rows) {
    total += count;
  }
  EXPECT_EQ(total, 300);
}

}  // namespace
}  // namespace stratus::sql::exec
