#include "sql/exec/row_copy.h"

#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "base/check.h"
#include "sql/types/int128.h"
#include "sql/types/value.h"
#include "sql/vector/string_heap.h"
#include "sql/vector/validity.h"

namespace stratus::sql::exec {
namespace {

// Calls fn.template operator()<T>() with T the C++ type of a fixed-width
// physical type; returns false for nested types.
template <typename Fn>
bool DispatchFixedWidth(PhysicalType type, Fn&& fn) {
  switch (type) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8:
      fn.template operator()<uint8_t>();
      return true;
    case PhysicalType::kInt16:
      fn.template operator()<int16_t>();
      return true;
    case PhysicalType::kInt32:
      fn.template operator()<int32_t>();
      return true;
    case PhysicalType::kInt64:
      fn.template operator()<int64_t>();
      return true;
    case PhysicalType::kInt128:
      fn.template operator()<Int128>();
      return true;
    case PhysicalType::kFloat:
      fn.template operator()<float>();
      return true;
    case PhysicalType::kDouble:
      fn.template operator()<double>();
      return true;
    case PhysicalType::kString:
      fn.template operator()<StringView>();
      return true;
    case PhysicalType::kList:
    case PhysicalType::kMap:
    case PhysicalType::kStruct:
      return false;
  }
  return false;
}

void KeepOwners(const Vector& source, Vector* target) {
  for (const std::shared_ptr<const void>& owner : source.string_owners()) {
    target->KeepAlive(owner);
  }
}

}  // namespace

Vector MakeNullVector(const LogicalType& type, size_t rows) {
  Vector vector(type, rows);
  vector.set_size(rows);
  const size_t width = PhysicalTypeWidth(type.physical_type());
  if (width > 0 && rows > 0) {
    std::memset(vector.mutable_values<uint8_t>(), 0, width * rows);
  }
  if (type.physical_type() == PhysicalType::kStruct) {
    for (size_t i = 0; i < vector.num_children(); ++i) {
      vector.child(i) = MakeNullVector(type.child(i), rows);
    }
  }
  if (rows > 0) {
    std::memset(vector.mutable_validity(), 0, ValidityWords(rows) * 8);
  }
  return vector;
}

void ScatterRows(const Vector& source, const SelectionVector& target_rows, Vector* target) {
  const Vector flat = source.Flatten();
  const size_t count = target_rows.size();
  if (flat.physical_type() != target->physical_type()) {
    // Only an untyped NULL (the unknown type) reaches here: the rows stay NULL.
    for (size_t i = 0; i < count; ++i) {
      target->SetNull(target_rows[i], true);
    }
    return;
  }
  const uint64_t* source_validity = flat.validity();
  const bool fixed = DispatchFixedWidth(flat.physical_type(), [&]<typename T>() {
    const T* in = flat.values<T>();
    T* out = target->mutable_values<T>();
    for (size_t i = 0; i < count; ++i) {
      out[target_rows[i]] = in[i];
    }
  });
  if (!fixed) {
    for (size_t i = 0; i < count; ++i) {
      target->SetValue(target_rows[i], flat.GetValue(i));
    }
    return;
  }
  if (flat.physical_type() == PhysicalType::kString) {
    KeepOwners(flat, target);
  }
  if (source_validity == nullptr && target->validity() == nullptr) {
    return;
  }
  uint64_t* out_validity = target->mutable_validity();
  for (size_t i = 0; i < count; ++i) {
    if (source_validity == nullptr || IsValidBit(source_validity, i)) {
      SetValidBit(out_validity, target_rows[i]);
    } else {
      ClearValidBit(out_validity, target_rows[i]);
    }
  }
}

void AppendRows(
    const Vector& source, const uint32_t* rows, size_t count, bool own_strings, Vector* target) {
  if (count == 0) {
    return;
  }
  const Vector flat = source.Flatten();
  const size_t base = target->size();
  target->Reserve(base + count);
  target->set_size(base + count);
  const uint64_t* source_validity = flat.validity();
  const bool fixed = DispatchFixedWidth(flat.physical_type(), [&]<typename T>() {
    const T* in = flat.values<T>();
    T* out = target->mutable_values<T>() + base;
    if (rows == nullptr) {
      std::memcpy(static_cast<void*>(out), in, count * sizeof(T));
    } else {
      for (size_t i = 0; i < count; ++i) {
        out[i] = in[rows[i]];
      }
    }
  });
  if (!fixed) {
    for (size_t i = 0; i < count; ++i) {
      target->SetValue(base + i, flat.GetValue(rows == nullptr ? i : rows[i]));
    }
    return;
  }
  if (flat.physical_type() == PhysicalType::kString) {
    if (own_strings) {
      StringView* out = target->mutable_values<StringView>() + base;
      StringHeap& heap = target->heap();
      for (size_t i = 0; i < count; ++i) {
        const size_t from = rows == nullptr ? i : rows[i];
        if (source_validity != nullptr && !IsValidBit(source_validity, from)) {
          out[i] = StringView();  // A NULL's bytes may be garbage: never copied.
        } else if (!out[i].is_inline()) {
          out[i] = heap.Add(out[i].view());
        }
      }
    } else {
      KeepOwners(flat, target);
    }
  }
  if (source_validity == nullptr && target->validity() == nullptr) {
    return;
  }
  uint64_t* out_validity = target->mutable_validity();
  for (size_t i = 0; i < count; ++i) {
    const size_t from = rows == nullptr ? i : rows[i];
    if (source_validity == nullptr || IsValidBit(source_validity, from)) {
      SetValidBit(out_validity, base + i);
    } else {
      ClearValidBit(out_validity, base + i);
    }
  }
}

Batch SubsetBatch(const Batch& input, const SelectionVector& rows) {
  std::vector<Vector> columns;
  columns.reserve(input.num_columns());
  for (const Vector& column : input.columns()) {
    if (column.encoding() == VectorEncoding::kConstant) {
      columns.push_back(Vector::Constant(column.GetValue(0), rows.size()));
    } else {
      columns.push_back(Vector::Dictionary(column, rows));
    }
  }
  return Batch(std::move(columns), rows.size());
}

std::vector<Vector> ConcatenateBatches(const std::vector<Batch>& batches,
                                       const std::vector<LogicalType>& types) {
  size_t total = 0;
  for (const Batch& batch : batches) {
    total += batch.num_rows();
  }
  std::vector<Vector> columns;
  columns.reserve(types.size());
  for (size_t c = 0; c < types.size(); ++c) {
    Vector column(types[c], total);
    for (const Batch& batch : batches) {
      AppendRows(batch.column(c), nullptr, batch.num_rows(), false, &column);
    }
    columns.push_back(std::move(column));
  }
  return columns;
}

}  // namespace stratus::sql::exec
