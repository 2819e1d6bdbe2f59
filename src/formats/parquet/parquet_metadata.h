#pragma once

// Parquet's footer and page headers as plain structs, with their Thrift
// compact decoding and encoding (docs/formats/parquet.md lists the fields we
// keep; the rest are skipped on read and not written). Enum values are the
// format's: do not reorder.
//
// Thread safety: plain values.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::formats::parquet {

/// Physical types. Values are the format's.
enum class PhysicalKind : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

enum class Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

/// The converted types we look at. Values are the format's.
enum class ConvertedType : int32_t {
  kUtf8 = 0,
  kMap = 1,
  kMapKeyValue = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTimeMillis = 7,
  kTimeMicros = 8,
  kTimestampMillis = 9,
  kTimestampMicros = 10,
  kUint8 = 11,
  kUint16 = 12,
  kUint32 = 13,
  kUint64 = 14,
  kInt8 = 15,
  kInt16 = 16,
  kInt32 = 17,
  kInt64 = 18,
  kJson = 19,
};

enum class Encoding : int32_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

enum class Codec : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,
  kZstd = 6,
  kLz4Raw = 7,
};

enum class PageType : int32_t {
  kDataPage = 0,
  kIndexPage = 1,
  kDictionaryPage = 2,
  kDataPageV2 = 3,
};

/// The LogicalType union of SchemaElement, flattened: which member is set,
/// and its parameters.
struct LogicalAnnotation {
  enum class Kind : int16_t {
    kNone = 0,
    kString = 1,
    kMap = 2,
    kList = 3,
    kEnum = 4,
    kDecimal = 5,
    kDate = 6,
    kTime = 7,
    kTimestamp = 8,
    kInteger = 10,
    kUnknown = 11,
    kJson = 12,
    kBson = 13,
    kUuid = 14,
  };
  enum class TimeUnit : int16_t { kMillis = 1, kMicros = 2, kNanos = 3 };

  Kind kind = Kind::kNone;
  int32_t scale = 0;
  int32_t precision = 0;
  bool is_adjusted_to_utc = false;
  TimeUnit unit = TimeUnit::kMillis;
  int32_t bit_width = 0;
  bool is_signed = true;
};

struct SchemaElement {
  std::optional<PhysicalKind> type = std::nullopt;  // Absent for groups.
  int32_t type_length = 0;
  Repetition repetition = Repetition::kRequired;
  std::string name = {};
  int32_t num_children = 0;
  std::optional<ConvertedType> converted_type = std::nullopt;
  int32_t scale = 0;
  int32_t precision = 0;
  std::optional<int32_t> field_id = std::nullopt;
  LogicalAnnotation logical = {};
};

struct Statistics {
  std::optional<std::string> min_value = std::nullopt;
  std::optional<std::string> max_value = std::nullopt;
  std::optional<int64_t> null_count = std::nullopt;
};

struct ColumnMetaData {
  PhysicalKind type = PhysicalKind::kBoolean;
  std::vector<Encoding> encodings = {};
  std::vector<std::string> path_in_schema = {};
  Codec codec = Codec::kUncompressed;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  int64_t data_page_offset = 0;
  std::optional<int64_t> dictionary_page_offset = std::nullopt;
  Statistics statistics = {};
};

struct ColumnChunk {
  int64_t file_offset = 0;
  std::optional<ColumnMetaData> meta_data = std::nullopt;
};

struct RowGroup {
  std::vector<ColumnChunk> columns = {};
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
};

struct KeyValue {
  std::string key = {};
  std::string value = {};
};

struct FileMetaData {
  int32_t version = 1;
  std::vector<SchemaElement> schema = {};
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups = {};
  std::vector<KeyValue> key_value_metadata = {};
  std::string created_by = {};
};

struct DataPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  Encoding definition_level_encoding = Encoding::kRle;
  Encoding repetition_level_encoding = Encoding::kRle;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  Encoding encoding = Encoding::kPlain;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  bool is_compressed = true;
};

struct PageHeader {
  PageType type = PageType::kDataPage;
  int32_t uncompressed_page_size = 0;
  int32_t compressed_page_size = 0;
  std::optional<DataPageHeader> data_page = std::nullopt;
  std::optional<DictionaryPageHeader> dictionary_page = std::nullopt;
  std::optional<DataPageHeaderV2> data_page_v2 = std::nullopt;
};

/// Decodes a footer. Corrupt bytes are Corruption.
Result<FileMetaData> DecodeFileMetaData(std::string_view bytes);
/// Appends the footer's compact encoding to *out.
void EncodeFileMetaData(const FileMetaData& metadata, std::string* out);

/// Decodes a page header at the start of `bytes`; *header_size gets its length.
Result<PageHeader> DecodePageHeader(std::string_view bytes, size_t* header_size);
void EncodePageHeader(const PageHeader& header, std::string* out);

}  // namespace stratus::formats::parquet
