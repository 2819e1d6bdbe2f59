#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "formats/parquet/parquet_split_reader.h"
#include "formats/parquet/parquet_writer.h"
#include "formats/text/string_object_reader.h"
#include "sql/types/value.h"
#include "sql/vector/batch.h"
#include "sql/vector/vector.h"

namespace stratus::formats::parquet {
namespace {

using sql::LogicalType;
using sql::Value;

std::vector<ParquetColumn> AllTypes() {
  return {{"b", LogicalType::Boolean()},
          {"t", LogicalType::Tinyint()},
          {"s", LogicalType::Smallint()},
          {"i", LogicalType::Integer()},
          {"l", LogicalType::Bigint()},
          {"r", LogicalType::Real()},
          {"d", LogicalType::Double()},
          {"short_dec", LogicalType::Decimal(10, 2)},
          {"long_dec", LogicalType::Decimal(30, 5)},
          {"dt", LogicalType::Date()},
          {"ts", LogicalType::Timestamp()},
          {"name", LogicalType::Varchar()},
          {"bytes", LogicalType::Varbinary()}};
}

// Row i's value of column c, NULL on every 5th row shifted by column.
Value ValueAt(const ParquetColumn& column, size_t c, int64_t i) {
  if ((i + static_cast<int64_t>(c)) % 5 == 0) {
    return Value::Null(column.type);
  }
  switch (c) {
    case 0:
      return Value::Boolean(i % 3 == 0);
    case 1:
      return Value::Tinyint(static_cast<int8_t>(i % 200 - 100));
    case 2:
      return Value::Smallint(static_cast<int16_t>(i * 7 - 30000));
    case 3:
      return Value::Integer(static_cast<int32_t>(i * 1001 - 5000000));
    case 4:
      return Value::Bigint(i * 1000000007 - 99);
    case 5:
      return Value::Real(static_cast<float>(i) / 8);
    case 6:
      return Value::Double(static_cast<double>(i) * 0.25 - 7);
    case 7:
      return Value::Decimal(column.type, i * 12345 - 600000);
    case 8:
      return Value::Decimal(column.type,
                            static_cast<sql::Int128>(i - 2000) * 1000000000000000000 * 1000);
    case 9:
      return Value::Date(static_cast<int32_t>(i - 1000));
    case 10:
      return Value::Timestamp(i * 86399999 - 1000000);
    case 11:
      return Value::Varchar("user_" + std::to_string(i % 50) +
                            (i % 4 == 0 ? "_with_a_long_tail" : ""));
    default:
      return Value::Varbinary(std::string(static_cast<size_t>(i % 20), static_cast<char>(i)));
  }
}

std::vector<sql::Batch> MakeBatches(const std::vector<ParquetColumn>& columns, int64_t rows) {
  std::vector<sql::Batch> batches;
  for (int64_t first = 0; first < rows; first += 1000) {
    const size_t n = static_cast<size_t>(std::min<int64_t>(1000, rows - first));
    std::vector<sql::Vector> vectors;
    for (size_t c = 0; c < columns.size(); ++c) {
      sql::Vector vector(columns[c].type, n);
      for (size_t r = 0; r < n; ++r) {
        vector.SetValue(r, ValueAt(columns[c], c, first + static_cast<int64_t>(r)));
      }
      vector.set_size(n);
      vectors.push_back(std::move(vector));
    }
    batches.emplace_back(std::move(vectors), n);
  }
  return batches;
}

// Reads every row back and compares it with ValueAt.
void ExpectRoundTrip(const std::string& bytes,
                     const std::vector<ParquetColumn>& columns,
                     int64_t rows) {
  text::StringObjectReader source(bytes);
  auto reader = ParquetSplitReader::Open(source, ParquetSplit{.columns = columns});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  sql::Batch batch;
  int64_t row = 0;
  for (;;) {
    Result<bool> more = (*reader)->Next(&batch);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) {
      break;
    }
    for (size_t r = 0; r < batch.num_rows(); ++r, ++row) {
      for (size_t c = 0; c < columns.size(); ++c) {
        ASSERT_EQ(batch.column(c).GetValue(r), ValueAt(columns[c], c, row))
            << columns[c].name << " row " << row << ": " << batch.column(c).GetValue(r).ToString();
      }
    }
  }
  EXPECT_EQ(row, rows);
}

TEST(ParquetRoundTripTest, EveryTypeAndNullSurvivesWriteThenRead) {
  const std::vector<ParquetColumn> columns = AllTypes();
  Result<std::string> bytes = WriteParquet(columns, MakeBatches(columns, 5000));
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  ExpectRoundTrip(*bytes, columns, 5000);
}

TEST(ParquetRoundTripTest, EveryCodecSmallPagesAndRowGroupsRoundTrip) {
  const std::vector<ParquetColumn> columns = AllTypes();
  for (Codec codec :
       {Codec::kUncompressed, Codec::kSnappy, Codec::kGzip, Codec::kZstd, Codec::kLz4Raw}) {
    Result<std::string> bytes = WriteParquet(
        columns, MakeBatches(columns, 3000),
        ParquetWriterOptions{.codec = codec, .row_group_bytes = 20000, .page_rows = 333});
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    ExpectRoundTrip(*bytes, columns, 3000);
    text::StringObjectReader source(*bytes);
    Result<FileMetaData> footer = ReadParquetFooter(source);
    ASSERT_TRUE(footer.ok());
    EXPECT_GT(footer->row_groups.size(), 1u);
  }
}

TEST(ParquetRoundTripTest, DataPagesV2RoundTripWithEveryCodec) {
  const std::vector<ParquetColumn> columns = AllTypes();
  for (Codec codec :
       {Codec::kUncompressed, Codec::kSnappy, Codec::kGzip, Codec::kZstd, Codec::kLz4Raw}) {
    Result<std::string> bytes =
        WriteParquet(columns, MakeBatches(columns, 2500),
                     ParquetWriterOptions{.codec = codec, .page_rows = 700, .data_page_v2 = true});
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    ExpectRoundTrip(*bytes, columns, 2500);
  }
}

TEST(ParquetRoundTripTest, FieldIdsFindRenamedColumnsAndKeyValuesAreKept) {
  const std::vector<ParquetColumn> written = {{"id", LogicalType::Bigint(), 1},
                                              {"old_name", LogicalType::Varchar(), 2}};
  std::vector<sql::Vector> vectors = {sql::Vector(LogicalType::Bigint(), 2),
                                      sql::Vector(LogicalType::Varchar(), 2)};
  vectors[0].SetValue(0, Value::Bigint(7));
  vectors[0].SetValue(1, Value::Bigint(8));
  vectors[1].SetValue(0, Value::Varchar("x"));
  vectors[1].SetValue(1, Value::Null(LogicalType::Varchar()));
  for (sql::Vector& vector : vectors) {
    vector.set_size(2);
  }
  std::vector<sql::Batch> batches;
  batches.emplace_back(std::move(vectors), 2);
  Result<std::string> bytes = WriteParquet(
      written, batches,
      ParquetWriterOptions{.key_value_metadata = {{.key = "iceberg.schema", .value = "{}"}}});
  ASSERT_TRUE(bytes.ok());
  text::StringObjectReader source(*bytes);
  auto reader = ParquetSplitReader::Open(
      source, ParquetSplit{.columns = {{"new_name", LogicalType::Varchar(), 2}}});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  sql::Batch batch;
  ASSERT_TRUE((*reader)->Next(&batch).value());
  EXPECT_EQ(batch.ToString(), "x\nNULL\n");
  EXPECT_EQ((*reader)->metadata().key_value_metadata.at(0).key, "iceberg.schema");
  Result<std::vector<ParquetColumn>> inferred = InferColumns((*reader)->metadata());
  ASSERT_TRUE(inferred.ok());
  EXPECT_EQ(inferred->at(1).field_id, 2);
}

TEST(ParquetRoundTripTest, MicrosTimestampsReadBackAsMillis) {
  const std::vector<ParquetColumn> columns = AllTypes();
  Result<std::string> bytes = WriteParquet(columns, MakeBatches(columns, 100),
                                           ParquetWriterOptions{.timestamp_micros = true});
  ASSERT_TRUE(bytes.ok());
  ExpectRoundTrip(*bytes, columns, 100);
}

TEST(ParquetRoundTripTest, StringsFallBackToPlainWhenTheDictionaryGrowsTooBig) {
  const std::vector<ParquetColumn> columns = AllTypes();
  Result<std::string> bytes = WriteParquet(columns, MakeBatches(columns, 2000),
                                           ParquetWriterOptions{.max_dictionary_bytes = 100});
  ASSERT_TRUE(bytes.ok());
  ExpectRoundTrip(*bytes, columns, 2000);
  text::StringObjectReader source(*bytes);
  Result<FileMetaData> footer = ReadParquetFooter(source);
  ASSERT_TRUE(footer.ok());
  EXPECT_FALSE(footer->row_groups[0].columns[11].meta_data->dictionary_page_offset.has_value());
}

TEST(ParquetRoundTripTest, StatisticsHoldMinMaxAndNullCounts) {
  const std::vector<ParquetColumn> columns = AllTypes();
  Result<std::string> bytes = WriteParquet(columns, MakeBatches(columns, 1000));
  ASSERT_TRUE(bytes.ok());
  text::StringObjectReader source(*bytes);
  Result<FileMetaData> footer = ReadParquetFooter(source);
  ASSERT_TRUE(footer.ok());
  Result<std::vector<RowGroupInfo>> groups = ListRowGroups(*footer);
  ASSERT_TRUE(groups.ok());
  const ColumnStatistics& ints = (*groups)[0].columns[3];
  EXPECT_EQ(ints.null_count, 200);
  int32_t min = 0;
  int32_t max = 0;
  std::memcpy(&min, ints.min_value->data(), 4);
  std::memcpy(&max, ints.max_value->data(), 4);
  EXPECT_EQ(min, -5000000);  // Row 0.
  EXPECT_EQ(max, 999 * 1001 - 5000000);
  EXPECT_EQ((*groups)[0].columns[11].min_value, "user_0");
  // Decoded as values too, for pruning.
  EXPECT_EQ((*groups)[0].columns[3].min, Value::Integer(-5000000));
  EXPECT_EQ((*groups)[0].columns[7].max, Value::Decimal(columns[7].type, 999 * 12345 - 600000));
  EXPECT_EQ((*groups)[0].columns[8].min,
            Value::Decimal(columns[8].type,
                           static_cast<sql::Int128>(0 - 2000) * 1000000000000000000 * 1000));
  EXPECT_EQ((*groups)[0].columns[10].max, Value::Timestamp(999 * int64_t{86399999} - 1000000));
  // "user_9" is always NULL (rows 9 mod 50 are 4 mod 5).
  EXPECT_EQ((*groups)[0].columns[11].max, Value::Varchar("user_8_with_a_long_tail"));
}

TEST(ParquetRoundTripTest, AnEmptyFileHasASchemaAndNoRows) {
  const std::vector<ParquetColumn> columns = AllTypes();
  Result<std::string> bytes = WriteParquet(columns, {});
  ASSERT_TRUE(bytes.ok());
  ExpectRoundTrip(*bytes, columns, 0);
}

TEST(ParquetRoundTripTest, MissingColumnsReadAsNullAndWrongTypesAreRejected) {
  const std::vector<ParquetColumn> columns = AllTypes();
  Result<std::string> bytes = WriteParquet(columns, MakeBatches(columns, 10));
  ASSERT_TRUE(bytes.ok());
  text::StringObjectReader source(*bytes);
  auto reader = ParquetSplitReader::Open(
      source, ParquetSplit{.columns = {{"absent", LogicalType::Integer()}}});
  ASSERT_TRUE(reader.ok());
  sql::Batch batch;
  ASSERT_TRUE((*reader)->Next(&batch).value());
  EXPECT_TRUE(batch.column(0).IsNull(3));
  auto wrong =
      ParquetSplitReader::Open(source, ParquetSplit{.columns = {{"name", LogicalType::Date()}}});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), StatusCode::kInvalidArgument);
}

TEST(ParquetRoundTripTest, NoColumnsStillCountsRows) {
  const std::vector<ParquetColumn> columns = AllTypes();
  Result<std::string> bytes = WriteParquet(columns, MakeBatches(columns, 5000),
                                           ParquetWriterOptions{.row_group_bytes = 30000});
  ASSERT_TRUE(bytes.ok());
  text::StringObjectReader source(*bytes);
  auto reader = ParquetSplitReader::Open(source, ParquetSplit{});
  ASSERT_TRUE(reader.ok());
  sql::Batch batch;
  size_t rows = 0;
  while ((*reader)->Next(&batch).value()) {
    EXPECT_EQ(batch.num_columns(), 0u);
    EXPECT_LE(batch.num_rows(), sql::kBatchRows);
    rows += batch.num_rows();
  }
  EXPECT_EQ(rows, 5000u);
  // Only the footer was read.
  EXPECT_LE((*reader)->bytes_read(), 64u * 1024);
}

TEST(ParquetRoundTripTest, CorruptFilesAreErrorsNotCrashes) {
  const std::vector<ParquetColumn> columns = AllTypes();
  Result<std::string> bytes =
      WriteParquet(columns, MakeBatches(columns, 300), ParquetWriterOptions{.page_rows = 100});
  ASSERT_TRUE(bytes.ok());
  // Flip one byte at a time through the data and the footer.
  for (size_t i = 4; i < bytes->size() - 8; i += 7) {
    std::string copy = *bytes;
    copy[i] = static_cast<char>(copy[i] ^ 0x5a);
    text::StringObjectReader source(copy);
    auto reader = ParquetSplitReader::Open(source, ParquetSplit{.columns = columns});
    if (!reader.ok()) {
      continue;
    }
    sql::Batch batch;
    for (int n = 0; n < 10; ++n) {
      Result<bool> more = (*reader)->Next(&batch);
      if (!more.ok() || !*more) {
        break;
      }
    }
  }
}

}  // namespace
}  // namespace stratus::formats::parquet
