#pragma once

// Sort orders (spec "Sorting"): order id 0 is the unsorted order, which
// every table has and Athena leaves as the default.
//
// Thread safety: value types.

#include <cstdint>
#include <vector>

#include "formats/iceberg/transform.h"

namespace stratus::formats::iceberg {

enum class SortDirection : uint8_t { kAscending, kDescending };
enum class NullOrder : uint8_t { kNullsFirst, kNullsLast };

struct SortField {
  int32_t source_id = 0;
  Transform transform = {};
  SortDirection direction = SortDirection::kAscending;
  NullOrder null_order = NullOrder::kNullsFirst;

  friend bool operator==(const SortField& a, const SortField& b) {
    return a.source_id == b.source_id && a.transform == b.transform && a.direction == b.direction &&
           a.null_order == b.null_order;
  }
};

struct SortOrder {
  int32_t order_id = 0;
  std::vector<SortField> fields = {};

  bool is_unsorted() const { return fields.empty(); }

  friend bool operator==(const SortOrder& a, const SortOrder& b) {
    return a.order_id == b.order_id && a.fields == b.fields;
  }
};

}  // namespace stratus::formats::iceberg
