#include "sql/exec/text_scan.h"

#include <algorithm>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/check.h"
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

class TextScanTest : public ::testing::Test {
 protected:
  TextScanTest() {
    STRATUS_CHECK(files_.CreateDirectories("/lake").ok(), "setup");
    Result<std::unique_ptr<Executor>> executor =
        Executor::Open({.lake = &lake_, .threads = 3, .text_split_bytes = 64 << 10});
    STRATUS_CHECK(executor.ok(), "setup");
    executor_ = std::move(executor).value();
  }

  ~TextScanTest() override { executor_->Stop(); }

  void Put(const std::string& uri, const std::string& bytes) { ASSERT_OK(lake_.Write(uri, bytes)); }

  std::shared_ptr<catalog::TableDescriptor> Table(bool partitioned) {
    auto table = std::make_shared<catalog::TableDescriptor>();
    table->database = "db";
    table->name = "t";
    table->location = "file:///lake/t/";
    table->columns = {{.name = "id", .type = LogicalType::Bigint()},
                      {.name = "name", .type = LogicalType::Varchar()}};
    table->serde_properties = {{"field.delim", ","}};
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
      scan->columns.push_back({.name = all[column].name, .type = all[column].type});
    }
    scan->table = std::move(table);
    scan->table_columns = std::move(columns);
    return scan;
  }

  std::vector<std::string> RunSorted(const plan::Node& root) {
    std::vector<std::string> rows;
    RunContext context{
        .functions = &functions_, .progress = &progress_, .bytes_scanned = &bytes_scanned_};
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

  io::InMemoryFileSystem files_;
  lake::FileStore store_{files_, {.sync = false}};
  lake::Lake lake_{store_, store_};
  std::unique_ptr<Executor> executor_;
  functions::FunctionContext functions_;
  QueryProgress progress_;
  std::atomic<uint64_t> bytes_scanned_{0};
};

TEST_F(TextScanTest, ReadsEveryFileUnderTheLocationAndSkipsHiddenOnes) {
  Put("file:///lake/t/a.csv", "1,one\n2,two\n");
  Put("file:///lake/t/sub/b.csv", "3,three\n");
  Put("file:///lake/t/_SUCCESS", "junk\n");
  Put("file:///lake/t/.hidden", "9,nine\n");
  EXPECT_THAT(RunSorted(*Scan(Table(false), {1, 0})),
              ElementsAre("one | 1", "three | 3", "two | 2"));
  EXPECT_EQ(bytes_scanned_.load(), 20u);
  EXPECT_EQ(progress_.splits_done.load(), 2u);
  EXPECT_EQ(progress_.rows_scanned.load(), 3u);
}

TEST_F(TextScanTest, MalformedFieldsAreNullsAndCountStarNeedsNoColumns) {
  Put("file:///lake/t/a.csv", "x,one\n2\n");
  EXPECT_THAT(RunSorted(*Scan(Table(false), {0, 1})), ElementsAre("2 | NULL", "NULL | one"));
  auto count = std::make_shared<plan::AggregateNode>();
  count->columns = {{.name = "count", .type = LogicalType::Bigint()}};
  count->inputs.push_back(Scan(Table(false), {}));
  count->aggregates.push_back({.function = testing::Count(true)});
  EXPECT_THAT(RunSorted(*count), ElementsAre("2"));
}

TEST_F(TextScanTest, LargeFilesAreSplitAndEveryLineReadOnce) {
  std::string bytes;
  int64_t expected = 0;
  for (int64_t i = 0; i < 200000; ++i) {
    bytes += std::to_string(i) + ",name" + std::to_string(i % 100) + "\n";
    expected += i;
  }
  ASSERT_GT(bytes.size(), 20u * (64 << 10));
  Put("file:///lake/t/big.csv", bytes);
  auto sum = std::make_shared<plan::AggregateNode>();
  sum->columns = {{.name = "sum", .type = LogicalType::Bigint()},
                  {.name = "count", .type = LogicalType::Bigint()}};
  sum->inputs.push_back(Scan(Table(false), {0}));
  sum->aggregates.push_back({.function = testing::SumBigint(), .args = {testing::Col(0)}});
  sum->aggregates.push_back({.function = testing::Count(true)});
  EXPECT_THAT(RunSorted(*sum), ElementsAre(std::to_string(expected) + " | 200000"));
  EXPECT_GT(progress_.splits_total.load(), 20u);
}

TEST_F(TextScanTest, PartitionKeysAreConstantsAndFiltersPrunePartitions) {
  Put("file:///lake/t/dt=2024-01-01/a.csv", "1,one\n");
  Put("file:///lake/t/dt=2024-01-02/a.csv", "2,two\n");
  std::shared_ptr<plan::ScanNode> scan = Scan(Table(true), {0, 2});
  scan->partitions = {{.values = {"2024-01-01"}, .location = "file:///lake/t/dt=2024-01-01"},
                      {.values = {"2024-01-02"}, .location = ""}};
  EXPECT_THAT(RunSorted(*scan), ElementsAre("1 | 2024-01-01", "2 | 2024-01-02"));

  // dt IS NULL matches no partition: nothing is listed or read.
  scan->filters = {plan::MakeSpecial(plan::ExprKind::kIsNull, LogicalType::Boolean(),
                                     {plan::MakeColumn(1, LogicalType::Date())})};
  bytes_scanned_.store(0);
  EXPECT_THAT(RunSorted(*scan), ElementsAre());
  EXPECT_EQ(bytes_scanned_.load(), 0u);
}

TEST_F(TextScanTest, PartitionValuesParseAsTheKeysType) {
  EXPECT_EQ(ParsePartitionValue("42", LogicalType::Bigint()), Value::Bigint(42));
  EXPECT_EQ(ParsePartitionValue("x", LogicalType::Bigint()), Value::Null(LogicalType::Bigint()));
  EXPECT_EQ(ParsePartitionValue("__HIVE_DEFAULT_PARTITION__", LogicalType::Varchar()),
            Value::Null(LogicalType::Varchar()));
  EXPECT_EQ(ParsePartitionValue("us", LogicalType::Varchar()), Value::Varchar("us"));
}

TEST_F(TextScanTest, AMissingLocationReadsAsEmpty) {
  EXPECT_THAT(RunSorted(*Scan(Table(false), {0})), ElementsAre());
}

}  // namespace
}  // namespace stratus::sql::exec
