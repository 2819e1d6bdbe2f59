// Reads Parquet files written by DuckDB (testdata/README.md) and checks
// their values against the formulas that made them.

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "formats/parquet/parquet_split_reader.h"
#include "formats/text/string_object_reader.h"
#include "sql/types/int128.h"
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

std::vector<ParquetColumn> FixtureColumns() {
  return {{"b", LogicalType::Boolean()},
          {"i32", LogicalType::Integer()},
          {"i64", LogicalType::Bigint()},
          {"f", LogicalType::Real()},
          {"d", LogicalType::Double()},
          {"s", LogicalType::Varchar()},
          {"dt", LogicalType::Date()},
          {"ts", LogicalType::Timestamp()},
          {"dec9", LogicalType::Decimal(9, 2)},
          {"dec18", LogicalType::Decimal(18, 3)},
          {"dec38", LogicalType::Decimal(38, 0)},
          {"i8", LogicalType::Tinyint()},
          {"i16", LogicalType::Smallint()}};
}

class ParquetFixtureTest : public testing::TestWithParam<const char*> {};

TEST_P(ParquetFixtureTest, DuckDbFileReadsWithTheValuesItWasWrittenWith) {
  const std::string bytes = ReadFile(std::string(STRATUS_PARQUET_TESTDATA) + "/" + GetParam());
  ASSERT_FALSE(bytes.empty());
  text::StringObjectReader source(bytes);
  auto reader = ParquetSplitReader::Open(source, ParquetSplit{.columns = FixtureColumns()});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  sql::Batch batch;
  int64_t row = 0;
  int64_t sum_i32 = 0;
  int64_t sum_i64 = 0;
  int64_t count_s = 0;
  int64_t min_ts = INT64_MAX;
  sql::Int128 sum_dec18 = 0;
  for (;;) {
    Result<bool> more = (*reader)->Next(&batch);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) {
      break;
    }
    for (size_t r = 0; r < batch.num_rows(); ++r, ++row) {
      const int64_t i = row;
      ASSERT_EQ(batch.column(0).IsNull(r), i % 7 == 0) << i;
      if (i % 7 != 0) {
        EXPECT_EQ(batch.column(0).values<uint8_t>()[r], i % 3 == 0 ? 1 : 0) << i;
      }
      ASSERT_EQ(batch.column(1).IsNull(r), i % 7 == 1) << i;
      if (i % 7 != 1) {
        EXPECT_EQ(batch.column(1).values<int32_t>()[r], i * 37 - 500);
        sum_i32 += batch.column(1).values<int32_t>()[r];
      }
      if (!batch.column(2).IsNull(r)) {
        EXPECT_EQ(batch.column(2).values<int64_t>()[r], i * 1000000007 - 5);
        sum_i64 += batch.column(2).values<int64_t>()[r];
      }
      EXPECT_FLOAT_EQ(batch.column(3).values<float>()[r], static_cast<float>(i) / 4);
      if (!batch.column(4).IsNull(r)) {
        EXPECT_DOUBLE_EQ(batch.column(4).values<double>()[r], static_cast<double>(i) * 1.5 - 100);
      }
      ASSERT_EQ(batch.column(5).IsNull(r), i % 7 == 4) << i;
      if (i % 7 != 4) {
        std::string expected = "name_" + std::to_string(i % 13);
        if (i % 5 == 0) {
          expected += "_a_long_suffix_beyond_twelve";
        }
        EXPECT_EQ(batch.column(5).values<sql::StringView>()[r].view(), expected);
        ++count_s;
      }
      if (!batch.column(6).IsNull(r)) {
        EXPECT_EQ(batch.column(6).values<int32_t>()[r], 19723 + i - 50);  // 2024-01-01 is 19723.
      }
      if (!batch.column(7).IsNull(r)) {
        min_ts = std::min(min_ts, batch.column(7).values<int64_t>()[r]);
      }
      sum_dec18 += batch.column(9).values<int64_t>()[r];
      EXPECT_EQ(
          batch.column(10).values<sql::Int128>()[r],
          static_cast<sql::Int128>(i) * static_cast<sql::Int128>(123456789012345678ULL) * 1000 +
              static_cast<sql::Int128>(i) * 901 - 7);
      EXPECT_EQ(batch.column(11).values<int8_t>()[r], i % 100 - 50);
      EXPECT_EQ(batch.column(12).values<int16_t>()[r], i * 100 - 5000);
    }
  }
  EXPECT_EQ(row, 300);
  EXPECT_EQ(sum_i32, 1295482);
  EXPECT_EQ(sum_i64, 38443000267816);
  EXPECT_EQ(count_s, 257);
  EXPECT_EQ(min_ts, 1709204400000);  // 2024-02-29 11:00:00.
  EXPECT_TRUE(sum_dec18 == 55367370211350);
}

TEST_P(ParquetFixtureTest, EveryColumnReadsAloneToTheEnd) {
  const std::string bytes = ReadFile(std::string(STRATUS_PARQUET_TESTDATA) + "/" + GetParam());
  text::StringObjectReader source(bytes);
  for (const ParquetColumn& column : FixtureColumns()) {
    auto reader = ParquetSplitReader::Open(source, ParquetSplit{.columns = {column}});
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    sql::Batch batch;
    size_t rows = 0;
    for (;;) {
      Result<bool> more = (*reader)->Next(&batch);
      ASSERT_TRUE(more.ok()) << column.name << ": " << more.status().ToString();
      if (!*more) {
        break;
      }
      rows += batch.num_rows();
    }
    EXPECT_EQ(rows, 300u) << column.name;
  }
}

INSTANTIATE_TEST_SUITE_P(DuckDb,
                         ParquetFixtureTest,
                         testing::Values("types_snappy.parquet",
                                         "types_zstd.parquet",
                                         "types_gzip.parquet",
                                         "types_lz4.parquet",
                                         "types_uncompressed_v2.parquet"));

}  // namespace
}  // namespace stratus::formats::parquet
