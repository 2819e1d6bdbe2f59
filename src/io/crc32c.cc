#include "io/crc32c.h"

#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "io/cpu_features_internal.h"
#include "io/crc_folding_internal.h"
#include "io/crc_kernels_internal.h"
#include "io/crc_slicing_internal.h"

namespace stratus::io {
namespace internal {
namespace {

constexpr uint32_t kReflectedPoly = ReverseBits<uint32_t>(0x1EDC6F41);
constexpr CrcSlicingTables<uint32_t> kTables = MakeCrcSlicingTables<uint32_t>(kReflectedPoly);

const unsigned char* Bytes(std::string_view data) {
  return reinterpret_cast<const unsigned char*>(data.data());
}

#if defined(__x86_64__)
// The CRC32 instruction has a latency of 3 cycles and a throughput of 1 per
// cycle, so one dependency chain runs at a third of the possible speed. Three
// streams over adjacent stripes of a block run in parallel; then the first two
// registers are moved forward over the stripes after them (multiplied by
// x^(8 * stripe bytes) mod P, see ShiftRegister) and all three are XORed.
// Long stripes make the join cheap relative to the work; short ones serve the
// rest of the input.
constexpr size_t kLongStripe = 4096;
constexpr size_t kShortStripe = 256;

// Returns the multiplier that moves a register forward over `num_bytes` bytes:
// x^(8 * num_bytes - 33) mod P. The 33 undoes the x^32 the final CRC32
// instruction multiplies by and the x that a reflected carry-less multiply adds.
constexpr uint64_t ShiftMultiplier(size_t num_bytes) {
  return ReflectedXPowMod(8 * num_bytes - 33, kReflectedPoly, 32);
}

__attribute__((target("sse4.2,pclmul"))) uint64_t ShiftRegister(uint64_t state,
                                                                uint64_t multiplier) {
  const __m128i product =
      _mm_clmulepi64_si128(_mm_cvtsi64_si128(static_cast<long long>(state)),
                           _mm_cvtsi64_si128(static_cast<long long>(multiplier)), 0x00);
  return _mm_crc32_u64(0, static_cast<uint64_t>(_mm_cvtsi128_si64(product)));
}

uint64_t Load64(const unsigned char* data) {
  uint64_t word = 0;
  std::memcpy(&word, data, sizeof(word));
  return word;
}

// Consumes whole blocks of three stripes of kStripe bytes while they last.
template <size_t kStripe>
__attribute__((target("sse4.2,pclmul"))) uint64_t ExtendThreeStreams(uint64_t state,
                                                                     const unsigned char*& data,
                                                                     size_t& size) {
  static constexpr uint64_t kOverTwoStripes = ShiftMultiplier(2 * kStripe);
  static constexpr uint64_t kOverOneStripe = ShiftMultiplier(kStripe);
  while (size >= 3 * kStripe) {
    uint64_t a = state;
    uint64_t b = 0;
    uint64_t c = 0;
    for (size_t i = 0; i < kStripe; i += 8) {
      a = _mm_crc32_u64(a, Load64(data + i));
      b = _mm_crc32_u64(b, Load64(data + kStripe + i));
      c = _mm_crc32_u64(c, Load64(data + 2 * kStripe + i));
    }
    state = ShiftRegister(a, kOverTwoStripes) ^ ShiftRegister(b, kOverOneStripe) ^ c;
    data += 3 * kStripe;
    size -= 3 * kStripe;
  }
  return state;
}
#endif

uint32_t ExtendPortable(uint32_t crc, std::string_view data) {
  return ~ExtendCrcSlicing<uint32_t>(kTables, ~crc, Bytes(data), data.size());
}

#if defined(__x86_64__)
__attribute__((target("sse4.2,pclmul"))) uint32_t ExtendSse42(uint32_t crc, std::string_view data) {
  const unsigned char* p = Bytes(data);
  size_t size = data.size();
  uint64_t state = ~crc;
  state = ExtendThreeStreams<kLongStripe>(state, p, size);
  state = ExtendThreeStreams<kShortStripe>(state, p, size);
  for (; size >= 8; size -= 8, p += 8) {
    state = _mm_crc32_u64(state, Load64(p));
  }
  auto state32 = static_cast<uint32_t>(state);
  for (; size > 0; --size, ++p) {
    state32 = _mm_crc32_u8(state32, *p);
  }
  return ~state32;
}
#endif

}  // namespace

std::vector<CrcKernel<uint32_t>> Crc32cKernels() {
  std::vector<CrcKernel<uint32_t>> kernels = {{.name = "portable", .extend = &ExtendPortable}};
#if defined(__x86_64__)
  if (DetectedCpuFeatures().sse42 && DetectedCpuFeatures().pclmul) {
    kernels.push_back({.name = "sse42", .extend = &ExtendSse42});
  }
#endif
  return kernels;
}

}  // namespace internal

uint32_t ExtendCrc32c(uint32_t crc, std::string_view data) {
  static const auto kFastest = internal::Crc32cKernels().back().extend;
  return kFastest(crc, data);
}

}  // namespace stratus::io
