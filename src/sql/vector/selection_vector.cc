#include "sql/vector/selection_vector.h"

#include <numeric>

namespace stratus::sql {

SelectionVector SelectionVector::Identity(size_t num_rows) {
  return Range(0, num_rows);
}

SelectionVector SelectionVector::Range(size_t offset, size_t num_rows) {
  std::vector<uint32_t> rows(num_rows);
  std::iota(rows.begin(), rows.end(), static_cast<uint32_t>(offset));
  return SelectionVector(std::move(rows));
}

}  // namespace stratus::sql
