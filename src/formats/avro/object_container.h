#pragma once

// Avro Object Container Files (docs/formats/avro.md): read from bytes into
// AvroValue trees, written from them. The container (header, metadata map,
// blocks, sync markers, codecs) is ours; Debian's Apache Avro C library
// parses schemas and encodes and decodes the datums of each block.
//
// Reading is safe on hostile input: every length is checked against the
// bytes left, decompressed blocks are capped, and errors are Corruption.
//
// Thread safety: free functions over values; safe from any thread.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "formats/avro/avro_value.h"

namespace stratus::formats::avro {

/// Block codecs ("avro.codec"). Do not reorder: tests name them.
enum class AvroCodec : uint8_t { kNull, kDeflate, kSnappy, kZstandard };

/// Returns the codec's name in "avro.codec": "null", "deflate", "snappy", "zstandard".
const char* AvroCodecName(AvroCodec codec);

/// A whole container file.
struct AvroFile {
  /// The writer's schema ("avro.schema"), as JSON text.
  std::string schema_json = {};
  AvroCodec codec = AvroCodec::kNull;
  /// The header's metadata other than avro.schema and avro.codec, in file order.
  std::vector<std::pair<std::string, std::string>> metadata = {};
  std::vector<AvroValue> records = {};

  /// Returns the metadata value for `key`, or nullptr.
  const std::string* FindMetadata(std::string_view key) const;
};

struct AvroReadOptions {
  /// A block that decompresses to more than this is Corruption.
  size_t max_block_bytes = size_t{256} << 20;
  /// More records than this in the file is ResourceExhausted.
  size_t max_records = size_t{64} << 20;
};

/// Reads a container file. Not Avro, corrupt bytes or an unknown codec are
/// Corruption (an unknown codec NotImplemented).
Result<AvroFile> ReadAvroFile(std::string_view bytes, const AvroReadOptions& options = {});

struct AvroWriteOptions {
  /// Deflate as Java writes Iceberg's manifests (raw deflate, level 6... as zlib's default).
  AvroCodec codec = AvroCodec::kDeflate;
  /// User metadata written after avro.schema and avro.codec, in order.
  std::vector<std::pair<std::string, std::string>> metadata = {};
  /// The 16-byte sync marker; empty derives one from the schema and
  /// metadata (deterministic output for tests and content-addressed files).
  std::string sync_marker = {};
  /// A block closes once its encoded records reach this size.
  size_t block_bytes = size_t{64} << 10;
};

/// Writes `records` under `schema_json` as one container file. A record
/// that does not fit the schema is InvalidArgument naming the field.
Result<std::string> WriteAvroFile(std::string_view schema_json,
                                  std::span<const AvroValue> records,
                                  const AvroWriteOptions& options = {});

}  // namespace stratus::formats::avro
