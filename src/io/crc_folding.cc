#include "io/crc_folding_internal.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace stratus::io::internal {

#if defined(__x86_64__)
namespace {

// The 128-bit helpers are also inlined into the 256-bit kernel, whose target
// includes theirs.
#define STRATUS_TARGET_PCLMUL __attribute__((target("pclmul")))
#define STRATUS_TARGET_VPCLMULQDQ __attribute__((target("pclmul,avx2,vpclmulqdq")))

STRATUS_TARGET_PCLMUL __m128i Load(const unsigned char* data) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(data));
}

STRATUS_TARGET_PCLMUL __m128i Pair(uint64_t first, uint64_t second) {
  return _mm_set_epi64x(static_cast<long long>(second), static_cast<long long>(first));
}

// Returns `block` moved forward by the distance `multipliers` encode, XORed
// into `next` (the block that sits there).
STRATUS_TARGET_PCLMUL __m128i Fold(__m128i block, __m128i multipliers, __m128i next) {
  const __m128i first = _mm_clmulepi64_si128(block, multipliers, 0x00);
  const __m128i second = _mm_clmulepi64_si128(block, multipliers, 0x11);
  return _mm_xor_si128(_mm_xor_si128(first, second), next);
}

// Folds the remaining whole blocks into `acc` one at a time and stores it.
STRATUS_TARGET_PCLMUL void FoldTail(const FoldingConstants& constants,
                                    __m128i acc,
                                    const unsigned char* data,
                                    size_t size,
                                    unsigned char* out) {
  const __m128i by_1 = Pair(constants.by_1_first, constants.by_1_second);
  for (; size >= 16; data += 16, size -= 16) {
    acc = Fold(acc, by_1, Load(data));
  }
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), acc);
}

STRATUS_TARGET_VPCLMULQDQ __m256i LoadWide(const unsigned char* data) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data));
}

// Two (first, second) pairs, one per 128-bit lane.
STRATUS_TARGET_VPCLMULQDQ __m256i PairWide(uint64_t first, uint64_t second) {
  const auto low = static_cast<long long>(first);
  const auto high = static_cast<long long>(second);
  return _mm256_set_epi64x(high, low, high, low);
}

STRATUS_TARGET_VPCLMULQDQ __m256i FoldWide(__m256i blocks, __m256i multipliers, __m256i next) {
  const __m256i first = _mm256_clmulepi64_epi128(blocks, multipliers, 0x00);
  const __m256i second = _mm256_clmulepi64_epi128(blocks, multipliers, 0x11);
  return _mm256_xor_si256(_mm256_xor_si256(first, second), next);
}

}  // namespace

STRATUS_TARGET_PCLMUL void FoldCrcBlocks(const FoldingConstants& constants,
                                         uint64_t state,
                                         const unsigned char* data,
                                         size_t size,
                                         unsigned char* out) {
  __m128i acc = _mm_xor_si128(Load(data), Pair(state, 0));
  data += 16;
  size -= 16;
  if (size >= 112) {
    // Four independent chains hide PCLMULQDQ's latency.
    const __m128i by_4 = Pair(constants.by_4_first, constants.by_4_second);
    __m128i acc1 = Load(data);
    __m128i acc2 = Load(data + 16);
    __m128i acc3 = Load(data + 32);
    data += 48;
    size -= 48;
    for (; size >= 64; data += 64, size -= 64) {
      acc = Fold(acc, by_4, Load(data));
      acc1 = Fold(acc1, by_4, Load(data + 16));
      acc2 = Fold(acc2, by_4, Load(data + 32));
      acc3 = Fold(acc3, by_4, Load(data + 48));
    }
    const __m128i by_1 = Pair(constants.by_1_first, constants.by_1_second);
    acc = Fold(acc, by_1, acc1);
    acc = Fold(acc, by_1, acc2);
    acc = Fold(acc, by_1, acc3);
  }
  FoldTail(constants, acc, data, size, out);
}

STRATUS_TARGET_VPCLMULQDQ void FoldCrcBlocksWide(const FoldingConstants& constants,
                                                 uint64_t state,
                                                 const unsigned char* data,
                                                 size_t size,
                                                 unsigned char* out) {
  if (size < 256) {
    FoldCrcBlocks(constants, state, data, size, out);
    return;
  }
  // Each accumulator holds two adjacent blocks; four of them cover 128 bytes,
  // so every lane moves forward by 8 blocks per step.
  const __m256i by_8 = PairWide(constants.by_8_first, constants.by_8_second);
  __m256i acc0 =
      _mm256_xor_si256(LoadWide(data), _mm256_set_epi64x(0, 0, 0, static_cast<long long>(state)));
  __m256i acc1 = LoadWide(data + 32);
  __m256i acc2 = LoadWide(data + 64);
  __m256i acc3 = LoadWide(data + 96);
  data += 128;
  size -= 128;
  for (; size >= 128; data += 128, size -= 128) {
    acc0 = FoldWide(acc0, by_8, LoadWide(data));
    acc1 = FoldWide(acc1, by_8, LoadWide(data + 32));
    acc2 = FoldWide(acc2, by_8, LoadWide(data + 64));
    acc3 = FoldWide(acc3, by_8, LoadWide(data + 96));
  }
  const __m256i by_2 = PairWide(constants.by_2_first, constants.by_2_second);
  acc0 = FoldWide(acc0, by_2, acc1);
  acc0 = FoldWide(acc0, by_2, acc2);
  acc0 = FoldWide(acc0, by_2, acc3);
  const __m128i by_1 = Pair(constants.by_1_first, constants.by_1_second);
  const __m128i acc = Fold(_mm256_castsi256_si128(acc0), by_1, _mm256_extracti128_si256(acc0, 1));
  FoldTail(constants, acc, data, size, out);
}

#undef STRATUS_TARGET_PCLMUL
#undef STRATUS_TARGET_VPCLMULQDQ
#endif

}  // namespace stratus::io::internal
