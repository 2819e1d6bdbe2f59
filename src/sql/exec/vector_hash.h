#pragma once

// Hashing of key columns, one column at a time over a whole batch (the hash
// tables of aggregation, joins, DISTINCT and set operations). Equal values
// hash equally within a type; NULLs hash to a fixed value; -0.0 and 0.0, and
// every NaN, hash alike (they group together).
//
// Thread safety: pure functions.

#include <cstddef>
#include <cstdint>

namespace stratus::sql {
class Vector;
}  // namespace stratus::sql

namespace stratus::sql::exec {

/// Hashes rows [0, rows) of `column` (any encoding) into hashes[i], or
/// mixes them into the hashes already there when `combine` is true.
void HashColumn(const Vector& column, size_t rows, bool combine, uint64_t* hashes);

/// Mixes 64 bits into a well-distributed 64-bit hash.
inline uint64_t MixHash(uint64_t value) {
  value ^= value >> 33;
  value *= 0xff51afd7ed558ccdULL;
  value ^= value >> 33;
  value *= 0xc4ceb9fe1a85ec53ULL;
  value ^= value >> 33;
  return value;
}

}  // namespace stratus::sql::exec
