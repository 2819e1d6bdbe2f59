#include "sql/exec/parquet_scan.h"

#include <algorithm>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/check.h"
#include "formats/parquet/parquet_writer.h"
#include "io/in_memory_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "sql/engine/engine.h"
#include "sql/exec/executor.h"
#include "sql/exec/test_functions.h"
#include "sql/functions/function.h"
#include "sql/planner/logical_plan.h"
#include "testing/status_matchers.h"

namespace stratus::sql::exec {
namespace {

using ::testing::ElementsAre;
using ::testing::SizeIs;

// Runs tasks one after another.
Status Sequential(size_t n, const std::function<Status(size_t)>& task) {
  for (size_t i = 0; i < n; ++i) {
    STRATUS_RETURN_IF_ERROR(task(i));
  }
  return Status::Ok();
}

class ParquetScanTest : public ::testing::Test {
 protected:
  ParquetScanTest() {
    STRATUS_CHECK(files_.CreateDirectories("/lake").ok(), "setup");
    Result<std::unique_ptr<Executor>> executor = Executor::Open({.lake = &lake_, .threads = 3});
    STRATUS_CHECK(executor.ok(), "setup");
    executor_ = std::move(executor).value();
  }

  ~ParquetScanTest() override { executor_->Stop(); }

  // Writes rows (id, name) with ids [first, first + count) in row groups of
  // about `group_rows` rows; names are "n<id % 10>", NULL every 7th id.
  void PutFile(const std::string& uri, int64_t first, int64_t count, int64_t group_rows) {
    std::vector<Batch> batches;
    for (int64_t start = first; start < first + count; start += group_rows) {
      std::vector<std::optional<int64_t>> ids;
      std::vector<std::optional<std::string>> names;
      for (int64_t id = start; id < std::min(first + count, start + group_rows); ++id) {
        ids.push_back(id);
        names.push_back(id % 7 == 0 ? std::nullopt
                                    : std::optional<std::string>("n" + std::to_string(id % 10)));
      }
      batches.push_back(testing::MakeBatch({testing::Bigints(ids), testing::Varchars(names)}));
    }
    // A tiny row group size closes a row group after every batch.
    Result<std::string> bytes = formats::parquet::WriteParquet(
        {{.name = "id", .type = LogicalType::Bigint(), .field_id = 1},
         {.name = "name", .type = LogicalType::Varchar(), .field_id = 2}},
        batches, {.codec = formats::parquet::Codec::kSnappy, .row_group_bytes = 1});
    ASSERT_OK(bytes);
    ASSERT_OK(lake_.Write(uri, *bytes));
  }

  std::shared_ptr<catalog::TableDescriptor> Table(bool partitioned) {
    auto table = std::make_shared<catalog::TableDescriptor>();
    table->database = "db";
    table->name = "t";
    table->location = "file:///lake/t/";
    table->columns = {{.name = "id", .type = LogicalType::Bigint()},
                      {.name = "NAME", .type = LogicalType::Varchar()}};
    table->serde_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    table->input_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    if (partitioned) {
      table->partition_keys = {{.name = "dt", .type = LogicalType::Date()}};
    }
    return table;
  }

  std::shared_ptr<plan::ScanNode> Scan(std::shared_ptr<catalog::TableDescriptor> table,
                                       std::vector<size_t> columns) {
    auto scan = std::make_shared<plan::ScanNode>();
    std::vector<catalog::ColumnDescriptor> all = table->columns;
    all.insert(all.end(), table->partition_keys.begin(), table->partition_keys.end());
    for (size_t column : columns) {
      if (column == plan::kScanPathColumn) {
        scan->columns.push_back({.name = "$path", .type = LogicalType::Varchar()});
      } else {
        scan->columns.push_back({.name = all[column].name, .type = all[column].type});
      }
    }
    scan->table = std::move(table);
    scan->table_columns = std::move(columns);
    return scan;
  }

  std::vector<std::string> RunSorted(const plan::Node& root) {
    std::vector<std::string> rows;
    RunContext context{.functions = &functions_,
                       .progress = &progress_,
                       .bytes_scanned = &bytes_scanned_,
                       .scan_counters = &counters_};
    Status status = executor_->Run(root, context, [&](const Batch& batch) {
      std::istringstream lines(batch.ToString());
      for (std::string line; std::getline(lines, line);) {
        rows.push_back(line);
      }
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    std::sort(rows.begin(), rows.end());
    return rows;
  }

  // Reads every row of a planned scan through one source.
  std::vector<std::string> Drain(std::shared_ptr<ParquetScanPlan> plan) {
    ParquetScanSource source(std::move(plan));
    std::vector<std::string> rows;
    while (true) {
      Batch batch;
      Result<bool> more = source.Next(&batch);
      EXPECT_TRUE(more.ok()) << more.status().ToString();
      if (!more.ok() || !*more) {
        break;
      }
      std::istringstream lines(batch.ToString());
      for (std::string line; std::getline(lines, line);) {
        rows.push_back(line);
      }
    }
    return rows;
  }

  io::InMemoryFileSystem files_;
  lake::FileStore store_{files_, {.sync = false}};
  lake::Lake lake_{store_, store_};
  std::unique_ptr<Executor> executor_;
  functions::FunctionContext functions_;
  QueryProgress progress_;
  std::atomic<uint64_t> bytes_scanned_{0};
  ScanCounters counters_;
};

TEST_F(ParquetScanTest, ReadsEveryFileByNameAndSkipsHiddenOnes) {
  PutFile("file:///lake/t/a.parquet", 0, 3, 100);
  PutFile("file:///lake/t/sub/b.parquet", 10, 2, 100);
  ASSERT_OK(lake_.Write("file:///lake/t/_SUCCESS", "junk"));
  EXPECT_THAT(RunSorted(*Scan(Table(false), {1, 0})),
              ElementsAre("NULL | 0", "n0 | 10", "n1 | 1", "n1 | 11", "n2 | 2"));
  EXPECT_GT(bytes_scanned_.load(), 0u);
  EXPECT_EQ(progress_.rows_scanned.load(), 5u);
  EXPECT_EQ(counters_.files.load(), 2u);
}

TEST_F(ParquetScanTest, PartitionKeysAndPathAreConstantsOfTheFile) {
  PutFile("file:///lake/t/dt=2024-01-01/a", 1, 1, 100);
  PutFile("file:///lake/t/dt=2024-01-02/b", 2, 1, 100);
  std::shared_ptr<plan::ScanNode> scan = Scan(Table(true), {0, 2, plan::kScanPathColumn});
  scan->partitions = {{.values = {"2024-01-01"}, .location = "file:///lake/t/dt=2024-01-01"},
                      {.values = {"2024-01-02"}, .location = ""}};
  EXPECT_THAT(RunSorted(*scan), ElementsAre("1 | 2024-01-01 | file:///lake/t/dt=2024-01-01/a",
                                            "2 | 2024-01-02 | file:///lake/t/dt=2024-01-02/b"));
}

TEST_F(ParquetScanTest, RowGroupsTheStatisticsRuleOutAreSkipped) {
  PutFile("file:///lake/t/a.parquet", 0, 1000, 100);  // Ten row groups of 100 ids.
  std::shared_ptr<plan::ScanNode> scan = Scan(Table(false), {0});
  scan->filters = {testing::Greater(testing::Col(0), testing::Int(849))};
  auto filter = testing::FilterNode(scan, testing::Greater(testing::Col(0), testing::Int(849)));
  auto count = std::make_shared<plan::AggregateNode>();
  count->columns = {{.name = "count", .type = LogicalType::Bigint()}};
  count->inputs.push_back(filter);
  count->aggregates.push_back({.function = testing::Count(true)});
  EXPECT_THAT(RunSorted(*count), ElementsAre("150"));
  EXPECT_EQ(counters_.row_groups_skipped.load(), 8u);
  EXPECT_EQ(counters_.row_groups_read.load(), 2u);
  EXPECT_EQ(progress_.rows_scanned.load(), 200u);
}

TEST_F(ParquetScanTest, CountStarReadsNoColumnChunks) {
  PutFile("file:///lake/t/a.parquet", 0, 500, 100);
  auto count = std::make_shared<plan::AggregateNode>();
  count->columns = {{.name = "count", .type = LogicalType::Bigint()}};
  count->inputs.push_back(Scan(Table(false), {}));
  count->aggregates.push_back({.function = testing::Count(true)});
  EXPECT_THAT(RunSorted(*count), ElementsAre("500"));
  EXPECT_LE(bytes_scanned_.load(), 64u * 1024);  // The footer only.
}

TEST_F(ParquetScanTest, SplitsAreRunsOfRowGroupsOfAboutTheSplitSize) {
  PutFile("file:///lake/t/a.parquet", 0, 1000, 100);
  ParquetScanSpec spec;
  spec.columns = {{.kind = FileColumnKind::kFile, .type = LogicalType::Bigint(), .name = "id"}};
  spec.files = {{.uri = "file:///lake/t/a.parquet"}};
  spec.split_bytes = 1;
  ASSERT_OK_AND_ASSIGN(auto plan,
                       PlanParquetFileScan(spec, &lake_, Sequential, nullptr, nullptr, nullptr));
  EXPECT_THAT(plan->splits, SizeIs(10));
  spec.split_bytes = 1 << 20;
  ASSERT_OK_AND_ASSIGN(plan,
                       PlanParquetFileScan(spec, &lake_, Sequential, nullptr, nullptr, nullptr));
  ASSERT_THAT(plan->splits, SizeIs(1));
  EXPECT_THAT(plan->splits[0].row_groups, SizeIs(10));
}

TEST_F(ParquetScanTest, FileTasksDropDeletedPositionsAndReportPositionsByFieldId) {
  PutFile("file:///lake/t/a.parquet", 100, 6, 4);  // Row groups of 4 and 2 rows.
  ParquetScanSpec spec;
  spec.columns = {
      {.kind = FileColumnKind::kFile,
       .type = LogicalType::Bigint(),
       .name = "renamed",
       .field_id = 1},
      {.kind = FileColumnKind::kRowPosition, .type = LogicalType::Bigint()},
      {.kind = FileColumnKind::kConstant, .type = LogicalType::Varchar(), .constant_index = 0},
      {.kind = FileColumnKind::kFile,
       .type = LogicalType::Integer(),
       .name = "absent",
       .field_id = 9},
  };
  spec.files = {{.uri = "file:///lake/t/a.parquet",
                 .size = std::nullopt,
                 .constants = {Value::Varchar("p")},
                 .row_groups = std::nullopt,
                 .deleted_positions = std::make_shared<const std::vector<int64_t>>(
                     std::vector<int64_t>{0, 2, 3, 5})}};
  ASSERT_OK_AND_ASSIGN(auto plan,
                       PlanParquetFileScan(spec, &lake_, Sequential, nullptr, nullptr, nullptr));
  EXPECT_THAT(Drain(plan), ElementsAre("101 | 1 | p | NULL", "104 | 4 | p | NULL"));
}

TEST_F(ParquetScanTest, ExplicitRowGroupsAndPositionFiltersPlanOnlyThose) {
  PutFile("file:///lake/t/a.parquet", 0, 12, 4);  // Row groups 0..2.
  ParquetScanSpec spec;
  spec.columns = {{.kind = FileColumnKind::kFile, .type = LogicalType::Bigint(), .name = "id"},
                  {.kind = FileColumnKind::kRowPosition, .type = LogicalType::Bigint()}};
  spec.files = {{.uri = "file:///lake/t/a.parquet", .row_groups = std::vector<size_t>{1, 2}}};
  // _pos > 8 rules out row group 1 (positions 4..7).
  spec.filters = {testing::Greater(testing::Col(1), testing::Int(8))};
  ScanCounters counters;
  ASSERT_OK_AND_ASSIGN(auto plan,
                       PlanParquetFileScan(spec, &lake_, Sequential, nullptr, nullptr, &counters));
  ASSERT_THAT(plan->splits, SizeIs(1));
  EXPECT_THAT(plan->splits[0].row_groups, ElementsAre(2));
  EXPECT_EQ(counters.row_groups_skipped.load(), 1u);
  EXPECT_THAT(Drain(plan), ElementsAre("8 | 8", "9 | 9", "10 | 10", "11 | 11"));
}

TEST_F(ParquetScanTest, AFileThatIsNotParquetIsHiveCannotOpenSplit) {
  ASSERT_OK(lake_.Write("file:///lake/t/a.parquet", "this is not a parquet file at all"));
  ParquetScanSpec spec;
  spec.columns = {{.kind = FileColumnKind::kFile, .type = LogicalType::Bigint(), .name = "id"}};
  spec.files = {{.uri = "file:///lake/t/a.parquet"}};
  Result<std::shared_ptr<ParquetScanPlan>> plan =
      PlanParquetFileScan(spec, &lake_, Sequential, nullptr, nullptr, nullptr);
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(plan.status().ToString(), ::testing::HasSubstr("HIVE_CANNOT_OPEN_SPLIT"));
  EXPECT_THAT(plan.status().ToString(), ::testing::HasSubstr("file:///lake/t/a.parquet"));
}

TEST_F(ParquetScanTest, RecognisesAthenasSerdeAndInputFormatNames) {
  EXPECT_TRUE(IsParquetTable("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", ""));
  EXPECT_TRUE(IsParquetTable("", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"));
  EXPECT_FALSE(IsParquetTable("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                              "org.apache.hadoop.mapred.TextInputFormat"));
}

}  // namespace
}  // namespace stratus::sql::exec
