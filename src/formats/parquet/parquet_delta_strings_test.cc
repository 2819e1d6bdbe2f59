// DELTA_LENGTH_BYTE_ARRAY (a DuckDB-written fixture) and DELTA_BYTE_ARRAY
// (a page built here by hand, as Spark's v2 writer makes them).

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

TEST(ParquetDeltaStringsTest, DeltaLengthByteArrayFromDuckDbReads) {
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

TEST(ParquetDeltaStringsTest, DeltaByteArrayRebuildsPrefixes) {
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
  std::string file = "PAR1";
  PageHeader header{.type = PageType::kDataPage,
                    .uncompressed_page_size = static_cast<int32_t>(body.size()),
                    .compressed_page_size = static_cast<int32_t>(body.size()),
                    .data_page = DataPageHeader{.num_values = static_cast<int32_t>(expected.size()),
                                                .encoding = Encoding::kDeltaByteArray}};
  EncodePageHeader(header, &file);
  file += body;
  FileMetaData metadata;
  metadata.schema = {
      SchemaElement{.name = "schema", .num_children = 1},
      SchemaElement{
          .type = PhysicalKind::kByteArray, .repetition = Repetition::kRequired, .name = "word"}};
  metadata.num_rows = static_cast<int64_t>(expected.size());
  ColumnMetaData meta{.type = PhysicalKind::kByteArray,
                      .path_in_schema = {"word"},
                      .num_values = metadata.num_rows,
                      .total_compressed_size = static_cast<int64_t>(file.size() - 4),
                      .data_page_offset = 4};
  metadata.row_groups = {RowGroup{.columns = {ColumnChunk{.file_offset = 4, .meta_data = meta}},
                                  .num_rows = metadata.num_rows}};
  std::string footer;
  EncodeFileMetaData(metadata, &footer);
  const auto footer_size = static_cast<uint32_t>(footer.size());
  file += footer;
  file.append(reinterpret_cast<const char*>(&footer_size), 4);
  file += "PAR1";
  EXPECT_EQ(ReadStrings(file, "word"), expected);
}

}  // namespace
}  // namespace stratus::formats::parquet
