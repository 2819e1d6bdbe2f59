#include <algorithm>
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "formats/parquet/column_chunk_reader_internal.h"
#include "formats/parquet/parquet_codec_internal.h"
#include "formats/parquet/parquet_encoding_internal.h"
#include "sql/types/int128.h"
#include "sql/vector/buffer.h"
#include "sql/vector/string_view.h"
#include "sql/vector/vector.h"

namespace stratus::formats::parquet {
namespace {

using sql::Int128;
using sql::StringView;
using sql::TypeKind;

// Pages bigger than this, or holding more values, are refused: they bound
// what one page can make us allocate.
constexpr size_t kMaxPageBytes = size_t{1} << 30;
constexpr size_t kMaxPageValues = size_t{1} << 22;
// Julian day number of 1970-01-01, for INT96 timestamps.
constexpr int64_t kJulianEpochDay = 2440588;
constexpr int64_t kMillisPerDay = 86400000;

Status Corrupt(const std::string& what) {
  return Status::Corruption("parquet: " + what);
}

int64_t FloorDivide(int64_t value, int64_t divisor) {
  const int64_t quotient = value / divisor;
  return (value % divisor != 0 && value < 0) ? quotient - 1 : quotient;
}

Int128 BigEndianToInt128(const StringView& bytes) {
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const uint32_t size = bytes.size();
  if (size == 0) {
    return 0;
  }
  // Sign-extend from the first byte, then shift in the rest.
  Int128 value = static_cast<int8_t>(data[0]) < 0 ? -1 : 0;
  const uint32_t start = size > 16 ? size - 16 : 0;
  for (uint32_t i = start; i < size; ++i) {
    value = static_cast<Int128>((static_cast<sql::UInt128>(value) << 8) | data[i]);
  }
  return value;
}

Int128 PowerOfTen(int exponent) {
  Int128 value = 1;
  for (int i = 0; i < exponent; ++i) {
    value *= 10;
  }
  return value;
}

// Page iteration and definition levels, shared by every value type.
class ChunkReaderBase : public ColumnChunkReader {
 protected:
  ChunkReaderBase(const LeafColumn& leaf,
                  const ColumnMetaData& meta,
                  sql::LogicalType type,
                  std::shared_ptr<sql::Buffer> chunk)
      : element_(*leaf.element),
        max_definition_(leaf.max_definition_level),
        max_repetition_(leaf.max_repetition_level),
        codec_(meta.codec),
        type_(std::move(type)),
        chunk_(std::move(chunk)),
        chunk_size_(static_cast<size_t>(
            std::clamp<int64_t>(meta.total_compressed_size,
                                0,
                                static_cast<int64_t>(chunk_ != nullptr ? chunk_->size() : 0)))) {}

  // Loads the dictionary page's values.
  virtual Status LoadDictionary(const uint8_t* data, size_t size, size_t num_values) = 0;

  // Reads pages until a data page; sets page_left_ and the value cursor.
  Status LoadNextPage();

  std::shared_ptr<sql::Buffer> TakePageBuffer() override {
    ReleasePage();
    return std::move(page_);
  }

  void SetSparePageBuffer(std::shared_ptr<sql::Buffer> buffer) override {
    if (page_ == nullptr) {
      page_ = std::move(buffer);
    }
  }

  // Drops this reader's other references to the current page, so that the
  // next page may reuse its buffer when no vector holds it.
  void ReleasePage() {
    if (values_owner_ == page_) {
      values_owner_.reset();
    }
  }

  // Decodes the definition levels of the next `count` rows into defs_ and
  // returns how many are non-NULL.
  Result<size_t> NextLevels(size_t count);
  // NextLevels for ReadLeveled: also hands out the raw levels.
  Result<size_t> NextNestedLevels(size_t count);
  Status StartValues(const uint8_t* data, size_t size, Encoding encoding, size_t num_values);
  Status UnsplitByteStreams(const uint8_t* data, size_t size);
  Status DecodeDeltaStrings(const uint8_t* data, size_t size, Encoding encoding, size_t num_values);

  const SchemaElement& element_;
  const int max_definition_;
  const int max_repetition_;
  const Codec codec_;
  const sql::LogicalType type_;
  std::shared_ptr<sql::Buffer> chunk_;
  // The chunk's bytes: its total_compressed_size (the buffer may be larger).
  const size_t chunk_size_;
  size_t position_ = 0;  // The next page header in chunk_.
  std::shared_ptr<sql::Buffer> page_;
  std::shared_ptr<sql::Buffer> dictionary_page_;
  bool has_dictionary_ = false;
  size_t page_left_ = 0;      // Rows (levels) left in the page.
  bool all_present_ = false;  // The page has no definition levels and no NULLs.
  RleBitPackedDecoder levels_;
  RleBitPackedDecoder repetitions_;  // Leaves below a LIST or MAP.
  // Where ReadLeveled wants the raw levels; null for flat reads.
  std::vector<uint16_t>* sink_reps_ = nullptr;
  std::vector<uint16_t>* sink_defs_ = nullptr;
  std::vector<uint8_t> defs_;
  std::vector<uint32_t> scratch_;
  Encoding encoding_ = Encoding::kPlain;
  const uint8_t* values_ = nullptr;
  const uint8_t* values_end_ = nullptr;
  size_t bit_position_ = 0;  // PLAIN booleans.
  RleBitPackedDecoder indices_;
  std::vector<int64_t> delta_;
  size_t delta_position_ = 0;
  std::shared_ptr<sql::Buffer> unsplit_;       // BYTE_STREAM_SPLIT values in PLAIN order.
  std::shared_ptr<sql::Buffer> values_owner_;  // What PLAIN values point into.
  // DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY pages, decoded whole; the
  // strings point into values_owner_.
  std::vector<StringView> delta_strings_;
};

// Returns *spare when nothing else holds it and it has room for `size`
// bytes, else a new buffer: a chunk's pages reuse one buffer while no
// vector points into it, which spares a fresh allocation (and its page
// faults) per page.
std::shared_ptr<sql::Buffer> ReusableBuffer(std::shared_ptr<sql::Buffer>* spare, size_t size) {
  if (spare != nullptr && *spare != nullptr && spare->use_count() == 1 &&
      (*spare)->size() >= size) {
    return std::move(*spare);
  }
  return sql::Buffer::Allocate(size);
}

Result<std::shared_ptr<sql::Buffer>> DecompressPage(Codec codec,
                                                    const uint8_t* data,
                                                    size_t size,
                                                    int32_t uncompressed_size,
                                                    std::shared_ptr<sql::Buffer>* spare) {
  if (uncompressed_size < 0 || static_cast<size_t>(uncompressed_size) > kMaxPageBytes) {
    return Corrupt("bad uncompressed page size");
  }
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  STRATUS_RETURN_IF_ERROR(
      CheckDecompressedSize(codec, input, static_cast<size_t>(uncompressed_size)));
  auto buffer = ReusableBuffer(spare, static_cast<size_t>(uncompressed_size) + 16);
  STRATUS_RETURN_IF_ERROR(
      Decompress(codec, std::string_view(reinterpret_cast<const char*>(data), size),
                 reinterpret_cast<char*>(buffer->data()), static_cast<size_t>(uncompressed_size)));
  return buffer;
}

Status ChunkReaderBase::StartValues(const uint8_t* data,
                                    size_t size,
                                    Encoding encoding,
                                    size_t num_values) {
  encoding_ = encoding;
  values_owner_ = page_;
  values_ = data;
  values_end_ = data + size;
  bit_position_ = 0;
  switch (encoding) {
    case Encoding::kPlain:
      return Status::Ok();
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary: {
      if (!has_dictionary_) {
        return Corrupt("dictionary-encoded page without a dictionary");
      }
      if (size < 1 || data[0] > 32) {
        return Corrupt("bad dictionary index bit width");
      }
      indices_ = RleBitPackedDecoder(data + 1, size - 1, data[0]);
      return Status::Ok();
    }
    case Encoding::kRle:
      if (element_.type != PhysicalKind::kBoolean || size < 4) {
        return Corrupt("RLE values outside a boolean column");
      }
      {
        uint32_t length = 0;
        std::memcpy(&length, data, 4);
        if (length > size - 4) {
          return Corrupt("RLE booleans past their page");
        }
        indices_ = RleBitPackedDecoder(data + 4, length, 1);
      }
      return Status::Ok();
    case Encoding::kDeltaBinaryPacked: {
      if (element_.type != PhysicalKind::kInt32 && element_.type != PhysicalKind::kInt64) {
        return Corrupt("DELTA_BINARY_PACKED outside an integer column");
      }
      size_t consumed = 0;
      STRATUS_ASSIGN_OR_RETURN(delta_, DecodeDeltaBinaryPacked(data, size, num_values, &consumed));
      delta_position_ = 0;
      return Status::Ok();
    }
    case Encoding::kByteStreamSplit:
      return UnsplitByteStreams(data, size);
    case Encoding::kDeltaLengthByteArray:
    case Encoding::kDeltaByteArray:
      if (element_.type != PhysicalKind::kByteArray) {
        return Corrupt("DELTA byte arrays outside a BYTE_ARRAY column");
      }
      return DecodeDeltaStrings(data, size, encoding, num_values);
    default:
      return Status::NotImplemented("parquet: encoding " +
                                    std::to_string(static_cast<int>(encoding)));
  }
}

Status ChunkReaderBase::DecodeDeltaStrings(const uint8_t* data,
                                           size_t size,
                                           Encoding encoding,
                                           size_t num_values) {
  const uint8_t* cursor = data;
  const uint8_t* end = data + size;
  size_t consumed = 0;
  std::vector<int64_t> prefixes;
  if (encoding == Encoding::kDeltaByteArray) {
    STRATUS_ASSIGN_OR_RETURN(prefixes,
                             DecodeDeltaBinaryPacked(cursor, size, num_values, &consumed));
    cursor += consumed;
  }
  STRATUS_ASSIGN_OR_RETURN(
      std::vector<int64_t> lengths,
      DecodeDeltaBinaryPacked(cursor, static_cast<size_t>(end - cursor), num_values, &consumed));
  cursor += consumed;
  if (encoding == Encoding::kDeltaByteArray && prefixes.size() != lengths.size()) {
    return Corrupt("DELTA_BYTE_ARRAY prefix and suffix counts differ");
  }
  // The suffixes, then room for the rebuilt strings (each at most the
  // previous string plus its suffix, so the total is bounded below).
  uint64_t suffix_bytes = 0;
  for (int64_t length : lengths) {
    if (length < 0 || static_cast<uint64_t>(length) > static_cast<uint64_t>(end - cursor)) {
      return Corrupt("DELTA byte array lengths run past their page");
    }
    suffix_bytes += static_cast<uint64_t>(length);
  }
  if (suffix_bytes > static_cast<uint64_t>(end - cursor)) {
    return Corrupt("DELTA byte array lengths run past their page");
  }
  delta_strings_.clear();
  delta_strings_.reserve(lengths.size());
  if (encoding == Encoding::kDeltaLengthByteArray) {
    for (int64_t length : lengths) {
      delta_strings_.emplace_back(reinterpret_cast<const char*>(cursor),
                                  static_cast<uint32_t>(length));
      cursor += length;
    }
    values_owner_ = page_;
  } else {
    uint64_t total = 0;
    uint64_t previous = 0;
    for (size_t i = 0; i < lengths.size(); ++i) {
      if (prefixes[i] < 0 || static_cast<uint64_t>(prefixes[i]) > previous) {
        return Corrupt("DELTA_BYTE_ARRAY prefix longer than the previous value");
      }
      previous = static_cast<uint64_t>(prefixes[i]) + static_cast<uint64_t>(lengths[i]);
      total += previous;
      if (total > kMaxPageBytes) {
        return Corrupt("DELTA_BYTE_ARRAY page expands past the page limit");
      }
    }
    auto buffer = sql::Buffer::Allocate(static_cast<size_t>(total) + 16);
    char* out = reinterpret_cast<char*>(buffer->data());
    const char* last = out;
    for (size_t i = 0; i < lengths.size(); ++i) {
      const auto prefix = static_cast<size_t>(prefixes[i]);
      const auto length = static_cast<size_t>(lengths[i]);
      std::memcpy(out, last, prefix);  // The previous value ends at out.
      std::memcpy(out + prefix, cursor, length);
      cursor += length;
      delta_strings_.emplace_back(out, static_cast<uint32_t>(prefix + length));
      last = out;
      out += prefix + length;
    }
    values_owner_ = std::move(buffer);
  }
  delta_position_ = 0;
  return Status::Ok();
}

Status ChunkReaderBase::UnsplitByteStreams(const uint8_t* data, size_t size) {
  size_t width = 0;
  switch (*element_.type) {
    case PhysicalKind::kInt32:
    case PhysicalKind::kFloat:
      width = 4;
      break;
    case PhysicalKind::kInt64:
    case PhysicalKind::kDouble:
      width = 8;
      break;
    case PhysicalKind::kFixedLenByteArray:
      width = static_cast<size_t>(std::max(element_.type_length, 0));
      break;
    default:
      break;
  }
  if (width == 0 || size % width != 0) {
    return Corrupt("BYTE_STREAM_SPLIT values do not fit the column");
  }
  // Interleave the streams back into PLAIN order, then read them as PLAIN.
  const size_t count = size / width;
  unsplit_ = sql::Buffer::Allocate(size + 16);
  uint8_t* out = unsplit_->data();
  for (size_t stream = 0; stream < width; ++stream) {
    const uint8_t* in = data + stream * count;
    for (size_t i = 0; i < count; ++i) {
      out[i * width + stream] = in[i];
    }
  }
  encoding_ = Encoding::kPlain;
  values_owner_ = unsplit_;
  values_ = out;
  values_end_ = out + size;
  return Status::Ok();
}

Status ChunkReaderBase::LoadNextPage() {
  for (;;) {
    const size_t chunk_size = chunk_size_;
    if (position_ >= chunk_size) {
      return Corrupt("column chunk ends before its rows");
    }
    const uint8_t* base = chunk_->data();
    size_t header_size = 0;
    STRATUS_ASSIGN_OR_RETURN(
        PageHeader header,
        DecodePageHeader(std::string_view(reinterpret_cast<const char*>(base + position_),
                                          chunk_size - position_),
                         &header_size));
    position_ += header_size;
    if (header.compressed_page_size < 0 ||
        static_cast<size_t>(header.compressed_page_size) > chunk_size - position_) {
      return Corrupt("page runs past its column chunk");
    }
    const uint8_t* body = base + position_;
    const auto body_size = static_cast<size_t>(header.compressed_page_size);
    position_ += body_size;
    if (header.type == PageType::kDictionaryPage) {
      if (!header.dictionary_page || has_dictionary_) {
        return Corrupt("bad dictionary page");
      }
      STRATUS_ASSIGN_OR_RETURN(
          dictionary_page_,
          DecompressPage(codec_, body, body_size, header.uncompressed_page_size, nullptr));
      const auto count = header.dictionary_page->num_values;
      if (count < 0 || static_cast<size_t>(count) > kMaxPageValues) {
        return Corrupt("bad dictionary size");
      }
      STRATUS_RETURN_IF_ERROR(LoadDictionary(dictionary_page_->data(),
                                             static_cast<size_t>(header.uncompressed_page_size),
                                             static_cast<size_t>(count)));
      has_dictionary_ = true;
      continue;
    }
    if (header.type == PageType::kDataPage && header.data_page) {
      const DataPageHeader& data = *header.data_page;
      all_present_ = false;
      if (data.num_values < 0 || static_cast<size_t>(data.num_values) > kMaxPageValues) {
        return Corrupt("bad page value count");
      }
      ReleasePage();
      STRATUS_ASSIGN_OR_RETURN(
          page_, DecompressPage(codec_, body, body_size, header.uncompressed_page_size, &page_));
      const uint8_t* cursor = page_->data();
      const uint8_t* end = cursor + header.uncompressed_page_size;
      if (max_repetition_ > 0) {
        uint32_t length = 0;
        if (data.repetition_level_encoding != Encoding::kRle || end - cursor < 4) {
          return Corrupt("bad repetition levels");
        }
        std::memcpy(&length, cursor, 4);
        cursor += 4;
        if (length > static_cast<size_t>(end - cursor)) {
          return Corrupt("repetition levels run past their page");
        }
        repetitions_ = RleBitPackedDecoder(cursor, length, BitWidth(max_repetition_));
        cursor += length;
      }
      if (max_definition_ > 0) {
        if (data.definition_level_encoding != Encoding::kRle) {
          return Status::NotImplemented("parquet: BIT_PACKED definition levels");
        }
        uint32_t length = 0;
        if (end - cursor < 4) {
          return Corrupt("truncated definition levels");
        }
        std::memcpy(&length, cursor, 4);
        cursor += 4;
        if (length > static_cast<size_t>(end - cursor)) {
          return Corrupt("definition levels run past their page");
        }
        levels_ = RleBitPackedDecoder(cursor, length, BitWidth(max_definition_));
        cursor += length;
      }
      page_left_ = static_cast<size_t>(data.num_values);
      STRATUS_RETURN_IF_ERROR(
          StartValues(cursor, static_cast<size_t>(end - cursor), data.encoding, page_left_));
    } else if (header.type == PageType::kDataPageV2 && header.data_page_v2) {
      const DataPageHeaderV2& data = *header.data_page_v2;
      const int64_t levels =
          int64_t{data.definition_levels_byte_length} + data.repetition_levels_byte_length;
      if (data.num_values < 0 || static_cast<size_t>(data.num_values) > kMaxPageValues ||
          data.definition_levels_byte_length < 0 || data.repetition_levels_byte_length < 0 ||
          levels > static_cast<int64_t>(body_size) || levels > header.uncompressed_page_size ||
          static_cast<size_t>(header.uncompressed_page_size) > kMaxPageBytes) {
        return Corrupt("bad data page v2 header");
      }
      const auto level_bytes = static_cast<size_t>(levels);
      const int32_t values_size = header.uncompressed_page_size - static_cast<int32_t>(levels);
      STRATUS_RETURN_IF_ERROR(
          CheckDecompressedSize(data.is_compressed ? codec_ : Codec::kUncompressed,
                                std::string_view(reinterpret_cast<const char*>(body) + level_bytes,
                                                 body_size - level_bytes),
                                static_cast<size_t>(values_size)));
      ReleasePage();
      page_ = ReusableBuffer(&page_, level_bytes + static_cast<size_t>(values_size) + 16);
      std::memcpy(page_->data(), body, level_bytes);
      STRATUS_RETURN_IF_ERROR(Decompress(
          data.is_compressed ? codec_ : Codec::kUncompressed,
          std::string_view(reinterpret_cast<const char*>(body) + level_bytes,
                           body_size - level_bytes),
          reinterpret_cast<char*>(page_->data()) + level_bytes, static_cast<size_t>(values_size)));
      if (max_repetition_ > 0) {
        repetitions_ = RleBitPackedDecoder(page_->data(),
                                           static_cast<size_t>(data.repetition_levels_byte_length),
                                           BitWidth(max_repetition_));
      }
      const uint8_t* definitions = page_->data() + data.repetition_levels_byte_length;
      // A v2 page without NULLs may leave its definition levels out.
      all_present_ = data.num_nulls == 0 && data.definition_levels_byte_length == 0;
      if (max_definition_ > 0) {
        levels_ = RleBitPackedDecoder(definitions,
                                      static_cast<size_t>(data.definition_levels_byte_length),
                                      BitWidth(max_definition_));
      }
      page_left_ = static_cast<size_t>(data.num_values);
      STRATUS_RETURN_IF_ERROR(StartValues(page_->data() + level_bytes,
                                          static_cast<size_t>(values_size), data.encoding,
                                          page_left_));
    } else {
      continue;  // Index pages and unknown page types.
    }
    if (page_left_ > 0) {
      return Status::Ok();
    }
  }
}

Result<size_t> ChunkReaderBase::NextNestedLevels(size_t count) {
  const size_t base = sink_defs_->size();
  sink_reps_->resize(base + count, 0);
  sink_defs_->resize(base + count, 0);
  uint16_t* reps = sink_reps_->data() + base;
  uint16_t* defs = sink_defs_->data() + base;
  scratch_.resize(count);
  if (max_repetition_ > 0) {
    STRATUS_RETURN_IF_ERROR(repetitions_.Decode(scratch_.data(), count));
    for (size_t i = 0; i < count; ++i) {
      if (scratch_[i] > static_cast<uint32_t>(max_repetition_)) {
        return Corrupt("repetition level above the column's maximum");
      }
      reps[i] = static_cast<uint16_t>(scratch_[i]);
    }
  }
  defs_.resize(count);
  if (max_definition_ == 0 || all_present_) {
    std::fill(defs, defs + count, static_cast<uint16_t>(max_definition_));
    std::fill(defs_.begin(), defs_.end(), 1);
    return count;
  }
  STRATUS_RETURN_IF_ERROR(levels_.Decode(scratch_.data(), count));
  size_t present = 0;
  for (size_t i = 0; i < count; ++i) {
    if (scratch_[i] > static_cast<uint32_t>(max_definition_)) {
      return Corrupt("definition level above the column's maximum");
    }
    defs[i] = static_cast<uint16_t>(scratch_[i]);
    const bool valid = static_cast<int>(scratch_[i]) == max_definition_;
    defs_[i] = valid ? 1 : 0;
    present += valid ? 1 : 0;
  }
  return present;
}

Result<size_t> ChunkReaderBase::NextLevels(size_t count) {
  if (sink_defs_ != nullptr) {
    return NextNestedLevels(count);
  }
  if (max_definition_ == 0) {
    return count;
  }
  defs_.resize(count);
  if (all_present_) {
    std::fill(defs_.begin(), defs_.end(), 1);
    return count;
  }
  uint32_t run_value = 0;
  if (levels_.TakeRun(count, &run_value)) {
    const bool valid = static_cast<int>(run_value) == max_definition_;
    std::fill(defs_.begin(), defs_.end(), valid ? 1 : 0);
    return valid ? count : 0;
  }
  scratch_.resize(count);
  STRATUS_RETURN_IF_ERROR(levels_.Decode(scratch_.data(), count));
  defs_.resize(count);
  size_t present = 0;
  for (size_t i = 0; i < count; ++i) {
    const bool valid = static_cast<int>(scratch_[i]) == max_definition_;
    defs_[i] = valid ? 1 : 0;
    present += valid ? 1 : 0;
  }
  return present;
}

// Decodes values of one staging type T: uint8_t (BOOLEAN), int32_t,
// int64_t, float, double, or StringView (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY, INT96).
template <typename T>
class TypedChunkReader final : public ChunkReaderBase {
 public:
  TypedChunkReader(const LeafColumn& leaf,
                   const ColumnMetaData& meta,
                   sql::LogicalType type,
                   std::shared_ptr<sql::Buffer> chunk)
      : ChunkReaderBase(leaf, meta, std::move(type), std::move(chunk)) {
    if (element_.type == PhysicalKind::kInt96) {
      fixed_width_ = 12;
    } else if (element_.type == PhysicalKind::kFixedLenByteArray) {
      fixed_width_ = static_cast<size_t>(std::max(element_.type_length, 0));
    }
    const int file_scale = DecimalScale(element_);
    decimal_factor_ = PowerOfTen(std::max(type_.scale() - file_scale, 0));
    if (element_.logical.kind == LogicalAnnotation::Kind::kTimestamp) {
      using Unit = LogicalAnnotation::TimeUnit;
      const Unit unit = element_.logical.unit;
      time_divisor_ = unit == Unit::kMicros ? 1000 : unit == Unit::kNanos ? 1000000 : 1;
    } else if (element_.converted_type == ConvertedType::kTimestampMicros) {
      time_divisor_ = 1000;
    }
    direct_ = DecodesDirectly();
  }

  Status Read(size_t num_rows, sql::Vector* out) override {
    kept_alive_ = nullptr;
    return ReadRange(0, num_rows, out);
  }

  Status ReadLeveled(size_t first,
                     size_t count,
                     sql::Vector* out,
                     std::vector<uint16_t>* reps,
                     std::vector<uint16_t>* defs) override {
    if (first == 0) {
      kept_alive_ = nullptr;
    }
    sink_reps_ = reps;
    sink_defs_ = defs;
    Status status = ReadRange(first, first + count, out);
    sink_reps_ = nullptr;
    sink_defs_ = nullptr;
    return status;
  }

 private:
  // Decodes rows [first, end) of *out.
  Status ReadRange(size_t first, size_t end, sql::Vector* out);
  Status LoadDictionary(const uint8_t* data, size_t size, size_t num_values) override;
  Status DecodePlain(T* out, size_t count);
  Status Decode(T* out, size_t count);
  Status Store(size_t row, size_t count, size_t present, sql::Vector* out);
  void KeepStringsAlive(sql::Vector* out);
  // Returns true when values decode straight into the output vector.
  bool DecodesDirectly() const;
  template <typename Out, typename Convert>
  void Scatter(size_t row, size_t count, sql::Vector* out, Convert convert);

  size_t fixed_width_ = 0;
  Int128 decimal_factor_ = 1;
  int64_t time_divisor_ = 1;
  std::vector<T> dictionary_;
  std::vector<T> staging_;
  const void* kept_alive_ = nullptr;  // The last buffer handed to out->KeepAlive.
  bool direct_ = false;               // See DecodesDirectly().
};

template <typename T>
void TypedChunkReader<T>::KeepStringsAlive(sql::Vector* out) {
  const bool dictionary =
      encoding_ == Encoding::kRleDictionary || encoding_ == Encoding::kPlainDictionary;
  const std::shared_ptr<sql::Buffer>& buffer = dictionary ? dictionary_page_ : values_owner_;
  if (buffer.get() != kept_alive_) {
    out->KeepAlive(buffer);
    kept_alive_ = buffer.get();
  }
}

template <typename T>
bool TypedChunkReader<T>::DecodesDirectly() const {
  const TypeKind kind = type_.kind();
  if constexpr (std::is_same_v<T, uint8_t>) {
    return kind == TypeKind::kBoolean;
  } else if constexpr (std::is_same_v<T, int32_t>) {
    return kind == TypeKind::kInteger || kind == TypeKind::kDate;
  } else if constexpr (std::is_same_v<T, int64_t>) {
    return kind == TypeKind::kBigint || (kind == TypeKind::kTimestamp && time_divisor_ == 1) ||
           (kind == TypeKind::kDecimal && type_.is_short_decimal() && decimal_factor_ == 1);
  } else if constexpr (std::is_same_v<T, float>) {
    return kind == TypeKind::kReal;
  } else if constexpr (std::is_same_v<T, double>) {
    return kind == TypeKind::kDouble;
  } else {
    return type_.is_string() && element_.type != PhysicalKind::kInt96;
  }
}

template <typename T>
Status TypedChunkReader<T>::DecodePlain(T* out, size_t count) {
  const size_t left = static_cast<size_t>(values_end_ - values_);
  if constexpr (std::is_same_v<T, uint8_t>) {
    if ((bit_position_ + count + 7) / 8 > left) {
      return Corrupt("PLAIN booleans run past their page");
    }
    for (size_t i = 0; i < count; ++i, ++bit_position_) {
      out[i] = (values_[bit_position_ / 8] >> (bit_position_ % 8)) & 1;
    }
  } else if constexpr (std::is_same_v<T, StringView>) {
    if (element_.type == PhysicalKind::kByteArray) {
      const uint8_t* cursor = values_;
      for (size_t i = 0; i < count; ++i) {
        uint32_t length = 0;
        if (values_end_ - cursor < 4) {
          return Corrupt("PLAIN strings run past their page");
        }
        std::memcpy(&length, cursor, 4);
        cursor += 4;
        if (length > static_cast<size_t>(values_end_ - cursor)) {
          return Corrupt("PLAIN strings run past their page");
        }
        out[i] = StringView(reinterpret_cast<const char*>(cursor), length);
        cursor += length;
      }
      values_ = cursor;
    } else {
      if (fixed_width_ > 0 && count > left / fixed_width_) {
        return Corrupt("PLAIN fixed-width values run past their page");
      }
      for (size_t i = 0; i < count; ++i) {
        out[i] = StringView(reinterpret_cast<const char*>(values_) + i * fixed_width_,
                            static_cast<uint32_t>(fixed_width_));
      }
      values_ += count * fixed_width_;
    }
  } else {
    if (count > left / sizeof(T)) {
      return Corrupt("PLAIN values run past their page");
    }
    if (count > 0) {  // out may be null then.
      std::memcpy(out, values_, count * sizeof(T));
    }
    values_ += count * sizeof(T);
  }
  return Status::Ok();
}

template <typename T>
Status TypedChunkReader<T>::Decode(T* out, size_t count) {
  switch (encoding_) {
    case Encoding::kPlain:
      return DecodePlain(out, count);
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary: {
      scratch_.resize(count);
      STRATUS_RETURN_IF_ERROR(indices_.Decode(scratch_.data(), count));
      const size_t size = dictionary_.size();
      for (size_t i = 0; i < count; ++i) {
        if (scratch_[i] >= size) {
          return Corrupt("dictionary index out of range");
        }
        out[i] = dictionary_[scratch_[i]];
      }
      return Status::Ok();
    }
    case Encoding::kRle:
      if constexpr (std::is_same_v<T, uint8_t>) {
        scratch_.resize(count);
        STRATUS_RETURN_IF_ERROR(indices_.Decode(scratch_.data(), count));
        for (size_t i = 0; i < count; ++i) {
          out[i] = static_cast<uint8_t>(scratch_[i] & 1);
        }
        return Status::Ok();
      }
      break;
    case Encoding::kDeltaLengthByteArray:
    case Encoding::kDeltaByteArray:
      if constexpr (std::is_same_v<T, StringView>) {
        if (count > delta_strings_.size() - delta_position_) {
          return Corrupt("DELTA byte array page has too few values");
        }
        std::copy_n(delta_strings_.begin() + static_cast<ptrdiff_t>(delta_position_), count, out);
        delta_position_ += count;
        return Status::Ok();
      }
      break;
    case Encoding::kDeltaBinaryPacked:
      if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) {
        if (count > delta_.size() - delta_position_) {
          return Corrupt("DELTA_BINARY_PACKED page has too few values");
        }
        for (size_t i = 0; i < count; ++i) {
          out[i] = static_cast<T>(delta_[delta_position_ + i]);
        }
        delta_position_ += count;
        return Status::Ok();
      }
      break;
    default:
      break;
  }
  return Corrupt("encoding does not fit the column");
}

template <typename T>
Status TypedChunkReader<T>::LoadDictionary(const uint8_t* data, size_t size, size_t num_values) {
  if constexpr (std::is_same_v<T, uint8_t>) {
    return Corrupt("dictionary page in a boolean column");
  } else {
    if (num_values > size * 8 + 8) {
      return Corrupt("dictionary larger than its page");
    }
    dictionary_.resize(num_values);
    values_ = data;
    values_end_ = data + size;
    return DecodePlain(dictionary_.data(), num_values);
  }
}

template <typename T>
template <typename Out, typename Convert>
void TypedChunkReader<T>::Scatter(size_t row, size_t count, sql::Vector* out, Convert convert) {
  Out* values = out->template mutable_values<Out>() + row;
  if (max_definition_ == 0) {
    for (size_t i = 0; i < count; ++i) {
      values[i] = convert(staging_[i]);
    }
    return;
  }
  size_t next = 0;
  for (size_t i = 0; i < count; ++i) {
    if (defs_[i] != 0) {
      values[i] = convert(staging_[next++]);
    } else {
      values[i] = Out{};
      out->SetNull(row + i, true);
    }
  }
}

template <typename T>
Status TypedChunkReader<T>::Store(size_t row, size_t count, size_t present, sql::Vector* out) {
  (void)present;
  auto same = [](const T& value) {
    return value;
  };
  if constexpr (std::is_same_v<T, StringView>) {
    switch (type_.kind()) {
      case TypeKind::kTimestamp:
        Scatter<int64_t>(row, count, out, [](const StringView& value) {
          int64_t nanos = 0;
          int32_t julian = 0;
          std::memcpy(&nanos, value.data(), 8);
          std::memcpy(&julian, value.data() + 8, 4);
          return (julian - kJulianEpochDay) * kMillisPerDay + FloorDivide(nanos, 1000000);
        });
        return Status::Ok();
      case TypeKind::kDecimal:
        if (type_.is_short_decimal()) {
          Scatter<int64_t>(row, count, out, [&](const StringView& value) {
            return static_cast<int64_t>(BigEndianToInt128(value) * decimal_factor_);
          });
        } else {
          Scatter<Int128>(row, count, out, [&](const StringView& value) {
            return BigEndianToInt128(value) * decimal_factor_;
          });
        }
        return Status::Ok();
      default: {
        KeepStringsAlive(out);
        Scatter<StringView>(row, count, out, same);
        return Status::Ok();
      }
    }
  } else if constexpr (std::is_same_v<T, uint8_t>) {
    Scatter<uint8_t>(row, count, out, same);
    return Status::Ok();
  } else {
    switch (type_.kind()) {
      case TypeKind::kTinyint:
        Scatter<int8_t>(row, count, out, [](T value) { return static_cast<int8_t>(value); });
        return Status::Ok();
      case TypeKind::kSmallint:
        Scatter<int16_t>(row, count, out, [](T value) { return static_cast<int16_t>(value); });
        return Status::Ok();
      case TypeKind::kInteger:
      case TypeKind::kDate:
        Scatter<int32_t>(row, count, out, [](T value) { return static_cast<int32_t>(value); });
        return Status::Ok();
      case TypeKind::kBigint:
        Scatter<int64_t>(row, count, out, [](T value) { return static_cast<int64_t>(value); });
        return Status::Ok();
      case TypeKind::kReal:
        Scatter<float>(row, count, out, [](T value) { return static_cast<float>(value); });
        return Status::Ok();
      case TypeKind::kDouble:
        Scatter<double>(row, count, out, [](T value) { return static_cast<double>(value); });
        return Status::Ok();
      case TypeKind::kTimestamp:
        Scatter<int64_t>(row, count, out, [&](T value) {
          return FloorDivide(static_cast<int64_t>(value), time_divisor_);
        });
        return Status::Ok();
      case TypeKind::kDecimal:
        if (type_.is_short_decimal()) {
          Scatter<int64_t>(row, count, out, [&](T value) {
            return static_cast<int64_t>(static_cast<Int128>(value) * decimal_factor_);
          });
        } else {
          Scatter<Int128>(row, count, out,
                          [&](T value) { return static_cast<Int128>(value) * decimal_factor_; });
        }
        return Status::Ok();
      default:
        return Status::Internal("parquet: unchecked conversion");
    }
  }
}

template <typename T>
Status TypedChunkReader<T>::ReadRange(size_t first, size_t end, sql::Vector* out) {
  size_t row = first;
  while (row < end) {
    if (page_left_ == 0) {
      STRATUS_RETURN_IF_ERROR(LoadNextPage());
    }
    const size_t count = std::min(page_left_, end - row);
    STRATUS_ASSIGN_OR_RETURN(size_t present, NextLevels(count));
    if (present == count && direct_) {
      STRATUS_RETURN_IF_ERROR(Decode(out->template mutable_values<T>() + row, count));
      if constexpr (std::is_same_v<T, StringView>) {
        KeepStringsAlive(out);
      }
      page_left_ -= count;
      row += count;
      continue;
    }
    staging_.resize(present);
    STRATUS_RETURN_IF_ERROR(Decode(staging_.data(), present));
    STRATUS_RETURN_IF_ERROR(Store(row, count, present, out));
    page_left_ -= count;
    row += count;
  }
  return Status::Ok();
}

template <typename T>
std::unique_ptr<ColumnChunkReader> MakeTyped(const LeafColumn& leaf,
                                             const ColumnMetaData& meta,
                                             sql::LogicalType type,
                                             std::shared_ptr<sql::Buffer> chunk) {
  return std::make_unique<TypedChunkReader<T>>(leaf, meta, std::move(type), std::move(chunk));
}

}  // namespace

Result<std::unique_ptr<ColumnChunkReader>> ColumnChunkReader::Make(
    const LeafColumn& leaf,
    const ColumnMetaData& meta,
    sql::LogicalType type,
    std::shared_ptr<sql::Buffer> chunk) {
  STRATUS_RETURN_IF_ERROR(CheckReadable(leaf, type));
  switch (*leaf.element->type) {
    case PhysicalKind::kBoolean:
      return MakeTyped<uint8_t>(leaf, meta, std::move(type), std::move(chunk));
    case PhysicalKind::kInt32:
      return MakeTyped<int32_t>(leaf, meta, std::move(type), std::move(chunk));
    case PhysicalKind::kInt64:
      return MakeTyped<int64_t>(leaf, meta, std::move(type), std::move(chunk));
    case PhysicalKind::kFloat:
      return MakeTyped<float>(leaf, meta, std::move(type), std::move(chunk));
    case PhysicalKind::kDouble:
      return MakeTyped<double>(leaf, meta, std::move(type), std::move(chunk));
    case PhysicalKind::kInt96:
    case PhysicalKind::kByteArray:
    case PhysicalKind::kFixedLenByteArray:
      return MakeTyped<StringView>(leaf, meta, std::move(type), std::move(chunk));
  }
  return Corrupt("bad physical type");
}

}  // namespace stratus::formats::parquet
