// Reads every Parquet file of the Iceberg conformance fixtures (written by
// Athena, Spark, the Iceberg Java library and others) when the folder is
// there: each flat column reads to the end and the row count matches the
// footer. Skips when the folder is absent.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "formats/parquet/parquet_split_reader.h"
#include "formats/text/string_object_reader.h"
#include "sql/vector/batch.h"

namespace stratus::formats::parquet {
namespace {

constexpr const char* kFixtures = "/work/shared/conformance/iceberg";

TEST(ParquetConformanceTest, EveryIcebergFixtureFileReadsWhole) {
  if (!std::filesystem::is_directory(kFixtures)) {
    GTEST_SKIP() << kFixtures << " is absent";
  }
  size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kFixtures)) {
    if (entry.path().extension() != ".parquet") {
      continue;
    }
    ++files;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const text::StringObjectReader source(buffer.str());
    Result<FileMetaData> footer = ReadParquetFooter(source);
    ASSERT_TRUE(footer.ok()) << entry.path() << ": " << footer.status().ToString();
    Result<std::vector<ParquetColumn>> columns = InferColumns(*footer);
    ASSERT_TRUE(columns.ok()) << entry.path() << ": " << columns.status().ToString();
    EXPECT_FALSE(columns->empty()) << entry.path();
    auto reader = ParquetSplitReader::Open(source, ParquetSplit{.columns = *columns});
    ASSERT_TRUE(reader.ok()) << entry.path() << ": " << reader.status().ToString();
    sql::Batch batch;
    int64_t rows = 0;
    for (;;) {
      Result<bool> more = (*reader)->Next(&batch);
      ASSERT_TRUE(more.ok()) << entry.path() << ": " << more.status().ToString();
      if (!*more) {
        break;
      }
      rows += static_cast<int64_t>(batch.num_rows());
      (void)batch.ToString();
    }
    EXPECT_EQ(rows, footer->num_rows) << entry.path();
  }
  EXPECT_GT(files, 0u);
}

TEST(ParquetConformanceTest, AthenaWrittenFileHoldsAliceAndBob) {
  const std::string directory = std::string(kFixtures) + "/icebird/athena/example/data";
  if (!std::filesystem::is_directory(directory)) {
    GTEST_SKIP() << directory << " is absent";
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (entry.path().extension() != ".parquet") {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const text::StringObjectReader source(buffer.str());
    auto reader = ParquetSplitReader::Open(
        source, ParquetSplit{.columns = {{"id", sql::LogicalType::Integer()},
                                         {"name", sql::LogicalType::Varchar()}}});
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    sql::Batch batch;
    ASSERT_TRUE((*reader)->Next(&batch).value());
    EXPECT_EQ(batch.ToString(), "1 | Alice\n2 | Bob\n");
  }
}

}  // namespace
}  // namespace stratus::formats::parquet
