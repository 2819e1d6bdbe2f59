#pragma once

#include <cstdint>
#include <string_view>

namespace stratus::io {

/// Returns the CRC-64/NVME (polynomial 0xAD93D23594C93659, reflected, initial
/// value and final XOR all ones: NVMe's end-to-end protection and S3's
/// x-amz-checksum-crc64nvme) of the bytes that gave `crc`, followed by `data`.
/// Start from 0: ExtendCrc64Nvme(0, "123456789") is 0xAE8B14860A799888, and
/// ExtendCrc64Nvme(ExtendCrc64Nvme(0, a), b) == ExtendCrc64Nvme(0, a + b).
/// Uses PCLMULQDQ folding when the CPU has it, slicing-by-16 tables otherwise.
/// Thread safety: a pure function.
uint64_t ExtendCrc64Nvme(uint64_t crc, std::string_view data);

/// Returns the CRC-64/NVME of `data`.
inline uint64_t Crc64Nvme(std::string_view data) {
  return ExtendCrc64Nvme(0, data);
}

}  // namespace stratus::io
