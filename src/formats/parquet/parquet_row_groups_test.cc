// Row groups as the planner sees them: listed with row counts and
// statistics, and read one at a time (a DuckDB-written file of three row
// groups, testdata/README.md).

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "formats/parquet/parquet_split_reader.h"
#include "formats/text/string_object_reader.h"
#include "sql/types/value.h"
#include "sql/vector/batch.h"

namespace stratus::formats::parquet {
namespace {

using sql::LogicalType;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(ParquetRowGroupsTest, RowGroupsListWithRowCountsAndStatistics) {
  const std::string bytes = ReadFile(std::string(STRATUS_PARQUET_TESTDATA) + "/row_groups.parquet");
  text::StringObjectReader source(bytes);
  Result<FileMetaData> footer = ReadParquetFooter(source);
  ASSERT_TRUE(footer.ok()) << footer.status().ToString();
  Result<std::vector<RowGroupInfo>> groups = ListRowGroups(*footer);
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  ASSERT_EQ(groups->size(), 3u);
  int64_t rows = 0;
  for (const RowGroupInfo& group : *groups) {
    rows += group.num_rows;
    ASSERT_EQ(group.columns.size(), 2u);
    EXPECT_EQ(group.columns[0].name, "i32");
    ASSERT_TRUE(group.columns[0].min_value.has_value());
    ASSERT_EQ(group.columns[0].min_value->size(), 4u);
  }
  EXPECT_EQ(rows, 5000);
  EXPECT_EQ((*groups)[1].num_rows, 2048);
  int32_t second_min = 0;
  std::memcpy(&second_min, (*groups)[1].columns[0].min_value->data(), 4);
  EXPECT_EQ(second_min, 5144);
  EXPECT_EQ((*groups)[1].columns[0].min, sql::Value::Integer(5144));
  EXPECT_EQ((*groups)[1].columns[0].max, sql::Value::Integer(11285));
  EXPECT_EQ((*groups)[2].columns[1].max, sql::Value::Bigint(9));
}

TEST(ParquetRowGroupsTest, ChosenRowGroupsAloneAreRead) {
  const std::string bytes = ReadFile(std::string(STRATUS_PARQUET_TESTDATA) + "/row_groups.parquet");
  text::StringObjectReader source(bytes);
  auto reader = ParquetSplitReader::Open(
      source, ParquetSplit{.columns = {{"I32", LogicalType::Bigint()}}, .row_groups = {1}});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  sql::Batch batch;
  Result<bool> more = (*reader)->Next(&batch);
  ASSERT_TRUE(more.ok() && *more);
  EXPECT_EQ(batch.num_rows(), 2048u);
  EXPECT_EQ(batch.column(0).values<int64_t>()[0], 5144);
  more = (*reader)->Next(&batch);
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
}

}  // namespace
}  // namespace stratus::formats::parquet
