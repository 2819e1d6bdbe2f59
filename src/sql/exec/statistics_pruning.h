#pragma once

// Statistics pruning: decides from what a file's statistics say about each
// column of a row group (or a whole file: Iceberg's manifests) whether any
// row of it can make the scan's filters TRUE. Understood, on a column (or a
// monotonic numeric/date cast of one) against constants: =, <>, <, <=, >,
// >= (so BETWEEN, which binds as two comparisons), IN, IS NULL, IS NOT NULL,
// and AND/OR of those. Anything else may match. A column whose statistics are
// unknown may match anything; a column that is all NULL makes every
// comparison on it not TRUE.
//
// Thread safety: pure functions.

#include <cstdint>
#include <optional>
#include <vector>

#include "sql/planner/expr.h"
#include "sql/types/value.h"

namespace stratus::sql::exec {

/// What the statistics say about one column in one row group.
struct ColumnRange {
  /// The smallest and largest non-NULL value (unset: unknown).
  std::optional<Value> min = std::nullopt;
  std::optional<Value> max = std::nullopt;
  /// The number of NULLs (unset: unknown).
  std::optional<int64_t> null_count = std::nullopt;
};

/// Returns false only when no row of a group of `num_rows` rows whose
/// columns are described by `columns` (indexed as the filters' column
/// positions; missing entries are unknown) can make every filter TRUE.
bool MayMatch(const std::vector<plan::ExprPtr>& filters,
              const std::vector<ColumnRange>& columns,
              int64_t num_rows);

/// Compares two statistics values across the numeric kinds, dates with
/// timestamps, and strings (bytewise); nullopt when they do not compare
/// (other kinds, NULLs, NaNs). Returns <0, 0 or >0.
std::optional<int> CompareStatistics(const Value& a, const Value& b);

}  // namespace stratus::sql::exec
