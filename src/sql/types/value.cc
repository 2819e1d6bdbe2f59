#include "sql/types/value.h"

#include <cmath>
#include <functional>

#include "base/check.h"
#include "sql/types/value_format.h"

namespace stratus::sql {
namespace {

size_t Mix(size_t seed, size_t value) {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

}  // namespace

Value Value::Null(LogicalType type) {
  Value value;
  value.type_ = std::move(type);
  return value;
}

Value Value::Boolean(bool value) {
  return FromInt64(LogicalType::Boolean(), value ? 1 : 0);
}

Value Value::Tinyint(int8_t value) {
  return FromInt64(LogicalType::Tinyint(), value);
}

Value Value::Smallint(int16_t value) {
  return FromInt64(LogicalType::Smallint(), value);
}

Value Value::Integer(int32_t value) {
  return FromInt64(LogicalType::Integer(), value);
}

Value Value::Bigint(int64_t value) {
  return FromInt64(LogicalType::Bigint(), value);
}

Value Value::Real(float value) {
  Value result(LogicalType::Real());
  result.double_ = value;
  return result;
}

Value Value::Double(double value) {
  Value result(LogicalType::Double());
  result.double_ = value;
  return result;
}

Value Value::Decimal(LogicalType type, Int128 unscaled) {
  STRATUS_CHECK(type.kind() == TypeKind::kDecimal, "Decimal() of {}", type.ToString());
  Value result(std::move(type));
  result.int128_ = unscaled;
  result.int64_ = static_cast<int64_t>(unscaled);
  return result;
}

Value Value::Varchar(std::string value) {
  return FromString(LogicalType::Varchar(), std::move(value));
}

Value Value::Char(int length, std::string value) {
  while (!value.empty() && value.back() == ' ') {
    value.pop_back();
  }
  return FromString(LogicalType::Char(length), std::move(value));
}

Value Value::Varbinary(std::string bytes) {
  return FromString(LogicalType::Varbinary(), std::move(bytes));
}

Value Value::Json(std::string text) {
  return FromString(LogicalType::Json(), std::move(text));
}

Value Value::Date(int32_t days) {
  return FromInt64(LogicalType::Date(), days);
}

Value Value::Timestamp(int64_t millis) {
  return FromInt64(LogicalType::Timestamp(), millis);
}

Value Value::TimestampWithTimeZone(int64_t utc_millis, int16_t zone_key, int precision) {
  Value result = FromInt64(LogicalType::TimestampWithTimeZone(precision), utc_millis);
  result.zone_key_ = zone_key;
  return result;
}

Value Value::IntervalDayToSecond(int64_t millis) {
  return FromInt64(LogicalType::IntervalDayToSecond(), millis);
}

Value Value::IntervalYearToMonth(int32_t months) {
  return FromInt64(LogicalType::IntervalYearToMonth(), months);
}

Value Value::Array(LogicalType element_type, std::vector<Value> elements) {
  Value result(LogicalType::Array(std::move(element_type)));
  result.children_ = std::move(elements);
  return result;
}

Value Value::Map(LogicalType key_type,
                 LogicalType value_type,
                 std::vector<Value> keys,
                 std::vector<Value> values) {
  STRATUS_CHECK_EQ(keys.size(), values.size());
  Value result(LogicalType::Map(std::move(key_type), std::move(value_type)));
  result.children_.reserve(keys.size() * 2);
  for (size_t i = 0; i < keys.size(); ++i) {
    result.children_.push_back(std::move(keys[i]));
    result.children_.push_back(std::move(values[i]));
  }
  return result;
}

Value Value::Row(LogicalType type, std::vector<Value> fields) {
  STRATUS_CHECK(type.kind() == TypeKind::kRow && type.num_children() == fields.size(),
                "Row() of {} with {} fields", type.ToString(), fields.size());
  Value result(std::move(type));
  result.children_ = std::move(fields);
  return result;
}

Value Value::FromInt64(LogicalType type, int64_t value) {
  Value result(std::move(type));
  result.int64_ = value;
  result.int128_ = value;
  return result;
}

Value Value::FromString(LogicalType type, std::string bytes) {
  Value result(std::move(type));
  result.string_ = std::move(bytes);
  return result;
}

bool Value::boolean_value() const {
  STRATUS_DCHECK(!is_null_, "boolean_value() of NULL");
  return int64_ != 0;
}

int64_t Value::int64_value() const {
  STRATUS_DCHECK(!is_null_, "int64_value() of NULL");
  return int64_;
}

double Value::double_value() const {
  STRATUS_DCHECK(!is_null_, "double_value() of NULL");
  return double_;
}

Int128 Value::decimal_value() const {
  STRATUS_DCHECK(!is_null_, "decimal_value() of NULL");
  return int128_;
}

const std::string& Value::string_value() const {
  STRATUS_DCHECK(!is_null_, "string_value() of NULL");
  return string_;
}

std::string Value::ToString() const {
  return FormatValue(*this);
}

bool operator==(const Value& a, const Value& b) {
  if (a.type_ != b.type_ || a.is_null_ != b.is_null_) {
    return false;
  }
  if (a.is_null_) {
    return true;
  }
  switch (a.type_.physical_type()) {
    case PhysicalType::kFloat:
    case PhysicalType::kDouble:
      return a.double_ == b.double_ || (std::isnan(a.double_) && std::isnan(b.double_));
    case PhysicalType::kInt128:
      return a.int128_ == b.int128_;
    case PhysicalType::kString:
      return a.string_ == b.string_;
    case PhysicalType::kList:
    case PhysicalType::kMap:
    case PhysicalType::kStruct:
      return a.children_ == b.children_;
    default:
      return a.int64_ == b.int64_ && a.zone_key_ == b.zone_key_;
  }
}

size_t Value::Hash() const {
  size_t seed = type_.Hash();
  if (is_null_) {
    return Mix(seed, 0x6e756c6c);
  }
  switch (type_.physical_type()) {
    case PhysicalType::kFloat:
    case PhysicalType::kDouble:
      return Mix(seed, std::isnan(double_) ? 0x7ff8 : std::hash<double>{}(double_));
    case PhysicalType::kInt128:
      return Mix(Mix(seed, static_cast<size_t>(static_cast<UInt128>(int128_) >> 64)),
                 static_cast<size_t>(int128_));
    case PhysicalType::kString:
      return Mix(seed, std::hash<std::string>{}(string_));
    case PhysicalType::kList:
    case PhysicalType::kMap:
    case PhysicalType::kStruct:
      for (const Value& child : children_) {
        seed = Mix(seed, child.Hash());
      }
      return seed;
    default:
      return Mix(seed, static_cast<size_t>(int64_));
  }
}

}  // namespace stratus::sql
