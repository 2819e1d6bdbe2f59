#pragma once

#include <cstddef>
#include <cstdint>

namespace stratus::sql {

// Validity bitmaps: bit (row % 64) of word (row / 64) is 1 when the row is
// valid (not NULL), as in Arrow. A vector without NULLs has no bitmap.

/// Returns the number of 64-bit words for `num_rows` rows.
inline size_t ValidityWords(size_t num_rows) {
  return (num_rows + 63) / 64;
}

inline bool IsValidBit(const uint64_t* words, size_t row) {
  return (words[row >> 6] >> (row & 63)) & 1;
}

inline void SetValidBit(uint64_t* words, size_t row) {
  words[row >> 6] |= uint64_t{1} << (row & 63);
}

inline void ClearValidBit(uint64_t* words, size_t row) {
  words[row >> 6] &= ~(uint64_t{1} << (row & 63));
}

}  // namespace stratus::sql
