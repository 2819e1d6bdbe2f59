#include "sql/vector/batch.h"

#include "base/check.h"
#include "sql/types/value.h"

namespace stratus::sql {

Batch::Batch(std::vector<Vector> columns, size_t num_rows)
    : columns_(std::move(columns)), num_rows_(num_rows) {
  for (const Vector& column : columns_) {
    STRATUS_CHECK_EQ(column.size(), num_rows_);
  }
}

Batch Batch::Select(const SelectionVector& rows) const {
  std::vector<Vector> columns;
  columns.reserve(columns_.size());
  for (const Vector& column : columns_) {
    columns.push_back(column.Select(rows));
  }
  return Batch(std::move(columns), rows.size());
}

Batch Batch::Slice(size_t offset, size_t length) const {
  return Select(SelectionVector::Range(offset, length));
}

std::string Batch::ToString() const {
  std::string out;
  for (size_t row = 0; row < num_rows_; ++row) {
    for (size_t c = 0; c < columns_.size(); ++c) {
      out += c > 0 ? " | " : "";
      out += columns_[c].GetValue(row).ToString();
    }
    out += '\n';
  }
  return out;
}

}  // namespace stratus::sql
