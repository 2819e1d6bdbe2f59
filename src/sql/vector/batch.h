#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "sql/vector/selection_vector.h"
#include "sql/vector/vector.h"

namespace stratus::sql {

/// The most rows a batch holds: big enough to amortise per-batch work, small
/// enough that a batch of a few columns stays in L2.
inline constexpr size_t kBatchRows = 2048;

/// The unit operators push and pull: columns of equal length. Columns are
/// positional (an operator's output Schema names them).
///
/// Ownership: owns its vectors, which share their buffers (see Vector).
/// Thread safety: a value type; a batch is used by one driver at a time.
class Batch {
 public:
  Batch() = default;
  /// REQUIRES: every column has num_rows rows.
  Batch(std::vector<Vector> columns, size_t num_rows);

  size_t num_rows() const { return num_rows_; }

  size_t num_columns() const { return columns_.size(); }

  Vector& column(size_t i) { return columns_[i]; }

  const Vector& column(size_t i) const { return columns_[i]; }

  std::vector<Vector>& columns() { return columns_; }

  const std::vector<Vector>& columns() const { return columns_; }

  /// Returns a batch of rows `rows` of this one, every column flattened.
  Batch Select(const SelectionVector& rows) const;
  /// Returns a batch of rows [offset, offset + length).
  Batch Slice(size_t offset, size_t length) const;

  /// Returns one line per row, values separated by " | " (Athena's rendering), for tests.
  std::string ToString() const;

 private:
  std::vector<Vector> columns_;
  size_t num_rows_ = 0;
};

}  // namespace stratus::sql
