#include "io/crc32.h"

#include "io/cpu_features_internal.h"
#include "io/crc_folding_internal.h"
#include "io/crc_kernels_internal.h"
#include "io/crc_slicing_internal.h"

namespace stratus::io {
namespace internal {
namespace {

constexpr uint32_t kReflectedPoly = ReverseBits<uint32_t>(0x04C11DB7);
constexpr CrcSlicingTables<uint32_t> kTables = MakeCrcSlicingTables<uint32_t>(kReflectedPoly);

const unsigned char* Bytes(std::string_view data) {
  return reinterpret_cast<const unsigned char*>(data.data());
}

uint32_t ExtendPortable(uint32_t crc, std::string_view data) {
  return ~ExtendCrcSlicing<uint32_t>(kTables, ~crc, Bytes(data), data.size());
}

#if defined(__x86_64__)
constexpr FoldingConstants kFolding = MakeFoldingConstants(kReflectedPoly, 32);

uint32_t ExtendPclmul(uint32_t crc, std::string_view data) {
  return ~ExtendCrcFolding<uint32_t>(&FoldCrcBlocks, kTables, kFolding, ~crc, Bytes(data),
                                     data.size());
}

uint32_t ExtendVpclmulqdq(uint32_t crc, std::string_view data) {
  return ~ExtendCrcFolding<uint32_t>(&FoldCrcBlocksWide, kTables, kFolding, ~crc, Bytes(data),
                                     data.size());
}
#endif

}  // namespace

std::vector<CrcKernel<uint32_t>> Crc32Kernels() {
  std::vector<CrcKernel<uint32_t>> kernels = {{.name = "portable", .extend = &ExtendPortable}};
#if defined(__x86_64__)
  if (DetectedCpuFeatures().pclmul) {
    kernels.push_back({.name = "pclmul", .extend = &ExtendPclmul});
  }
  if (DetectedCpuFeatures().vpclmulqdq) {
    kernels.push_back({.name = "vpclmulqdq", .extend = &ExtendVpclmulqdq});
  }
#endif
  return kernels;
}

}  // namespace internal

uint32_t ExtendCrc32(uint32_t crc, std::string_view data) {
  static const auto kFastest = internal::Crc32Kernels().back().extend;
  return kFastest(crc, data);
}

}  // namespace stratus::io
