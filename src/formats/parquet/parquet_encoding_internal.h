#pragma once

// Parquet's integer encodings: the RLE/bit-packed hybrid (levels, dictionary
// indices, booleans) and DELTA_BINARY_PACKED. Decoders read untrusted
// bytes: running out of input or a bad header is Corruption.
//
// Thread safety: one thread at a time per decoder; the encoder is a free function.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"

namespace stratus::formats::parquet {

/// Returns the bits needed for values up to `max_value` (0 for 0).
int BitWidth(uint64_t max_value);

/// Decodes an RLE/bit-packed hybrid stream of `bit_width`-bit values (no
/// length prefix: the caller strips it).
class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder() = default;

  RleBitPackedDecoder(const uint8_t* data, size_t size, int bit_width)
      : data_(data), end_(data + size), bit_width_(bit_width) {}

  /// Decodes the next `count` values into out[0, count).
  Status Decode(uint32_t* out, size_t count);
  /// When the current RLE run holds at least `count` more values, consumes
  /// `count` of them, sets *value to the run's value and returns true.
  bool TakeRun(size_t count, uint32_t* value);

 private:
  Status NextRun();

  const uint8_t* data_ = nullptr;
  const uint8_t* end_ = nullptr;
  int bit_width_ = 0;
  uint32_t run_value_ = 0;
  size_t rle_left_ = 0;     // Values left in the current RLE run.
  size_t packed_left_ = 0;  // Values left in the current bit-packed run.
  const uint8_t* packed_ = nullptr;
  size_t packed_bit_ = 0;  // The bit position in packed_.
};

/// Appends values encoded as an RLE/bit-packed hybrid (without a length prefix).
void EncodeRleBitPacked(std::span<const uint32_t> values, int bit_width, std::string* out);

/// Decodes a whole DELTA_BINARY_PACKED stream of at most `max_values`
/// values; *consumed gets the bytes it took.
Result<std::vector<int64_t>> DecodeDeltaBinaryPacked(const uint8_t* data,
                                                     size_t size,
                                                     size_t max_values,
                                                     size_t* consumed);

}  // namespace stratus::formats::parquet
