#include "formats/avro/object_container.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include "base/digest.h"
#include "base/format.h"
#include "formats/avro/avro_datum_internal.h"

namespace stratus::formats::avro {
namespace {

constexpr std::string_view kMagic("Obj\x01", 4);
constexpr size_t kSyncSize = 16;
// The header's metadata map holds at most this many entries.
constexpr int64_t kMaxMetadataEntries = 4096;

// Reads Avro's zig-zag varint longs and length-prefixed bytes from a buffer.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}

  size_t left() const { return bytes_.size() - pos_; }

  Result<int64_t> Long() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= bytes_.size()) {
        return Status::Corruption("avro: truncated varint");
      }
      const auto byte = static_cast<uint8_t>(bytes_[pos_++]);
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        return static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1);
      }
    }
    return Status::Corruption("avro: varint longer than 10 bytes");
  }

  Result<std::string_view> Take(int64_t size) {
    if (size < 0 || static_cast<uint64_t>(size) > left()) {
      return Status::Corruption("avro: length past the end of the file");
    }
    std::string_view out = bytes_.substr(pos_, static_cast<size_t>(size));
    pos_ += static_cast<size_t>(size);
    return out;
  }

  Result<std::string_view> Bytes() {
    STRATUS_ASSIGN_OR_RETURN(int64_t size, Long());
    return Take(size);
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

void PutLong(int64_t value, std::string* out) {
  uint64_t bits = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
  while (bits >= 0x80) {
    out->push_back(static_cast<char>((bits & 0x7f) | 0x80));
    bits >>= 7;
  }
  out->push_back(static_cast<char>(bits));
}

void PutBytes(std::string_view bytes, std::string* out) {
  PutLong(static_cast<int64_t>(bytes.size()), out);
  out->append(bytes);
}

Result<AvroCodec> CodecFromName(std::string_view name) {
  if (name.empty() || name == "null") {
    return AvroCodec::kNull;
  }
  if (name == "deflate") {
    return AvroCodec::kDeflate;
  }
  if (name == "snappy") {
    return AvroCodec::kSnappy;
  }
  if (name == "zstandard") {
    return AvroCodec::kZstandard;
  }
  return Status::NotImplemented(fmt::format("avro: codec {}", name));
}

// Raw deflate (no zlib header), as Avro's deflate codec.
Result<std::string> Inflate(std::string_view in, size_t max_bytes) {
  z_stream stream{};
  if (inflateInit2(&stream, -15) != Z_OK) {
    return Status::Internal("avro: inflateInit2 failed");
  }
  std::string out;
  char buffer[64 * 1024];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  stream.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&stream);
      return Status::Corruption("avro: bad deflate block");
    }
    out.append(buffer, sizeof(buffer) - stream.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&stream);
      return Status::Corruption("avro: block decompresses past the limit");
    }
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      inflateEnd(&stream);
      return Status::Corruption("avro: truncated deflate block");
    }
  }
  inflateEnd(&stream);
  return out;
}

Result<std::string> Deflate(std::string_view in) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return Status::Internal("avro: deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(in.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  stream.avail_in = static_cast<uInt>(in.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) {
    return Status::Internal("avro: deflate failed");
  }
  return out;
}

uint32_t Crc32(std::string_view bytes) {
  return static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

Result<std::string> Decompress(AvroCodec codec, std::string_view in, size_t max_bytes) {
  switch (codec) {
    case AvroCodec::kNull:
      return std::string(in);
    case AvroCodec::kDeflate:
      return Inflate(in, max_bytes);
    case AvroCodec::kSnappy: {
      // Snappy blocks end with the big-endian CRC-32 of the uncompressed data.
      if (in.size() < 4) {
        return Status::Corruption("avro: snappy block without its checksum");
      }
      std::string_view body = in.substr(0, in.size() - 4);
      size_t size = 0;
      if (!snappy::GetUncompressedLength(body.data(), body.size(), &size) || size > max_bytes) {
        return Status::Corruption("avro: bad snappy block");
      }
      std::string out;
      if (!snappy::Uncompress(body.data(), body.size(), &out)) {
        return Status::Corruption("avro: bad snappy block");
      }
      const auto* tail = reinterpret_cast<const uint8_t*>(in.data() + in.size() - 4);
      const uint32_t expected = (uint32_t{tail[0]} << 24) | (uint32_t{tail[1]} << 16) |
                                (uint32_t{tail[2]} << 8) | uint32_t{tail[3]};
      if (Crc32(out) != expected) {
        return Status::Corruption("avro: snappy block checksum mismatch");
      }
      return out;
    }
    case AvroCodec::kZstandard: {
      const unsigned long long size = ZSTD_getFrameContentSize(in.data(), in.size());
      if (size == ZSTD_CONTENTSIZE_ERROR) {
        return Status::Corruption("avro: bad zstandard block");
      }
      if (size != ZSTD_CONTENTSIZE_UNKNOWN) {
        if (size > max_bytes) {
          return Status::Corruption("avro: block decompresses past the limit");
        }
        std::string out(static_cast<size_t>(size), '\0');
        const size_t rc = ZSTD_decompress(out.data(), out.size(), in.data(), in.size());
        if (ZSTD_isError(rc) || rc != out.size()) {
          return Status::Corruption("avro: bad zstandard block");
        }
        return out;
      }
      // Streamed frames have no content size: decompress chunk by chunk.
      ZSTD_DStream* stream = ZSTD_createDStream();
      std::string out;
      ZSTD_inBuffer input{in.data(), in.size(), 0};
      char buffer[64 * 1024];
      size_t rc = 1;
      while (input.pos < input.size && rc != 0) {
        ZSTD_outBuffer output{buffer, sizeof(buffer), 0};
        rc = ZSTD_decompressStream(stream, &output, &input);
        if (ZSTD_isError(rc) || out.size() + output.pos > max_bytes) {
          ZSTD_freeDStream(stream);
          return Status::Corruption("avro: bad zstandard block");
        }
        out.append(buffer, output.pos);
      }
      ZSTD_freeDStream(stream);
      return out;
    }
  }
  return Status::Internal("avro: unknown codec");
}

Result<std::string> Compress(AvroCodec codec, std::string_view in) {
  switch (codec) {
    case AvroCodec::kNull:
      return std::string(in);
    case AvroCodec::kDeflate:
      return Deflate(in);
    case AvroCodec::kSnappy: {
      std::string out;
      snappy::Compress(in.data(), in.size(), &out);
      const uint32_t crc = Crc32(in);
      out.push_back(static_cast<char>(crc >> 24));
      out.push_back(static_cast<char>(crc >> 16));
      out.push_back(static_cast<char>(crc >> 8));
      out.push_back(static_cast<char>(crc));
      return out;
    }
    case AvroCodec::kZstandard: {
      std::string out(ZSTD_compressBound(in.size()), '\0');
      const size_t rc = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3);
      if (ZSTD_isError(rc)) {
        return Status::Internal("avro: zstd compression failed");
      }
      out.resize(rc);
      return out;
    }
  }
  return Status::Internal("avro: unknown codec");
}

// Reads the header's metadata map (a map of bytes, in blocks).
Status ReadMetadata(Cursor* cursor, AvroFile* file, std::string* codec_name) {
  int64_t entries = 0;
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(int64_t count, cursor->Long());
    if (count == 0) {
      return Status::Ok();
    }
    if (count < 0) {
      STRATUS_ASSIGN_OR_RETURN(int64_t block_size, cursor->Long());
      (void)block_size;
      if (count == INT64_MIN) {
        return Status::Corruption("avro: bad metadata block count");
      }
      count = -count;
    }
    entries += count;
    if (count < 0 || entries > kMaxMetadataEntries) {
      return Status::Corruption("avro: too many metadata entries");
    }
    for (int64_t i = 0; i < count; ++i) {
      STRATUS_ASSIGN_OR_RETURN(std::string_view key, cursor->Bytes());
      STRATUS_ASSIGN_OR_RETURN(std::string_view value, cursor->Bytes());
      if (key == "avro.schema") {
        file->schema_json = std::string(value);
      } else if (key == "avro.codec") {
        *codec_name = std::string(value);
      } else {
        file->metadata.emplace_back(std::string(key), std::string(value));
      }
    }
  }
}

}  // namespace

const char* AvroCodecName(AvroCodec codec) {
  switch (codec) {
    case AvroCodec::kNull:
      return "null";
    case AvroCodec::kDeflate:
      return "deflate";
    case AvroCodec::kSnappy:
      return "snappy";
    case AvroCodec::kZstandard:
      return "zstandard";
  }
  return "null";
}

const std::string* AvroFile::FindMetadata(std::string_view key) const {
  for (const auto& [name, value] : metadata) {
    if (name == key) {
      return &value;
    }
  }
  return nullptr;
}

Result<AvroFile> ReadAvroFile(std::string_view bytes, const AvroReadOptions& options) {
  if (bytes.size() < kMagic.size() || bytes.substr(0, kMagic.size()) != kMagic) {
    return Status::Corruption("avro: not an object container file");
  }
  Cursor cursor(bytes.substr(kMagic.size()));
  AvroFile file;
  std::string codec_name;
  STRATUS_RETURN_IF_ERROR(ReadMetadata(&cursor, &file, &codec_name));
  STRATUS_ASSIGN_OR_RETURN(file.codec, CodecFromName(codec_name));
  if (file.schema_json.empty()) {
    return Status::Corruption("avro: header without avro.schema");
  }
  STRATUS_ASSIGN_OR_RETURN(std::string_view sync, cursor.Take(kSyncSize));
  auto codec = AvroDatumCodec::Make(file.schema_json);
  if (!codec.ok()) {
    return Status::Corruption(codec.status().message());
  }
  while (cursor.left() > 0) {
    STRATUS_ASSIGN_OR_RETURN(int64_t count, cursor.Long());
    STRATUS_ASSIGN_OR_RETURN(std::string_view block, cursor.Bytes());
    STRATUS_ASSIGN_OR_RETURN(std::string_view block_sync, cursor.Take(kSyncSize));
    if (block_sync != sync) {
      return Status::Corruption("avro: sync marker mismatch");
    }
    if (count < 0 || file.records.size() + static_cast<size_t>(count) > options.max_records) {
      return Status::Corruption("avro: bad block record count");
    }
    STRATUS_ASSIGN_OR_RETURN(std::string data,
                             Decompress(file.codec, block, options.max_block_bytes));
    // Every datum of the schemas we read takes at least one byte; a count
    // beyond the bytes is corrupt (and would make the decoder spin).
    if (static_cast<uint64_t>(count) > data.size()) {
      return Status::Corruption("avro: block claims more records than bytes");
    }
    STRATUS_RETURN_IF_ERROR((*codec)->DecodeBlock(data, count, &file.records));
  }
  return file;
}

Result<std::string> WriteAvroFile(std::string_view schema_json,
                                  std::span<const AvroValue> records,
                                  const AvroWriteOptions& options) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<AvroDatumCodec> codec,
                           AvroDatumCodec::Make(schema_json));
  std::string sync = options.sync_marker;
  if (sync.size() != kSyncSize) {
    std::string seed(schema_json);
    for (const auto& [key, value] : options.metadata) {
      seed += key;
      seed += value;
    }
    sync = Sha256(seed).substr(0, kSyncSize);
  }
  std::string out(kMagic);
  PutLong(static_cast<int64_t>(2 + options.metadata.size()), &out);
  PutBytes("avro.schema", &out);
  PutBytes(schema_json, &out);
  PutBytes("avro.codec", &out);
  PutBytes(AvroCodecName(options.codec), &out);
  for (const auto& [key, value] : options.metadata) {
    PutBytes(key, &out);
    PutBytes(value, &out);
  }
  PutLong(0, &out);
  out += sync;

  std::string block;
  int64_t block_count = 0;
  auto flush = [&]() -> Status {
    if (block_count == 0) {
      return Status::Ok();
    }
    STRATUS_ASSIGN_OR_RETURN(std::string compressed, Compress(options.codec, block));
    PutLong(block_count, &out);
    PutBytes(compressed, &out);
    out += sync;
    block.clear();
    block_count = 0;
    return Status::Ok();
  };
  for (const AvroValue& record : records) {
    STRATUS_RETURN_IF_ERROR(codec->Encode(record, &block));
    ++block_count;
    if (block.size() >= options.block_bytes) {
      STRATUS_RETURN_IF_ERROR(flush());
    }
  }
  STRATUS_RETURN_IF_ERROR(flush());
  return out;
}

}  // namespace stratus::formats::avro
