// Vector's slow paths: GetValue, SetValue and ToString, one switch over the
// type per value.

#include <utility>

#include "base/check.h"
#include "sql/types/int128.h"
#include "sql/types/value.h"
#include "sql/vector/string_heap.h"
#include "sql/vector/vector.h"

namespace stratus::sql {
namespace {

// Trino packs a timestamp with time zone as UTC millis << 12 | zone key.
constexpr int kZoneKeyBits = 12;

int64_t PackTimestampWithZone(int64_t utc_millis, int16_t zone_key) {
  return static_cast<int64_t>(static_cast<uint64_t>(utc_millis) << kZoneKeyBits) |
         (zone_key & 0xfff);
}

int64_t ReadInt64Form(const Vector& vector, size_t row) {
  switch (vector.physical_type()) {
    case PhysicalType::kBool:
      return vector.values<uint8_t>()[row];
    case PhysicalType::kInt8:
      return vector.values<int8_t>()[row];
    case PhysicalType::kInt16:
      return vector.values<int16_t>()[row];
    case PhysicalType::kInt32:
      return vector.values<int32_t>()[row];
    default:
      return vector.values<int64_t>()[row];
  }
}

void WriteInt64Form(Vector& vector, size_t row, int64_t value) {
  switch (vector.physical_type()) {
    case PhysicalType::kBool:
      vector.mutable_values<uint8_t>()[row] = value != 0 ? 1 : 0;
      return;
    case PhysicalType::kInt8:
      vector.mutable_values<int8_t>()[row] = static_cast<int8_t>(value);
      return;
    case PhysicalType::kInt16:
      vector.mutable_values<int16_t>()[row] = static_cast<int16_t>(value);
      return;
    case PhysicalType::kInt32:
      vector.mutable_values<int32_t>()[row] = static_cast<int32_t>(value);
      return;
    default:
      vector.mutable_values<int64_t>()[row] = value;
      return;
  }
}

Value GetNested(const Vector& vector, size_t row) {
  const LogicalType& type = vector.type();
  if (type.kind() == TypeKind::kRow) {
    std::vector<Value> fields;
    for (size_t i = 0; i < vector.num_children(); ++i) {
      fields.push_back(vector.child(i).GetValue(row));
    }
    return Value::Row(type, std::move(fields));
  }
  const ListEntry entry = vector.values<ListEntry>()[row];
  if (type.kind() == TypeKind::kArray) {
    std::vector<Value> elements;
    for (uint32_t i = 0; i < entry.length; ++i) {
      elements.push_back(vector.child(0).GetValue(entry.offset + i));
    }
    return Value::Array(type.child(0), std::move(elements));
  }
  std::vector<Value> keys;
  std::vector<Value> values;
  for (uint32_t i = 0; i < entry.length; ++i) {
    keys.push_back(vector.child(0).GetValue(entry.offset + i));
    values.push_back(vector.child(1).GetValue(entry.offset + i));
  }
  return Value::Map(type.child(0), type.child(1), std::move(keys), std::move(values));
}

Value GetFlat(const Vector& vector, size_t row) {
  const LogicalType& type = vector.type();
  if (vector.IsNull(row)) {
    return Value::Null(type);
  }
  switch (type.kind()) {
    case TypeKind::kReal:
      return Value::Real(vector.values<float>()[row]);
    case TypeKind::kDouble:
      return Value::Double(vector.values<double>()[row]);
    case TypeKind::kDecimal:
      return Value::Decimal(type, type.is_short_decimal() ? vector.values<int64_t>()[row]
                                                          : vector.values<Int128>()[row]);
    case TypeKind::kVarchar:
    case TypeKind::kChar:
    case TypeKind::kVarbinary:
    case TypeKind::kJson:
      return Value::FromString(type, std::string(vector.values<StringView>()[row].view()));
    case TypeKind::kTimestampWithTimeZone: {
      const int64_t packed = vector.values<int64_t>()[row];
      return Value::TimestampWithTimeZone(packed >> kZoneKeyBits,
                                          static_cast<int16_t>(packed & 0xfff), type.precision());
    }
    case TypeKind::kArray:
    case TypeKind::kMap:
    case TypeKind::kRow:
      return GetNested(vector, row);
    default:
      return Value::FromInt64(type, ReadInt64Form(vector, row));
  }
}

void SetNested(Vector& vector, size_t row, const Value& value) {
  const std::vector<Value>& children = value.children();
  if (vector.type().kind() == TypeKind::kRow) {
    for (size_t i = 0; i < vector.num_children(); ++i) {
      vector.child(i).SetValue(row, children[i]);
    }
    return;
  }
  const bool is_map = vector.type().kind() == TypeKind::kMap;
  const size_t count = is_map ? children.size() / 2 : children.size();
  const size_t offset = vector.child(0).size();
  for (size_t c = 0; c < vector.num_children(); ++c) {
    Vector& child = vector.child(c);
    child.Reserve(offset + count);
    child.set_size(offset + count);
    for (size_t i = 0; i < count; ++i) {
      child.SetValue(offset + i, is_map ? children[i * 2 + c] : children[i]);
    }
  }
  vector.mutable_values<ListEntry>()[row] =
      ListEntry{.offset = static_cast<uint32_t>(offset), .length = static_cast<uint32_t>(count)};
}

}  // namespace

Value Vector::GetValue(size_t row) const {
  STRATUS_CHECK_LT(row, size_);
  const ResolvedRow resolved = Resolve(row);
  return GetFlat(*resolved.vector, resolved.row);
}

void Vector::SetValue(size_t row, const Value& value) {
  STRATUS_CHECK(encoding_ == VectorEncoding::kFlat, "SetValue() on a non-flat vector");
  STRATUS_CHECK_LT(row, capacity_);
  if (value.is_null()) {
    SetNull(row, true);
    if (physical_type_ == PhysicalType::kList || physical_type_ == PhysicalType::kMap) {
      mutable_values<ListEntry>()[row] = ListEntry{};
    } else if (physical_type_ == PhysicalType::kStruct) {
      for (size_t i = 0; i < num_children(); ++i) {
        child(i).SetValue(row, Value::Null(type_.child(i)));
      }
    }
    return;
  }
  STRATUS_CHECK(value.type() == type_, "SetValue of {} into a {} vector", value.type().ToString(),
                type_.ToString());
  SetNull(row, false);
  switch (physical_type_) {
    case PhysicalType::kFloat:
      mutable_values<float>()[row] = static_cast<float>(value.double_value());
      return;
    case PhysicalType::kDouble:
      mutable_values<double>()[row] = value.double_value();
      return;
    case PhysicalType::kInt128:
      mutable_values<Int128>()[row] = value.decimal_value();
      return;
    case PhysicalType::kString:
      mutable_values<StringView>()[row] = heap().Add(value.string_value());
      return;
    case PhysicalType::kList:
    case PhysicalType::kMap:
    case PhysicalType::kStruct:
      SetNested(*this, row, value);
      return;
    default:
      WriteInt64Form(*this, row,
                     type_.kind() == TypeKind::kTimestampWithTimeZone
                         ? PackTimestampWithZone(value.int64_value(), value.zone_key())
                         : value.int64_value());
      return;
  }
}

std::string Vector::ToString() const {
  static constexpr const char* kEncodings[] = {"flat", "constant", "dictionary"};
  std::string out = type_.ToString() + " " + kEncodings[static_cast<int>(encoding_)] + "[";
  for (size_t row = 0; row < size_; ++row) {
    out += row > 0 ? ", " : "";
    out += GetValue(row).ToString();
  }
  return out + "]";
}

}  // namespace stratus::sql
