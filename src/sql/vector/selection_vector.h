#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace stratus::sql {

/// The rows of a batch that an operation keeps or visits, as ascending or
/// arbitrary uint32 row indices. Filters produce them instead of copying
/// rows; Batch::Select and dictionary vectors consume them.
///
/// Thread safety: a value type.
class SelectionVector {
 public:
  SelectionVector() = default;

  explicit SelectionVector(std::vector<uint32_t> rows) : rows_(std::move(rows)) {}

  /// Returns the rows [0, num_rows).
  static SelectionVector Identity(size_t num_rows);
  /// Returns the rows [offset, offset + num_rows).
  static SelectionVector Range(size_t offset, size_t num_rows);

  size_t size() const { return rows_.size(); }

  bool empty() const { return rows_.empty(); }

  uint32_t operator[](size_t i) const { return rows_[i]; }

  const uint32_t* data() const { return rows_.data(); }

  uint32_t* mutable_data() { return rows_.data(); }

  void Append(uint32_t row) { rows_.push_back(row); }

  /// Keeps the first num_rows rows, or grows with zeros.
  void Resize(size_t num_rows) { rows_.resize(num_rows); }

  void Reserve(size_t num_rows) { rows_.reserve(num_rows); }

  friend bool operator==(const SelectionVector& a, const SelectionVector& b) {
    return a.rows_ == b.rows_;
  }

 private:
  std::vector<uint32_t> rows_;
};

}  // namespace stratus::sql
