#pragma once

#include <cstdint>
#include <string_view>

namespace stratus::io {

/// Returns the CRC-32 (IEEE 802.3: zlib's crc32(), gzip, PNG and S3's
/// x-amz-checksum-crc32) of the bytes that gave `crc`, followed by `data`.
/// Start from 0: ExtendCrc32(0, "123456789") is 0xCBF43926, and
/// ExtendCrc32(ExtendCrc32(0, a), b) == ExtendCrc32(0, a + b).
/// Uses PCLMULQDQ folding when the CPU has it, slicing-by-16 tables otherwise.
/// Thread safety: a pure function.
uint32_t ExtendCrc32(uint32_t crc, std::string_view data);

/// Returns the CRC-32 of `data`.
inline uint32_t Crc32(std::string_view data) {
  return ExtendCrc32(0, data);
}

}  // namespace stratus::io
