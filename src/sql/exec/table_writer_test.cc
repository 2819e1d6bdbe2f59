#include "sql/exec/table_writer.h"

#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/check.h"
#include "io/in_memory_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "sql/exec/executor.h"
#include "sql/exec/test_functions.h"
#include "sql/functions/function.h"
#include "sql/planner/logical_plan.h"
#include "testing/status_matchers.h"

namespace stratus::sql::exec {
namespace {

using ::testing::ElementsAre;

class TableWriterTest : public ::testing::Test {
 protected:
  TableWriterTest() {
    STRATUS_CHECK(files_.CreateDirectories("/lake").ok(), "setup");
    Result<std::unique_ptr<Executor>> executor = Executor::Open({.lake = &lake_, .threads = 2});
    STRATUS_CHECK(executor.ok(), "setup");
    executor_ = std::move(executor).value();
  }

  ~TableWriterTest() override { executor_->Stop(); }

  // Writes `rows` into `table` and returns the rows-written result.
  std::string Write(std::shared_ptr<catalog::TableDescriptor> table,
                    const std::vector<LogicalType>& types,
                    const std::vector<std::vector<Value>>& rows) {
    auto write = std::make_shared<plan::TableWriteNode>();
    write->columns = {{.name = "rows", .type = LogicalType::Bigint()}};
    write->inputs.push_back(testing::ValuesNode(types, rows));
    write->table = std::move(table);
    write->file_prefix = "query1";
    std::string out;
    RunContext context{.functions = &functions_,
                       .written_partitions = &partitions_,
                       .written_files = &written_files_};
    Status status = executor_->Run(*write, context, [&](const Batch& batch) {
      out += batch.ToString();
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    return out;
  }

  std::vector<std::string> Keys(const std::string& prefix) {
    std::vector<std::string> keys;
    Result<lake::ListPage> page = lake_.List(prefix);
    EXPECT_TRUE(page.ok());
    for (const lake::ObjectInfo& object : page->objects) {
      keys.push_back(object.key);
    }
    return keys;
  }

  io::InMemoryFileSystem files_;
  lake::FileStore store_{files_, {.sync = false}};
  lake::Lake lake_{store_, store_};
  std::unique_ptr<Executor> executor_;
  functions::FunctionContext functions_;
  std::vector<std::vector<std::string>> partitions_;
  std::vector<WrittenFile> written_files_;
};

std::shared_ptr<catalog::TableDescriptor> Table() {
  auto table = std::make_shared<catalog::TableDescriptor>();
  table->name = "t";
  table->location = "file:///lake/t";
  table->columns = {{.name = "id", .type = LogicalType::Bigint()},
                    {.name = "name", .type = LogicalType::Varchar()},
                    {.name = "price", .type = LogicalType::Double()}};
  return table;
}

TEST_F(TableWriterTest, WritesLazySimpleTextWithTheDefaultDelimiterAndNullFormat) {
  const std::vector<LogicalType> types = {LogicalType::Bigint(), LogicalType::Varchar(),
                                          LogicalType::Double()};
  EXPECT_EQ(Write(Table(), types,
                  {{Value::Bigint(1), Value::Varchar("a"), Value::Double(1.5)},
                   {Value::Bigint(2), Value::Null(LogicalType::Varchar()), Value::Double(10)}}),
            "2\n");
  EXPECT_THAT(Keys("file:///lake/t/"), ElementsAre("/lake/t/query1_0"));
  EXPECT_EQ(lake_.Read("file:///lake/t/query1_0").value(),
            "1\x01"
            "a\x01"
            "1.5\n2\x01\\N\x01"
            "10.0\n");
}

TEST_F(TableWriterTest, OpenCsvQuotesEveryField) {
  auto table = Table();
  table->serde_library = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
  Write(table, {LogicalType::Bigint(), LogicalType::Varchar(), LogicalType::Double()},
        {{Value::Bigint(1), Value::Varchar("say \"hi\""), Value::Double(2)}});
  EXPECT_EQ(lake_.Read("file:///lake/t/query1_0").value(), "\"1\",\"say \\\"hi\\\"\",\"2.0\"\n");
}

TEST_F(TableWriterTest, PartitionedTablesWriteUnderKeyValueDirectories) {
  auto table = Table();
  table->columns.pop_back();
  table->partition_keys = {{.name = "region", .type = LogicalType::Varchar()}};
  const std::vector<LogicalType> types = {LogicalType::Bigint(), LogicalType::Varchar(),
                                          LogicalType::Varchar()};
  EXPECT_EQ(Write(table, types,
                  {{Value::Bigint(1), Value::Varchar("a"), Value::Varchar("eu/west")},
                   {Value::Bigint(2), Value::Varchar("b"), Value::Null(LogicalType::Varchar())}}),
            "2\n");
  EXPECT_THAT(Keys("file:///lake/t/"),
              ElementsAre("/lake/t/region=__HIVE_DEFAULT_PARTITION__/query1_0",
                          "/lake/t/region=eu%2Fwest/query1_1"));
  EXPECT_THAT(partitions_,
              ElementsAre(ElementsAre("eu/west"), ElementsAre("__HIVE_DEFAULT_PARTITION__")));
}

TEST_F(TableWriterTest, GzipCompressionAddsTheExtensionAndReadsBack) {
  auto table = Table();
  table->table_properties = {{"write.compression", "gzip"}};
  Write(table, {LogicalType::Bigint(), LogicalType::Varchar(), LogicalType::Double()},
        {{Value::Bigint(7), Value::Varchar("x"), Value::Double(0.25)}});
  EXPECT_THAT(Keys("file:///lake/t/"), ElementsAre("/lake/t/query1_0.gz"));
  auto scan = std::make_shared<plan::ScanNode>();
  scan->columns = {{.name = "id", .type = LogicalType::Bigint()},
                   {.name = "price", .type = LogicalType::Double()}};
  scan->table = table;
  scan->table_columns = {0, 2};
  std::string out;
  RunContext context{.functions = &functions_};
  ASSERT_OK(executor_->Run(*scan, context, [&](const Batch& batch) {
    out += batch.ToString();
    return Status::Ok();
  }));
  EXPECT_EQ(out, "7 | 0.25\n");
}

TEST_F(TableWriterTest, ZstdAndBzip2FilesReadBackToo) {
  for (const auto& [codec, extension] : {std::pair<std::string, std::string>{"ZSTD", ".zst"},
                                         std::pair<std::string, std::string>{"BZIP2", ".bz2"}}) {
    auto table = Table();
    table->location = "file:///lake/" + codec;
    table->table_properties = {{"write_compression", codec}};
    Write(table, {LogicalType::Bigint(), LogicalType::Varchar(), LogicalType::Double()},
          {{Value::Bigint(3), Value::Varchar("z"), Value::Double(1)}});
    EXPECT_THAT(Keys(table->location + "/"),
                ElementsAre("/lake/" + codec + "/query1_0" + extension));
    auto scan = std::make_shared<plan::ScanNode>();
    scan->columns = {{.name = "name", .type = LogicalType::Varchar()}};
    scan->table = table;
    scan->table_columns = {1};
    std::string out;
    RunContext context{.functions = &functions_};
    ASSERT_OK(executor_->Run(*scan, context, [&](const Batch& batch) {
      out += batch.ToString();
      return Status::Ok();
    }));
    EXPECT_EQ(out, "z\n");
  }
}

std::shared_ptr<catalog::TableDescriptor> ParquetTable() {
  auto table = Table();
  table->serde_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
  table->input_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
  return table;
}

TEST_F(TableWriterTest, ParquetTablesWriteGzipParquetFilesAndRecordThem) {
  const std::vector<LogicalType> types = {LogicalType::Bigint(), LogicalType::Varchar(),
                                          LogicalType::Double()};
  EXPECT_EQ(Write(ParquetTable(), types,
                  {{Value::Bigint(1), Value::Varchar("a"), Value::Double(1.5)},
                   {Value::Bigint(2), Value::Null(LogicalType::Varchar()), Value::Double(10)}}),
            "2\n");
  EXPECT_THAT(Keys("file:///lake/t/"), ElementsAre("/lake/t/query1_0"));
  ASSERT_EQ(written_files_.size(), 1u);
  const WrittenFile& file = written_files_[0];
  EXPECT_EQ(file.uri, "file:///lake/t/query1_0");
  EXPECT_EQ(file.num_rows, 2u);
  EXPECT_EQ(file.size_bytes, lake_.Read(file.uri).value().size());
  ASSERT_NE(file.parquet_metadata, nullptr);
  ASSERT_EQ(file.parquet_metadata->row_groups.size(), 1u);
  const formats::parquet::ColumnChunk& chunk = file.parquet_metadata->row_groups[0].columns[1];
  ASSERT_TRUE(chunk.meta_data.has_value());
  EXPECT_EQ(chunk.meta_data->codec, formats::parquet::Codec::kGzip);  // Athena's default.
  EXPECT_EQ(chunk.meta_data->statistics.null_count, 1);

  auto scan = std::make_shared<plan::ScanNode>();
  scan->columns = {{.name = "name", .type = LogicalType::Varchar()},
                   {.name = "price", .type = LogicalType::Double()}};
  scan->table = ParquetTable();
  scan->table_columns = {1, 2};
  std::string out;
  RunContext context{.functions = &functions_};
  ASSERT_OK(executor_->Run(*scan, context, [&](const Batch& batch) {
    out += batch.ToString();
    return Status::Ok();
  }));
  EXPECT_EQ(out, "a | 1.5\nNULL | 10.0\n");
}

TEST_F(TableWriterTest, PartitionedParquetWritesOneFilePerPartitionWithItsValues) {
  auto table = ParquetTable();
  table->columns.pop_back();
  table->partition_keys = {{.name = "day", .type = LogicalType::Date()}};
  table->table_properties = {{"parquet.compression", "SNAPPY"}};
  const std::vector<LogicalType> types = {LogicalType::Bigint(), LogicalType::Varchar(),
                                          LogicalType::Date()};
  Write(table, types,
        {{Value::Bigint(1), Value::Varchar("a"), Value::Date(1)},
         {Value::Bigint(2), Value::Varchar("b"), Value::Date(2)},
         {Value::Bigint(3), Value::Varchar("c"), Value::Date(1)}});
  EXPECT_THAT(Keys("file:///lake/t/"),
              ElementsAre("/lake/t/day=1970-01-02/query1_0", "/lake/t/day=1970-01-03/query1_1"));
  ASSERT_EQ(written_files_.size(), 2u);
  std::sort(written_files_.begin(), written_files_.end(),
            [](const WrittenFile& a, const WrittenFile& b) { return a.uri < b.uri; });
  EXPECT_EQ(written_files_[0].num_rows, 2u);
  EXPECT_THAT(written_files_[0].partition_path_values, ElementsAre("1970-01-02"));
  EXPECT_THAT(written_files_[0].partition_values, ElementsAre(Value::Date(1)));
  EXPECT_EQ(written_files_[0].parquet_metadata->row_groups[0].columns[0].meta_data->codec,
            formats::parquet::Codec::kSnappy);
}

TEST_F(TableWriterTest, AthenaCompressionNamesMapToParquetCodecs) {
  EXPECT_EQ(ParquetCodecByName("").value(), formats::parquet::Codec::kGzip);
  EXPECT_EQ(ParquetCodecByName("snappy").value(), formats::parquet::Codec::kSnappy);
  EXPECT_EQ(ParquetCodecByName("ZSTD").value(), formats::parquet::Codec::kZstd);
  EXPECT_EQ(ParquetCodecByName("NONE").value(), formats::parquet::Codec::kUncompressed);
  EXPECT_FALSE(ParquetCodecByName("BROTLI").ok());
}

TEST_F(TableWriterTest, PartitionValuesEscapeHivesSpecialCharacters) {
  EXPECT_EQ(EscapePartitionValue("a/b=c:d"), "a%2Fb%3Dc%3Ad");
  EXPECT_EQ(EscapePartitionValue("plain-value_1"), "plain-value_1");
}

}  // namespace
}  // namespace stratus::sql::exec
