#include "formats/parquet/parquet_metadata.h"

#include <string>

#include <gtest/gtest.h>

namespace stratus::formats::parquet {
namespace {

FileMetaData SampleFooter() {
  FileMetaData metadata;
  metadata.schema.push_back(SchemaElement{.name = "schema", .num_children = 2});
  SchemaElement amount{.type = PhysicalKind::kInt64,
                       .repetition = Repetition::kOptional,
                       .name = "amount",
                       .converted_type = ConvertedType::kDecimal,
                       .scale = 2,
                       .precision = 12};
  amount.logical.kind = LogicalAnnotation::Kind::kDecimal;
  amount.logical.scale = 2;
  amount.logical.precision = 12;
  metadata.schema.push_back(amount);
  SchemaElement ts{.type = PhysicalKind::kInt64, .repetition = Repetition::kRequired, .name = "ts"};
  ts.logical.kind = LogicalAnnotation::Kind::kTimestamp;
  ts.logical.unit = LogicalAnnotation::TimeUnit::kMicros;
  ts.logical.is_adjusted_to_utc = true;
  metadata.schema.push_back(ts);
  metadata.num_rows = 1234567890123;
  ColumnMetaData meta{.type = PhysicalKind::kInt64,
                      .encodings = {Encoding::kPlain, Encoding::kRle},
                      .path_in_schema = {"amount"},
                      .codec = Codec::kZstd,
                      .num_values = 3,
                      .total_uncompressed_size = 100,
                      .total_compressed_size = 90,
                      .data_page_offset = 4,
                      .dictionary_page_offset = std::nullopt,
                      .statistics = {.min_value = std::string("\x01\0\0\0\0\0\0\0", 8),
                                     .max_value = std::string("\x09\0\0\0\0\0\0\0", 8),
                                     .null_count = 1}};
  metadata.row_groups.push_back(
      RowGroup{.columns = {ColumnChunk{.file_offset = 4, .meta_data = meta}},
               .total_byte_size = 100,
               .num_rows = 3});
  metadata.key_value_metadata.push_back(KeyValue{.key = "k", .value = "v"});
  metadata.created_by = "stratus";
  return metadata;
}

TEST(ParquetMetadataTest, FooterSurvivesEncodeThenDecode) {
  std::string bytes;
  EncodeFileMetaData(SampleFooter(), &bytes);
  Result<FileMetaData> decoded = DecodeFileMetaData(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->num_rows, 1234567890123);
  ASSERT_EQ(decoded->schema.size(), 3u);
  EXPECT_EQ(decoded->schema[0].num_children, 2);
  EXPECT_EQ(decoded->schema[1].name, "amount");
  EXPECT_EQ(decoded->schema[1].logical.kind, LogicalAnnotation::Kind::kDecimal);
  EXPECT_EQ(decoded->schema[1].logical.precision, 12);
  EXPECT_EQ(decoded->schema[1].logical.scale, 2);
  EXPECT_EQ(decoded->schema[2].logical.kind, LogicalAnnotation::Kind::kTimestamp);
  EXPECT_EQ(decoded->schema[2].logical.unit, LogicalAnnotation::TimeUnit::kMicros);
  EXPECT_TRUE(decoded->schema[2].logical.is_adjusted_to_utc);
  ASSERT_EQ(decoded->row_groups.size(), 1u);
  const ColumnMetaData& meta = *decoded->row_groups[0].columns[0].meta_data;
  EXPECT_EQ(meta.codec, Codec::kZstd);
  EXPECT_EQ(meta.path_in_schema, std::vector<std::string>{"amount"});
  EXPECT_EQ(meta.statistics.null_count, 1);
  EXPECT_EQ(meta.statistics.max_value->size(), 8u);
  EXPECT_EQ(decoded->key_value_metadata[0].value, "v");
  EXPECT_EQ(decoded->created_by, "stratus");
}

TEST(ParquetMetadataTest, EveryTruncationOfAFooterIsCorruptionNotACrash) {
  std::string bytes;
  EncodeFileMetaData(SampleFooter(), &bytes);
  for (size_t size = 0; size < bytes.size(); ++size) {
    Result<FileMetaData> decoded = DecodeFileMetaData(std::string_view(bytes).substr(0, size));
    ASSERT_FALSE(decoded.ok()) << size;
    EXPECT_EQ(decoded.status().code(), StatusCode::kCorruption);
  }
}

TEST(ParquetMetadataTest, FlippedBytesNeverCrash) {
  std::string bytes;
  EncodeFileMetaData(SampleFooter(), &bytes);
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string copy = bytes;
      copy[i] = static_cast<char>(copy[i] ^ (1 << bit));
      (void)DecodeFileMetaData(copy);
    }
  }
}

TEST(ParquetMetadataTest, HugeListSizesAreRejectedBeforeAllocating) {
  // A struct whose field 2 is a list of structs claiming 2^31 elements.
  const std::string bytes = "\x19\xfc\xff\xff\xff\xff\x07";
  Result<FileMetaData> decoded = DecodeFileMetaData(bytes);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), StatusCode::kCorruption);
}

TEST(ParquetMetadataTest, PageHeaderSurvivesEncodeThenDecode) {
  PageHeader header{
      .type = PageType::kDataPage,
      .uncompressed_page_size = 100,
      .compressed_page_size = 60,
      .data_page = DataPageHeader{.num_values = 7, .encoding = Encoding::kRleDictionary}};
  std::string bytes;
  EncodePageHeader(header, &bytes);
  bytes += "payload";
  size_t size = 0;
  Result<PageHeader> decoded = DecodePageHeader(bytes, &size);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(size, bytes.size() - 7);
  EXPECT_EQ(decoded->compressed_page_size, 60);
  EXPECT_EQ(decoded->data_page->num_values, 7);
  EXPECT_EQ(decoded->data_page->encoding, Encoding::kRleDictionary);
}

}  // namespace
}  // namespace stratus::formats::parquet
