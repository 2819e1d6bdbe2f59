#pragma once

// Comparing single rows of flat vectors of one type: equality for hash table
// probes (NULL equals NULL, as GROUP BY and DISTINCT group them; NaN equals
// NaN) and ordering for sorts (NaN sorts above every number, as in Trino;
// strings by bytes, which is code point order for UTF-8). The functions are
// picked once per column, so a probe or sort loop pays one indirect call per
// column and row, never a switch over the type.
//
// Thread safety: pure functions.

#include <cstddef>
#include <cstdint>

#include "sql/types/logical_type.h"

namespace stratus::sql {
class Vector;
}  // namespace stratus::sql

namespace stratus::sql::exec {

/// Returns true when row_a of `a` equals row_b of `b` (both flat, same type);
/// two NULLs are equal.
using RowEqualFn = bool (*)(const Vector& a, size_t row_a, const Vector& b, size_t row_b);

/// Returns <0, 0 or >0 comparing non-NULL row_a of `a` with row_b of `b`.
using RowCompareFn = int (*)(const Vector& a, size_t row_a, const Vector& b, size_t row_b);

RowEqualFn RowEqualFor(PhysicalType type);
RowCompareFn RowCompareFor(PhysicalType type);

/// The raw buffers of a flat vector, read by the hot probe loops without a
/// call per access. Valid while the vector is neither grown nor destroyed.
struct ColumnView {
  const uint8_t* values = nullptr;
  const uint64_t* validity = nullptr;  // Null when no row is NULL.
  const Vector* vector = nullptr;      // For nested types' slow path.
};

/// Returns the view of a flat vector.
ColumnView ViewOf(const Vector& flat);

/// Returns true when row_a of `a` equals row_b of `b` (same type); two
/// NULLs are equal.
using ViewEqualFn = bool (*)(const ColumnView& a, size_t row_a, const ColumnView& b, size_t row_b);

ViewEqualFn ViewEqualFor(PhysicalType type);

}  // namespace stratus::sql::exec
