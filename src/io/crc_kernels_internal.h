#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace stratus::io::internal {

/// One implementation of a CRC. `extend` takes and returns the finished CRC
/// value, like the public ExtendCrc32() and friends.
template <typename T>
struct CrcKernel {
  std::string_view name = {};  // "portable", "pclmul", "vpclmulqdq", "sse42".
  T (*extend)(T crc, std::string_view data) = nullptr;
};

// The kernels that the running CPU can execute, slowest first: the portable
// slicing-by-16 kernel, then the accelerated ones. The public functions use the
// last; tests check every one against the others, and the benchmark times each.

/// CRC-32: portable; pclmul (PCLMULQDQ folding, 4 x 128 bits); vpclmulqdq
/// (the same on 256-bit AVX2 registers, 4 x 256 bits).
std::vector<CrcKernel<uint32_t>> Crc32Kernels();

/// CRC-32C: portable; sse42 (the CRC32 instruction on three interleaved
/// streams, joined with PCLMULQDQ).
std::vector<CrcKernel<uint32_t>> Crc32cKernels();

/// CRC-64/NVME: portable; pclmul; vpclmulqdq (as for CRC-32).
std::vector<CrcKernel<uint64_t>> Crc64NvmeKernels();

}  // namespace stratus::io::internal
