#include "io/crc64nvme.h"

#include "io/cpu_features_internal.h"
#include "io/crc_folding_internal.h"
#include "io/crc_kernels_internal.h"
#include "io/crc_slicing_internal.h"

namespace stratus::io {
namespace internal {
namespace {

constexpr uint64_t kReflectedPoly = ReverseBits<uint64_t>(0xAD93D23594C93659);
constexpr CrcSlicingTables<uint64_t> kTables = MakeCrcSlicingTables<uint64_t>(kReflectedPoly);

const unsigned char* Bytes(std::string_view data) {
  return reinterpret_cast<const unsigned char*>(data.data());
}

uint64_t ExtendPortable(uint64_t crc, std::string_view data) {
  return ~ExtendCrcSlicing<uint64_t>(kTables, ~crc, Bytes(data), data.size());
}

#if defined(__x86_64__)
constexpr FoldingConstants kFolding = MakeFoldingConstants(kReflectedPoly, 64);

uint64_t ExtendPclmul(uint64_t crc, std::string_view data) {
  return ~ExtendCrcFolding<uint64_t>(&FoldCrcBlocks, kTables, kFolding, ~crc, Bytes(data),
                                     data.size());
}

uint64_t ExtendVpclmulqdq(uint64_t crc, std::string_view data) {
  return ~ExtendCrcFolding<uint64_t>(&FoldCrcBlocksWide, kTables, kFolding, ~crc, Bytes(data),
                                     data.size());
}
#endif

}  // namespace

std::vector<CrcKernel<uint64_t>> Crc64NvmeKernels() {
  std::vector<CrcKernel<uint64_t>> kernels = {{.name = "portable", .extend = &ExtendPortable}};
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

uint64_t ExtendCrc64Nvme(uint64_t crc, std::string_view data) {
  static const auto kFastest = internal::Crc64NvmeKernels().back().extend;
  return kFastest(crc, data);
}

}  // namespace stratus::io
