#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "io/crc_slicing_internal.h"

namespace stratus::io::internal {

// Folding (Intel, "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ
// Instruction", 2009) in brief: a message is a polynomial over GF(2) and its
// CRC register is that polynomial times x^width mod P. A 16-byte block A whose
// end lies d bits before the end of a later block B contributes A * x^d, and
// A * x^d = A_first * x^(64+d) + A_second * x^d ≡ A_first * (x^(64+d) mod P) +
// A_second * (x^d mod P): two 64x64-bit carry-less multiplies give a 128-bit
// value congruent to A's contribution, aligned with B, so it can be XORed into
// B. Repeating this reduces any run of blocks to one 16-byte block with the
// same CRC, which a table kernel then finishes. With bit-reflected operands,
// PCLMULQDQ's product comes out multiplied by x once more, so the constants use
// exponents one lower (x^(63+d) and x^(d-1)).

/// Returns x^exponent mod P for a reflected CRC of `width` bits (32 or 64) with
/// reflected polynomial `reflected_poly`, in reflected form: bit i holds the
/// coefficient of x^(width-1-i).
constexpr uint64_t ReflectedXPowMod(uint64_t exponent, uint64_t reflected_poly, int width) {
  uint64_t value = uint64_t{1} << (width - 1);
  for (uint64_t i = 0; i < exponent; ++i) {
    value = (value & 1) != 0 ? (value >> 1) ^ reflected_poly : value >> 1;
  }
  return value;
}

/// The multipliers that move a 16-byte block forward by 8, 4, 2 or 1 blocks.
/// `*_first` multiplies the block's first 8 bytes and `*_second` its last 8.
struct FoldingConstants {
  uint64_t by_8_first = 0;
  uint64_t by_8_second = 0;
  uint64_t by_4_first = 0;
  uint64_t by_4_second = 0;
  uint64_t by_2_first = 0;
  uint64_t by_2_second = 0;
  uint64_t by_1_first = 0;
  uint64_t by_1_second = 0;
};

/// Returns the folding constants of a reflected CRC of `width` bits (32 or 64).
constexpr FoldingConstants MakeFoldingConstants(uint64_t reflected_poly, int width) {
  // A constant of degree < width is left-aligned in its 64-bit lane.
  const auto constant = [&](uint64_t exponent) {
    return ReflectedXPowMod(exponent, reflected_poly, width) << (64 - width);
  };
  return FoldingConstants{
      .by_8_first = constant(64 + 1024 - 1),
      .by_8_second = constant(1024 - 1),
      .by_4_first = constant(64 + 512 - 1),
      .by_4_second = constant(512 - 1),
      .by_2_first = constant(64 + 256 - 1),
      .by_2_second = constant(256 - 1),
      .by_1_first = constant(64 + 128 - 1),
      .by_1_second = constant(128 - 1),
  };
}

#if defined(__x86_64__)
/// Folds `size` bytes at `data`, with the raw CRC register `state` XORed into
/// their first bytes, into the 16 bytes at `out`, whose CRC from a zero register
/// is the register after `data`. Runs 4 independent 128-bit accumulators.
/// REQUIRES: size >= 16, size % 16 == 0, DetectedCpuFeatures().pclmul.
void FoldCrcBlocks(const FoldingConstants& constants,
                   uint64_t state,
                   const unsigned char* data,
                   size_t size,
                   unsigned char* out);

/// Does what FoldCrcBlocks() does with 4 accumulators of 256 bits (two blocks
/// per VPCLMULQDQ). REQUIRES: as FoldCrcBlocks(), and DetectedCpuFeatures().vpclmulqdq.
void FoldCrcBlocksWide(const FoldingConstants& constants,
                       uint64_t state,
                       const unsigned char* data,
                       size_t size,
                       unsigned char* out);

using FoldFunction =
    void (*)(const FoldingConstants&, uint64_t, const unsigned char*, size_t, unsigned char*);

/// Advances the raw CRC register `state` over `size` bytes at `data`: `fold`s
/// the whole 16-byte blocks, then finishes the folded block and the tail with
/// the tables. REQUIRES: the CPU can run `fold`.
template <typename T>
T ExtendCrcFolding(FoldFunction fold,
                   const CrcSlicingTables<T>& tables,
                   const FoldingConstants& constants,
                   T state,
                   const unsigned char* data,
                   size_t size) {
  // Below this size the fixed cost of folding (one more table pass over 16 bytes)
  // outweighs its speed.
  constexpr size_t kMinFoldSize = 64;
  if (size >= kMinFoldSize) {
    const size_t folded = size & ~size_t{15};
    std::array<unsigned char, 16> block{};
    fold(constants, state, data, folded, block.data());
    state = ExtendCrcSlicing<T>(tables, 0, block.data(), block.size());
    data += folded;
    size -= folded;
  }
  return ExtendCrcSlicing<T>(tables, state, data, size);
}
#endif

}  // namespace stratus::io::internal
