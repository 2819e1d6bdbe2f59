#include "sql/exec/row_compare.h"

#include <cmath>
#include <cstring>
#include <string_view>

#include "sql/types/int128.h"
#include "sql/types/value.h"
#include "sql/vector/string_view.h"
#include "sql/vector/vector.h"

namespace stratus::sql::exec {
namespace {

template <typename T>
bool SameValue(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    return a == b || (std::isnan(a) && std::isnan(b));
  } else {
    return a == b;
  }
}

template <typename T>
int Order(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    const bool nan_a = std::isnan(a);
    const bool nan_b = std::isnan(b);
    if (nan_a || nan_b) {
      return static_cast<int>(nan_a) - static_cast<int>(nan_b);
    }
  }
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Reads `N` bytes of a StringView's 16 (string_view.h documents the layout)
// as a big-endian number, so that comparing numbers compares the bytes.
template <typename T>
T LoadBigEndian(const StringView& view, size_t offset) {
  T value = 0;
  std::memcpy(&value, reinterpret_cast<const char*>(&view) + offset, sizeof(T));
  if constexpr (sizeof(T) == 4) {
    return __builtin_bswap32(value);
  } else {
    return __builtin_bswap64(value);
  }
}

// Orders strings by their bytes, unsigned, as string_view::compare does. The
// zero-padded 4-byte prefixes decide most pairs; two inline strings (12 bytes
// at most, zero-padded) compare as their padded bytes and then their lengths,
// which is the byte order even with embedded NULs.
int OrderStrings(const StringView& a, const StringView& b) {
  const auto prefix_a = LoadBigEndian<uint32_t>(a, 4);
  const auto prefix_b = LoadBigEndian<uint32_t>(b, 4);
  if (prefix_a != prefix_b) {
    return prefix_a < prefix_b ? -1 : 1;
  }
  if (a.is_inline() && b.is_inline()) {
    const auto rest_a = LoadBigEndian<uint64_t>(a, 8);
    const auto rest_b = LoadBigEndian<uint64_t>(b, 8);
    if (rest_a != rest_b) {
      return rest_a < rest_b ? -1 : 1;
    }
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
  }
  const int result = a.view().compare(b.view());
  return result < 0 ? -1 : (result > 0 ? 1 : 0);
}

template <typename T>
bool EqualTyped(const Vector& a, size_t row_a, const Vector& b, size_t row_b) {
  const bool null_a = a.IsNull(row_a);
  const bool null_b = b.IsNull(row_b);
  if (null_a || null_b) {
    return null_a && null_b;
  }
  return SameValue(a.values<T>()[row_a], b.values<T>()[row_b]);
}

bool EqualStrings(const Vector& a, size_t row_a, const Vector& b, size_t row_b) {
  const bool null_a = a.IsNull(row_a);
  const bool null_b = b.IsNull(row_b);
  if (null_a || null_b) {
    return null_a && null_b;
  }
  return a.values<StringView>()[row_a] == b.values<StringView>()[row_b];
}

bool EqualGeneric(const Vector& a, size_t row_a, const Vector& b, size_t row_b) {
  return a.GetValue(row_a) == b.GetValue(row_b);
}

template <typename T>
int CompareTyped(const Vector& a, size_t row_a, const Vector& b, size_t row_b) {
  return Order(a.values<T>()[row_a], b.values<T>()[row_b]);
}

int CompareStrings(const Vector& a, size_t row_a, const Vector& b, size_t row_b) {
  return OrderStrings(a.values<StringView>()[row_a], b.values<StringView>()[row_b]);
}

// Orders nested values element by element; NULL elements sort last.
int CompareValues(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) {
    return static_cast<int>(a.is_null()) - static_cast<int>(b.is_null());
  }
  switch (a.type().physical_type()) {
    case PhysicalType::kList:
    case PhysicalType::kMap:
    case PhysicalType::kStruct: {
      const size_t n = std::min(a.children().size(), b.children().size());
      for (size_t i = 0; i < n; ++i) {
        const int result = CompareValues(a.children()[i], b.children()[i]);
        if (result != 0) {
          return result;
        }
      }
      return Order(a.children().size(), b.children().size());
    }
    case PhysicalType::kString:
      return Order(a.string_value().compare(b.string_value()), 0);
    case PhysicalType::kFloat:
    case PhysicalType::kDouble:
      return Order(a.double_value(), b.double_value());
    case PhysicalType::kInt128:
      return Order(a.decimal_value(), b.decimal_value());
    default:
      if (a.type().kind() == TypeKind::kBoolean) {
        return Order(a.boolean_value(), b.boolean_value());
      }
      return Order(a.int64_value(), b.int64_value());
  }
}

int CompareGeneric(const Vector& a, size_t row_a, const Vector& b, size_t row_b) {
  return CompareValues(a.GetValue(row_a), b.GetValue(row_b));
}

inline bool ValidIn(const ColumnView& view, size_t row) {
  return view.validity == nullptr || ((view.validity[row >> 6] >> (row & 63)) & 1) != 0;
}

template <typename T>
bool ViewEqualTyped(const ColumnView& a, size_t row_a, const ColumnView& b, size_t row_b) {
  const bool valid_a = ValidIn(a, row_a);
  const bool valid_b = ValidIn(b, row_b);
  if (!valid_a || !valid_b) {
    return valid_a == valid_b;
  }
  return SameValue(reinterpret_cast<const T*>(a.values)[row_a],
                   reinterpret_cast<const T*>(b.values)[row_b]);
}

bool ViewEqualStrings(const ColumnView& a, size_t row_a, const ColumnView& b, size_t row_b) {
  const bool valid_a = ValidIn(a, row_a);
  const bool valid_b = ValidIn(b, row_b);
  if (!valid_a || !valid_b) {
    return valid_a == valid_b;
  }
  return reinterpret_cast<const StringView*>(a.values)[row_a] ==
         reinterpret_cast<const StringView*>(b.values)[row_b];
}

bool ViewEqualGeneric(const ColumnView& a, size_t row_a, const ColumnView& b, size_t row_b) {
  return a.vector->GetValue(row_a) == b.vector->GetValue(row_b);
}

template <typename T>
int ViewCompareTyped(const ColumnView& a, size_t row_a, const ColumnView& b, size_t row_b) {
  return Order(reinterpret_cast<const T*>(a.values)[row_a],
               reinterpret_cast<const T*>(b.values)[row_b]);
}

int ViewCompareStrings(const ColumnView& a, size_t row_a, const ColumnView& b, size_t row_b) {
  return OrderStrings(reinterpret_cast<const StringView*>(a.values)[row_a],
                      reinterpret_cast<const StringView*>(b.values)[row_b]);
}

int ViewCompareGeneric(const ColumnView& a, size_t row_a, const ColumnView& b, size_t row_b) {
  return CompareValues(a.vector->GetValue(row_a), b.vector->GetValue(row_b));
}

}  // namespace

ViewCompareFn ViewCompareFor(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBool:
      return &ViewCompareTyped<uint8_t>;
    case PhysicalType::kInt8:
      return &ViewCompareTyped<int8_t>;
    case PhysicalType::kInt16:
      return &ViewCompareTyped<int16_t>;
    case PhysicalType::kInt32:
      return &ViewCompareTyped<int32_t>;
    case PhysicalType::kInt64:
      return &ViewCompareTyped<int64_t>;
    case PhysicalType::kInt128:
      return &ViewCompareTyped<Int128>;
    case PhysicalType::kFloat:
      return &ViewCompareTyped<float>;
    case PhysicalType::kDouble:
      return &ViewCompareTyped<double>;
    case PhysicalType::kString:
      return &ViewCompareStrings;
    case PhysicalType::kList:
    case PhysicalType::kMap:
    case PhysicalType::kStruct:
      return &ViewCompareGeneric;
  }
  return &ViewCompareGeneric;
}

ColumnView ViewOf(const Vector& flat) {
  const bool nested = flat.physical_type() == PhysicalType::kList ||
                      flat.physical_type() == PhysicalType::kMap ||
                      flat.physical_type() == PhysicalType::kStruct;
  return ColumnView{.values = nested || flat.capacity() == 0 ? nullptr : flat.values<uint8_t>(),
                    .validity = flat.validity(),
                    .vector = &flat};
}

ViewEqualFn ViewEqualFor(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8:
      return &ViewEqualTyped<int8_t>;
    case PhysicalType::kInt16:
      return &ViewEqualTyped<int16_t>;
    case PhysicalType::kInt32:
      return &ViewEqualTyped<int32_t>;
    case PhysicalType::kInt64:
      return &ViewEqualTyped<int64_t>;
    case PhysicalType::kInt128:
      return &ViewEqualTyped<Int128>;
    case PhysicalType::kFloat:
      return &ViewEqualTyped<float>;
    case PhysicalType::kDouble:
      return &ViewEqualTyped<double>;
    case PhysicalType::kString:
      return &ViewEqualStrings;
    case PhysicalType::kList:
    case PhysicalType::kMap:
    case PhysicalType::kStruct:
      return &ViewEqualGeneric;
  }
  return &ViewEqualGeneric;
}

RowEqualFn RowEqualFor(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8:
      return &EqualTyped<int8_t>;
    case PhysicalType::kInt16:
      return &EqualTyped<int16_t>;
    case PhysicalType::kInt32:
      return &EqualTyped<int32_t>;
    case PhysicalType::kInt64:
      return &EqualTyped<int64_t>;
    case PhysicalType::kInt128:
      return &EqualTyped<Int128>;
    case PhysicalType::kFloat:
      return &EqualTyped<float>;
    case PhysicalType::kDouble:
      return &EqualTyped<double>;
    case PhysicalType::kString:
      return &EqualStrings;
    case PhysicalType::kList:
    case PhysicalType::kMap:
    case PhysicalType::kStruct:
      return &EqualGeneric;
  }
  return &EqualGeneric;
}

RowCompareFn RowCompareFor(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBool:
      return &CompareTyped<uint8_t>;
    case PhysicalType::kInt8:
      return &CompareTyped<int8_t>;
    case PhysicalType::kInt16:
      return &CompareTyped<int16_t>;
    case PhysicalType::kInt32:
      return &CompareTyped<int32_t>;
    case PhysicalType::kInt64:
      return &CompareTyped<int64_t>;
    case PhysicalType::kInt128:
      return &CompareTyped<Int128>;
    case PhysicalType::kFloat:
      return &CompareTyped<float>;
    case PhysicalType::kDouble:
      return &CompareTyped<double>;
    case PhysicalType::kString:
      return &CompareStrings;
    case PhysicalType::kList:
    case PhysicalType::kMap:
    case PhysicalType::kStruct:
      return &CompareGeneric;
  }
  return &CompareGeneric;
}

}  // namespace stratus::sql::exec
