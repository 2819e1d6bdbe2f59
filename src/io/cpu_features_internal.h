#pragma once

namespace stratus::io::internal {

/// The instruction-set extensions the checksum kernels can use, as detected on
/// the running CPU (the build targets baseline x86-64; kernels that need more
/// are compiled with `__attribute__((target(...)))` and chosen at run time).
struct CpuFeatures {
  bool sse42 = false;       // The CRC32 instruction (CRC-32C only).
  bool pclmul = false;      // PCLMULQDQ: carry-less multiply on 128-bit registers.
  bool vpclmulqdq = false;  // VPCLMULQDQ on 256-bit registers, with AVX2 (and the OS saving them).
};

/// Returns the features of the running CPU; all false off x86-64.
/// Thread safety: safe to call concurrently (detected once, then read-only).
const CpuFeatures& DetectedCpuFeatures();

}  // namespace stratus::io::internal
