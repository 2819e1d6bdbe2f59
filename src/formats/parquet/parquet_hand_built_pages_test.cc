// Pages the fixtures lack, built here by hand from the format's spec:
// DELTA_BYTE_ARRAY (as Spark's v2 writer makes them) and INT96 timestamps
// (Hive, Impala, Spark), both in REQUIRED columns (no definition levels);
// plus DELTA_LENGTH_BYTE_ARRAY from a DuckDB-written fixture.

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_split_reader.h"
#include "formats/text/string_object_reader.h"
#include "sql/vector/batch.h"

namespace stratus::formats::parquet {
namespace {

using sql::LogicalType;

std::vector<std::string> ReadStrings(const std::string& bytes, const std::string& column) {
  text::StringObjectReader source(bytes);
  auto reader =
      ParquetSplitReader::Open(source, ParquetSplit{.columns = {{column, LogicalType::Varchar()}}});
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<std::string> values;
  if (!reader.ok()) {
    return values;
  }
  sql::Batch batch;
  for (;;) {
    Result<bool> more = (*reader)->Next(&batch);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) {
      return values;
    }
    for (size_t r = 0; r < batch.num_rows(); ++r) {
      values.push_back(batch.column(0).IsNull(r)
                           ? "NULL"
                           : std::string(batch.column(0).values<sql::StringView>()[r].view()));
    }
  }
}

TEST(ParquetHandBuiltPagesTest, DeltaLengthByteArrayFromDuckDbReads) {
  std::ifstream in(std::string(STRATUS_PARQUET_TESTDATA) + "/strings_delta_v2.parquet",
                   std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::vector<std::string> values = ReadStrings(buffer.str(), "s");
  ASSERT_EQ(values.size(), 400u);
  for (size_t i = 0; i < values.size(); ++i) {
    if (i % 9 == 4) {
      EXPECT_EQ(values[i], "NULL");
      continue;
    }
    std::string number = std::to_string(i * 7919 % 1000);
    std::string expected = "customer_" + std::string(6 - number.size(), '0') + number;
    if (i % 3 == 0) {
      expected += "_long_suffix_" + std::to_string(i);
    }
    EXPECT_EQ(values[i], expected) << i;
  }
}

// Returns a file of one REQUIRED column with one uncompressed data page.
std::string OneColumnFile(const SchemaElement& column,
                          Encoding encoding,
                          const std::string& body,
                          int32_t num_values) {
  std::string file = "PAR1";
  PageHeader header{.type = PageType::kDataPage,
                    .uncompressed_page_size = static_cast<int32_t>(body.size()),
                    .compressed_page_size = static_cast<int32_t>(body.size()),
                    .data_page = DataPageHeader{.num_values = num_values, .encoding = encoding}};
  EncodePageHeader(header, &file);
  file += body;
  FileMetaData metadata;
  metadata.schema = {SchemaElement{.name = "schema", .num_children = 1}, column};
  metadata.num_rows = num_values;
  ColumnMetaData meta{.type = *column.type,
                      .path_in_schema = {column.name},
                      .num_values = num_values,
                      .total_compressed_size = static_cast<int64_t>(file.size() - 4),
                      .data_page_offset = 4};
  metadata.row_groups = {RowGroup{.columns = {ColumnChunk{.file_offset = 4, .meta_data = meta}},
                                  .num_rows = num_values}};
  std::string footer;
  EncodeFileMetaData(metadata, &footer);
  const auto footer_size = static_cast<uint32_t>(footer.size());
  file += footer;
  file.append(reinterpret_cast<const char*>(&footer_size), 4);
  file += "PAR1";
  return file;
}

// Encodes up to 33 values whose deltas lie in [-64, 191] as
// DELTA_BINARY_PACKED: one block of 128 in 4 miniblocks of 32, 8 bits per
// delta; only the first miniblock is needed, so only its bytes follow.
std::string DeltaBinaryPacked(const std::vector<int64_t>& values) {
  std::string out = {static_cast<char>(0x80), 0x01, 0x04, static_cast<char>(values.size()),
                     static_cast<char>(values.empty() ? 0 : values[0] * 2)};
  if (values.size() <= 1) {
    return out;
  }
  out.push_back(static_cast<char>(127));  // The min delta, zigzag(-64).
  out.append(4, static_cast<char>(8));
  std::string deltas(32, '\0');
  for (size_t i = 1; i < values.size(); ++i) {
    deltas[i - 1] = static_cast<char>(values[i] - values[i - 1] + 64);
  }
  out.append(deltas);
  return out;
}

TEST(ParquetHandBuiltPagesTest, DeltaByteArrayRebuildsPrefixes) {
  const std::vector<std::string> expected = {"apple",  "applesauce", "apply",
                                             "banana", "band",       "bandana_of_great_length"};
  std::vector<int64_t> prefixes;
  std::vector<int64_t> lengths;
  std::string suffixes;
  std::string previous;
  for (const std::string& value : expected) {
    size_t prefix = 0;
    while (prefix < previous.size() && prefix < value.size() && previous[prefix] == value[prefix]) {
      ++prefix;
    }
    prefixes.push_back(static_cast<int64_t>(prefix));
    lengths.push_back(static_cast<int64_t>(value.size() - prefix));
    suffixes += value.substr(prefix);
    previous = value;
  }
  const std::string body = DeltaBinaryPacked(prefixes) + DeltaBinaryPacked(lengths) + suffixes;
  const std::string file = OneColumnFile(
      SchemaElement{
          .type = PhysicalKind::kByteArray, .repetition = Repetition::kRequired, .name = "word"},
      Encoding::kDeltaByteArray, body, static_cast<int32_t>(expected.size()));
  EXPECT_EQ(ReadStrings(file, "word"), expected);
}

TEST(ParquetHandBuiltPagesTest, Int96TimestampsReadAsMillis) {
  // (julian day, nanoseconds of the day) -> millis since the epoch.
  struct Case {
    int32_t julian_day;
    int64_t nanos;
    int64_t millis;
  };

  const std::vector<Case> cases = {
      {2440588, 0, 0},                                              // 1970-01-01
      {2460311, (12 * 3600 + 0) * int64_t{1000000000} + 123456789,  // 2024-01-01 12:00:00.123456789
       int64_t{19723} * 86400000 + 12 * 3600000 + 123},
      {2440587, 86399999000000, -1},  // 1969-12-31 23:59:59.999
  };
  std::string body;
  for (const Case& c : cases) {
    body.append(reinterpret_cast<const char*>(&c.nanos), 8);
    body.append(reinterpret_cast<const char*>(&c.julian_day), 4);
  }
  const std::string file = OneColumnFile(
      SchemaElement{
          .type = PhysicalKind::kInt96, .repetition = Repetition::kRequired, .name = "ts"},
      Encoding::kPlain, body, static_cast<int32_t>(cases.size()));
  text::StringObjectReader source(file);
  auto reader =
      ParquetSplitReader::Open(source, ParquetSplit{.columns = {{"ts", LogicalType::Timestamp()}}});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  sql::Batch batch;
  ASSERT_TRUE((*reader)->Next(&batch).value());
  ASSERT_EQ(batch.num_rows(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(batch.column(0).values<int64_t>()[i], cases[i].millis) << i;
  }
}

}  // namespace
}  // namespace stratus::formats::parquet
