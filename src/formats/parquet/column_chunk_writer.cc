#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "formats/parquet/column_chunk_writer_internal.h"
#include "formats/parquet/parquet_codec_internal.h"
#include "formats/parquet/parquet_encoding_internal.h"
#include "formats/parquet/parquet_writer.h"
#include "sql/types/int128.h"
#include "sql/vector/string_view.h"
#include "sql/vector/vector.h"

namespace stratus::formats::parquet {
namespace {

using sql::Int128;
using sql::TypeKind;

// Strings longer than this get no min/max statistics.
constexpr size_t kMaxStatisticsBytes = 64;

template <typename T>
void AppendRaw(std::string* out, T value) {
  out->append(reinterpret_cast<const char*>(&value), sizeof(value));
}

std::string BigEndian16(Int128 value) {
  std::string bytes(16, '\0');
  auto bits = static_cast<sql::UInt128>(value);
  for (int i = 15; i >= 0; --i) {
    bytes[static_cast<size_t>(i)] = static_cast<char>(bits & 0xff);
    bits >>= 8;
  }
  return bytes;
}

// Hashes strings and string views alike: the dictionary is probed without a copy.
struct StringHash {
  using is_transparent = void;

  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

class ChunkWriterImpl final : public LeafChunkWriter {
 public:
  ChunkWriterImpl(LeafPlacement placement,
                  sql::LogicalType type,
                  const ParquetWriterOptions& options)
      : placement_(std::move(placement)),
        max_def_(placement_.max_definition_level),
        max_rep_(placement_.max_repetition_level),
        type_(std::move(type)),
        options_(options) {}

  Status Init();

  SchemaElement Schema() const override { return schema_; }

  void Append(const sql::Vector& vector, size_t rows) override;
  void AppendLeveled(const sql::Vector& vector,
                     std::span<const int64_t> rows,
                     std::span<const uint8_t> defs,
                     std::span<const uint8_t> reps) override;

  size_t buffered_bytes() const override {
    return plain_.size() + defs_.size() / 8 + reps_.size() / 8 + bools_.size() / 8;
  }

  Result<ColumnChunk> Flush(int64_t offset, std::string* out) override;

  size_t flushed_uncompressed_bytes() const override { return uncompressed_bytes_; }

 private:
  void AppendValue(const sql::Vector& vector, size_t row);
  void UpdateStatistics(std::string_view plain_value);
  Status WritePage(const PageHeader& header_template, std::string_view body, std::string* out);
  // Writes a v2 page: `body` is the levels then the values; only the values are compressed.
  Status WritePageV2(const DataPageHeaderV2& page, std::string_view body, std::string* out);
  void Reset();

  // Where the next page may end: at least page_rows entries past `first`,
  // and never inside a row (a row's entries share a page).
  size_t PageEnd(size_t first) const;

  const LeafPlacement placement_;
  const int max_def_;
  const int max_rep_;
  const sql::LogicalType type_;
  const ParquetWriterOptions& options_;
  SchemaElement schema_;
  size_t width_ = 0;  // Bytes per PLAIN value; 0 for BYTE_ARRAY and BOOLEAN.
  bool is_string_ = false;

  std::vector<uint8_t> defs_;        // Definition levels: 0 or 1 for flat columns.
  std::vector<uint8_t> reps_;        // Repetition levels, below a repeated group only.
  std::string plain_;                // PLAIN bytes of the non-NULL values.
  std::vector<size_t> string_ends_;  // BYTE_ARRAY: where each value's bytes end in plain_.
  std::vector<uint8_t> bools_;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> dictionary_index_;
  std::string dictionary_plain_;
  std::vector<uint32_t> indices_;
  bool use_dictionary_ = false;
  int64_t null_count_ = 0;
  std::optional<std::string> min_;
  std::optional<std::string> max_;
  bool statistics_valid_ = true;
  size_t uncompressed_bytes_ = 0;  // Of the chunk being flushed.
};

Status ChunkWriterImpl::Init() {
  if (placement_.path.empty() || max_def_ > 255 || max_rep_ > 255) {
    return Status::NotImplemented("parquet: writing columns nested that deep");
  }
  schema_.name = placement_.path.back();
  schema_.field_id = placement_.field_id;
  schema_.repetition = placement_.repetition;
  using Kind = LogicalAnnotation::Kind;
  switch (type_.kind()) {
    case TypeKind::kBoolean:
      schema_.type = PhysicalKind::kBoolean;
      break;
    case TypeKind::kTinyint:
    case TypeKind::kSmallint:
      schema_.type = PhysicalKind::kInt32;
      schema_.logical = {.kind = Kind::kInteger,
                         .bit_width = type_.kind() == TypeKind::kTinyint ? 8 : 16,
                         .is_signed = true};
      schema_.converted_type =
          type_.kind() == TypeKind::kTinyint ? ConvertedType::kInt8 : ConvertedType::kInt16;
      width_ = 4;
      break;
    case TypeKind::kInteger:
      schema_.type = PhysicalKind::kInt32;
      schema_.logical = {.kind = Kind::kInteger, .bit_width = 32, .is_signed = true};
      width_ = 4;
      break;
    case TypeKind::kDate:
      schema_.type = PhysicalKind::kInt32;
      schema_.logical.kind = Kind::kDate;
      schema_.converted_type = ConvertedType::kDate;
      width_ = 4;
      break;
    case TypeKind::kBigint:
      schema_.type = PhysicalKind::kInt64;
      width_ = 8;
      break;
    case TypeKind::kTimestamp:
      schema_.type = PhysicalKind::kInt64;
      schema_.logical = {.kind = Kind::kTimestamp,
                         .is_adjusted_to_utc = false,
                         .unit = options_.timestamp_micros ? LogicalAnnotation::TimeUnit::kMicros
                                                           : LogicalAnnotation::TimeUnit::kMillis};
      width_ = 8;
      break;
    case TypeKind::kReal:
      schema_.type = PhysicalKind::kFloat;
      width_ = 4;
      break;
    case TypeKind::kDouble:
      schema_.type = PhysicalKind::kDouble;
      width_ = 8;
      break;
    case TypeKind::kDecimal:
      schema_.logical = {
          .kind = Kind::kDecimal, .scale = type_.scale(), .precision = type_.precision()};
      schema_.converted_type = ConvertedType::kDecimal;
      schema_.scale = type_.scale();
      schema_.precision = type_.precision();
      if (type_.is_short_decimal()) {
        schema_.type = PhysicalKind::kInt64;
        width_ = 8;
      } else {
        schema_.type = PhysicalKind::kFixedLenByteArray;
        schema_.type_length = 16;
        width_ = 16;
      }
      break;
    case TypeKind::kVarchar:
    case TypeKind::kChar:
    case TypeKind::kJson:
      schema_.type = PhysicalKind::kByteArray;
      schema_.logical.kind = type_.kind() == TypeKind::kJson ? Kind::kJson : Kind::kString;
      schema_.converted_type =
          type_.kind() == TypeKind::kJson ? ConvertedType::kJson : ConvertedType::kUtf8;
      is_string_ = true;
      break;
    case TypeKind::kVarbinary:
      schema_.type = PhysicalKind::kByteArray;
      is_string_ = true;
      break;
    default:
      return Status::NotImplemented("parquet: writing " + type_.ToString() + " columns");
  }
  use_dictionary_ = is_string_;
  return Status::Ok();
}

void ChunkWriterImpl::UpdateStatistics(std::string_view plain_value) {
  // Compare as the format orders them: signed numbers, unsigned bytes.
  auto less = [&](std::string_view a, std::string_view b) -> bool {
    switch (*schema_.type) {
      case PhysicalKind::kBoolean:
        return a < b;
      case PhysicalKind::kInt32: {
        int32_t x = 0;
        int32_t y = 0;
        std::memcpy(&x, a.data(), 4);
        std::memcpy(&y, b.data(), 4);
        return x < y;
      }
      case PhysicalKind::kInt64: {
        int64_t x = 0;
        int64_t y = 0;
        std::memcpy(&x, a.data(), 8);
        std::memcpy(&y, b.data(), 8);
        return x < y;
      }
      case PhysicalKind::kFloat: {
        float x = 0;
        float y = 0;
        std::memcpy(&x, a.data(), 4);
        std::memcpy(&y, b.data(), 4);
        return x < y;
      }
      case PhysicalKind::kDouble: {
        double x = 0;
        double y = 0;
        std::memcpy(&x, a.data(), 8);
        std::memcpy(&y, b.data(), 8);
        return x < y;
      }
      case PhysicalKind::kFixedLenByteArray:
        // Big-endian two's complement: flip the sign bit to compare as bytes.
        if ((a[0] ^ b[0]) & 0x80) {
          return (a[0] & 0x80) != 0;
        }
        return a < b;
      default:
        return a < b;
    }
  };
  if (!min_ || less(plain_value, *min_)) {
    min_ = std::string(plain_value);
  }
  if (!max_ || less(*max_, plain_value)) {
    max_ = std::string(plain_value);
  }
}

void ChunkWriterImpl::AppendValue(const sql::Vector& vector, size_t row) {
  const size_t start = plain_.size();
  switch (type_.kind()) {
    case TypeKind::kBoolean: {
      const uint8_t value = vector.values<uint8_t>()[row] != 0 ? 1 : 0;
      bools_.push_back(value);
      UpdateStatistics(std::string_view(reinterpret_cast<const char*>(&value), 1));
      return;
    }
    case TypeKind::kTinyint:
      AppendRaw<int32_t>(&plain_, vector.values<int8_t>()[row]);
      break;
    case TypeKind::kSmallint:
      AppendRaw<int32_t>(&plain_, vector.values<int16_t>()[row]);
      break;
    case TypeKind::kInteger:
    case TypeKind::kDate:
      AppendRaw<int32_t>(&plain_, vector.values<int32_t>()[row]);
      break;
    case TypeKind::kBigint:
      AppendRaw<int64_t>(&plain_, vector.values<int64_t>()[row]);
      break;
    case TypeKind::kTimestamp:
      AppendRaw<int64_t>(&plain_,
                         vector.values<int64_t>()[row] * (options_.timestamp_micros ? 1000 : 1));
      break;
    case TypeKind::kReal: {
      const float value = vector.values<float>()[row];
      AppendRaw<float>(&plain_, value);
      if (std::isnan(value)) {
        return;
      }
      break;
    }
    case TypeKind::kDouble: {
      const double value = vector.values<double>()[row];
      AppendRaw<double>(&plain_, value);
      if (std::isnan(value)) {
        return;
      }
      break;
    }
    case TypeKind::kDecimal:
      if (type_.is_short_decimal()) {
        AppendRaw<int64_t>(&plain_, vector.values<int64_t>()[row]);
      } else {
        plain_ += BigEndian16(vector.values<Int128>()[row]);
      }
      break;
    default: {
      const std::string_view value = vector.values<sql::StringView>()[row].view();
      AppendRaw<uint32_t>(&plain_, static_cast<uint32_t>(value.size()));
      plain_.append(value);
      string_ends_.push_back(plain_.size());
      if (use_dictionary_) {
        auto it = dictionary_index_.find(value);
        if (it == dictionary_index_.end()) {
          it = dictionary_index_
                   .emplace(std::string(value), static_cast<uint32_t>(dictionary_index_.size()))
                   .first;
          AppendRaw<uint32_t>(&dictionary_plain_, static_cast<uint32_t>(value.size()));
          dictionary_plain_.append(value);
          if (dictionary_plain_.size() > options_.max_dictionary_bytes) {
            use_dictionary_ = false;
          }
        }
        indices_.push_back(it->second);
      }
      if (value.size() <= kMaxStatisticsBytes) {
        UpdateStatistics(value);
      } else {
        statistics_valid_ = false;
      }
      return;
    }
  }
  UpdateStatistics(std::string_view(plain_).substr(start));
}

void ChunkWriterImpl::AppendLeveled(const sql::Vector& vector,
                                    std::span<const int64_t> rows,
                                    std::span<const uint8_t> defs,
                                    std::span<const uint8_t> reps) {
  for (size_t i = 0; i < defs.size(); ++i) {
    defs_.push_back(defs[i]);
    if (max_rep_ > 0) {
      reps_.push_back(reps[i]);
    }
    if (defs[i] == max_def_) {
      AppendValue(vector, static_cast<size_t>(rows[i]));
    } else {
      ++null_count_;
    }
  }
}

size_t ChunkWriterImpl::PageEnd(size_t first) const {
  size_t end = std::min(first + options_.page_rows, defs_.size());
  if (max_rep_ > 0) {
    while (end < reps_.size() && reps_[end] != 0) {
      ++end;
    }
  }
  return end;
}

void ChunkWriterImpl::Append(const sql::Vector& input, size_t rows) {
  const sql::Vector vector = input.Flatten();
  for (size_t row = 0; row < rows; ++row) {
    if (vector.IsNull(row)) {
      defs_.push_back(0);
      ++null_count_;
      continue;
    }
    defs_.push_back(1);
    AppendValue(vector, row);
  }
}

Status ChunkWriterImpl::WritePage(const PageHeader& header_template,
                                  std::string_view body,
                                  std::string* out) {
  PageHeader header = header_template;
  std::string compressed;
  STRATUS_RETURN_IF_ERROR(Compress(options_.codec, body, &compressed));
  header.uncompressed_page_size = static_cast<int32_t>(body.size());
  header.compressed_page_size = static_cast<int32_t>(compressed.size());
  const size_t header_start = out->size();
  EncodePageHeader(header, out);
  uncompressed_bytes_ += (out->size() - header_start) + body.size();
  out->append(compressed);
  return Status::Ok();
}

Status ChunkWriterImpl::WritePageV2(const DataPageHeaderV2& page,
                                    std::string_view body,
                                    std::string* out) {
  const auto levels = static_cast<size_t>(page.definition_levels_byte_length) +
                      static_cast<size_t>(page.repetition_levels_byte_length);
  std::string payload(body.substr(0, levels));
  STRATUS_RETURN_IF_ERROR(Compress(options_.codec, body.substr(levels), &payload));
  PageHeader header{.type = PageType::kDataPageV2,
                    .uncompressed_page_size = static_cast<int32_t>(body.size()),
                    .compressed_page_size = static_cast<int32_t>(payload.size()),
                    .data_page_v2 = page};
  const size_t header_start = out->size();
  EncodePageHeader(header, out);
  uncompressed_bytes_ += (out->size() - header_start) + body.size();
  out->append(payload);
  return Status::Ok();
}

Result<ColumnChunk> ChunkWriterImpl::Flush(int64_t offset, std::string* out) {
  const size_t start = out->size();
  uncompressed_bytes_ = 0;
  const size_t num_values = defs_.size();
  const size_t present = num_values - static_cast<size_t>(null_count_);
  // A dictionary that holds most of the values saves nothing.
  const bool dictionary = use_dictionary_ && present > 0 &&
                          dictionary_index_.size() <= std::max<size_t>(present / 2, 1);
  ColumnMetaData meta{.type = *schema_.type,
                      .encodings = {Encoding::kRle, Encoding::kPlain},
                      .path_in_schema = placement_.path,
                      .codec = options_.codec,
                      .num_values = static_cast<int64_t>(num_values)};
  if (dictionary) {
    meta.encodings.push_back(Encoding::kRleDictionary);
    meta.dictionary_page_offset = offset;
    STRATUS_RETURN_IF_ERROR(WritePage(
        PageHeader{.type = PageType::kDictionaryPage,
                   .dictionary_page = DictionaryPageHeader{.num_values = static_cast<int32_t>(
                                                               dictionary_index_.size()),
                                                           .encoding = Encoding::kPlain}},
        dictionary_plain_, out));
  }
  meta.data_page_offset = offset + static_cast<int64_t>(out->size() - start);
  const int index_width = BitWidth(dictionary_index_.empty() ? 0 : dictionary_index_.size() - 1);
  size_t value = 0;  // The first non-NULL value of the page.
  std::vector<uint32_t> levels;
  std::string body;
  const int def_width = BitWidth(static_cast<uint64_t>(max_def_));
  const int rep_width = BitWidth(static_cast<uint64_t>(max_rep_));
  for (size_t first = 0, page_end = 0; first < num_values; first = page_end) {
    page_end = PageEnd(first);
    const size_t rows = page_end - first;
    body.clear();
    // Repetition levels (below a repeated group), then definition levels;
    // v1 prefixes each with its length.
    size_t rep_bytes = 0;
    size_t page_rows = rows;
    if (max_rep_ > 0) {
      levels.assign(reps_.begin() + static_cast<ptrdiff_t>(first),
                    reps_.begin() + static_cast<ptrdiff_t>(page_end));
      page_rows = static_cast<size_t>(std::count(levels.begin(), levels.end(), 0u));
      const size_t prefix_at = body.size();
      if (!options_.data_page_v2) {
        body.append(4, '\0');
      }
      EncodeRleBitPacked(levels, rep_width, &body);
      rep_bytes = body.size() - prefix_at - (options_.data_page_v2 ? 0 : 4);
      if (!options_.data_page_v2) {
        const auto prefix = static_cast<uint32_t>(rep_bytes);
        std::memcpy(body.data() + prefix_at, &prefix, 4);
      }
    }
    levels.assign(defs_.begin() + static_cast<ptrdiff_t>(first),
                  defs_.begin() + static_cast<ptrdiff_t>(page_end));
    const size_t count = static_cast<size_t>(
        std::count(levels.begin(), levels.end(), static_cast<uint32_t>(max_def_)));
    size_t def_bytes = 0;
    if (max_def_ > 0) {
      const size_t prefix_at = body.size();
      if (!options_.data_page_v2) {
        body.append(4, '\0');
      }
      EncodeRleBitPacked(levels, def_width, &body);
      def_bytes = body.size() - prefix_at - (options_.data_page_v2 ? 0 : 4);
      if (!options_.data_page_v2) {
        const auto prefix = static_cast<uint32_t>(def_bytes);
        std::memcpy(body.data() + prefix_at, &prefix, 4);
      }
    }
    Encoding encoding = Encoding::kPlain;
    if (dictionary) {
      encoding = Encoding::kRleDictionary;
      body.push_back(static_cast<char>(index_width));
      EncodeRleBitPacked(std::span<const uint32_t>(indices_.data() + value, count), index_width,
                         &body);
    } else if (*schema_.type == PhysicalKind::kBoolean) {
      const size_t bytes_start = body.size();
      body.resize(bytes_start + (count + 7) / 8, '\0');
      for (size_t i = 0; i < count; ++i) {
        if (bools_[value + i] != 0) {
          body[bytes_start + i / 8] = static_cast<char>(body[bytes_start + i / 8] | (1 << (i % 8)));
        }
      }
    } else if (is_string_) {
      const size_t begin = value == 0 ? 0 : string_ends_[value - 1];
      const size_t end = count == 0 ? begin : string_ends_[value + count - 1];
      body.append(plain_, begin, end - begin);
    } else {
      body.append(plain_, value * width_, count * width_);
    }
    if (options_.data_page_v2) {
      STRATUS_RETURN_IF_ERROR(WritePageV2(
          DataPageHeaderV2{.num_values = static_cast<int32_t>(rows),
                           .num_nulls = static_cast<int32_t>(rows - count),
                           .num_rows = static_cast<int32_t>(page_rows),
                           .encoding = encoding,
                           .definition_levels_byte_length = static_cast<int32_t>(def_bytes),
                           .repetition_levels_byte_length = static_cast<int32_t>(rep_bytes)},
          body, out));
    } else {
      STRATUS_RETURN_IF_ERROR(WritePage(
          PageHeader{.type = PageType::kDataPage,
                     .data_page = DataPageHeader{.num_values = static_cast<int32_t>(rows),
                                                 .encoding = encoding,
                                                 .definition_level_encoding = Encoding::kRle,
                                                 .repetition_level_encoding = Encoding::kRle}},
          body, out));
    }
    value += count;
  }
  const auto size = static_cast<int64_t>(out->size() - start);
  meta.total_compressed_size = size;
  meta.total_uncompressed_size = static_cast<int64_t>(uncompressed_bytes_);
  meta.statistics.null_count = null_count_;
  if (statistics_valid_) {
    meta.statistics.min_value = min_;
    meta.statistics.max_value = max_;
  }
  Reset();
  return ColumnChunk{.file_offset = offset, .meta_data = std::move(meta)};
}

void ChunkWriterImpl::Reset() {
  defs_.clear();
  reps_.clear();
  plain_.clear();
  string_ends_.clear();
  bools_.clear();
  dictionary_index_.clear();
  dictionary_plain_.clear();
  indices_.clear();
  use_dictionary_ = is_string_;
  null_count_ = 0;
  min_.reset();
  max_.reset();
  statistics_valid_ = true;
}

// A flat column: one OPTIONAL leaf.
class FlatColumnWriter final : public ColumnChunkWriter {
 public:
  explicit FlatColumnWriter(std::unique_ptr<LeafChunkWriter> leaf) : leaf_(std::move(leaf)) {}

  std::vector<SchemaElement> Schema() const override { return {leaf_->Schema()}; }

  void Append(const sql::Vector& vector, size_t rows) override { leaf_->Append(vector, rows); }

  size_t buffered_bytes() const override { return leaf_->buffered_bytes(); }

  Status Flush(int64_t offset, std::string* out, std::vector<ColumnChunk>* chunks) override {
    STRATUS_ASSIGN_OR_RETURN(ColumnChunk chunk, leaf_->Flush(offset, out));
    chunks->push_back(std::move(chunk));
    return Status::Ok();
  }

  size_t flushed_uncompressed_bytes() const override { return leaf_->flushed_uncompressed_bytes(); }

 private:
  std::unique_ptr<LeafChunkWriter> leaf_;
};

}  // namespace

Result<std::unique_ptr<LeafChunkWriter>> LeafChunkWriter::Make(
    LeafPlacement placement, sql::LogicalType type, const ParquetWriterOptions& options) {
  auto writer = std::make_unique<ChunkWriterImpl>(std::move(placement), std::move(type), options);
  STRATUS_RETURN_IF_ERROR(writer->Init());
  return std::unique_ptr<LeafChunkWriter>(std::move(writer));
}

Result<std::unique_ptr<ColumnChunkWriter>> ColumnChunkWriter::Make(
    const ParquetColumn& column, const ParquetWriterOptions& options) {
  if (column.type.is_nested()) {
    return MakeNestedColumnWriter(column, options);
  }
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<LeafChunkWriter> leaf,
      LeafChunkWriter::Make(LeafPlacement{.path = {column.name}, .field_id = column.field_id},
                            column.type, options));
  return std::unique_ptr<ColumnChunkWriter>(std::make_unique<FlatColumnWriter>(std::move(leaf)));
}

}  // namespace stratus::formats::parquet
