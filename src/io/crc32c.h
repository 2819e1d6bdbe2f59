#pragma once

#include <cstdint>
#include <string_view>

namespace stratus::io {

/// Returns the CRC-32C (Castagnoli: iSCSI, ext4, LevelDB and S3's
/// x-amz-checksum-crc32c) of the bytes that gave `crc`, followed by `data`.
/// Start from 0: ExtendCrc32c(0, "123456789") is 0xE3069283, and
/// ExtendCrc32c(ExtendCrc32c(0, a), b) == ExtendCrc32c(0, a + b).
/// Uses the SSE4.2 CRC32 instruction when the CPU has it (with PCLMULQDQ),
/// slicing-by-16 tables otherwise.
/// Thread safety: a pure function.
uint32_t ExtendCrc32c(uint32_t crc, std::string_view data);

/// Returns the CRC-32C of `data`.
inline uint32_t Crc32c(std::string_view data) {
  return ExtendCrc32c(0, data);
}

}  // namespace stratus::io
