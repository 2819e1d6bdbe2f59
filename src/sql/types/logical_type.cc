#include "sql/types/logical_type.h"

#include <functional>
#include <utility>

#include "base/check.h"

namespace stratus::sql {
namespace {

const std::vector<RowField>& NoChildren() {
  static const std::vector<RowField> kNone;
  return kNone;
}

size_t CombineHash(size_t seed, size_t value) {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

}  // namespace

size_t PhysicalTypeWidth(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8:
      return 1;
    case PhysicalType::kInt16:
      return 2;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat:
      return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
    case PhysicalType::kList:
    case PhysicalType::kMap:
      return 8;
    case PhysicalType::kInt128:
    case PhysicalType::kString:
      return 16;
    case PhysicalType::kStruct:
      return 0;
  }
  return 0;
}

const char* PhysicalTypeName(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBool:
      return "Bool";
    case PhysicalType::kInt8:
      return "Int8";
    case PhysicalType::kInt16:
      return "Int16";
    case PhysicalType::kInt32:
      return "Int32";
    case PhysicalType::kInt64:
      return "Int64";
    case PhysicalType::kInt128:
      return "Int128";
    case PhysicalType::kFloat:
      return "Float";
    case PhysicalType::kDouble:
      return "Double";
    case PhysicalType::kString:
      return "String";
    case PhysicalType::kList:
      return "List";
    case PhysicalType::kMap:
      return "Map";
    case PhysicalType::kStruct:
      return "Struct";
  }
  return "?";
}

LogicalType LogicalType::Decimal(int precision, int scale) {
  STRATUS_CHECK(
      precision >= 1 && precision <= kMaxDecimalPrecision && scale >= 0 && scale <= precision,
      "bad decimal({},{})", precision, scale);
  LogicalType type(TypeKind::kDecimal);
  type.precision_ = precision;
  type.scale_ = scale;
  return type;
}

LogicalType LogicalType::Varchar(int length) {
  // Trino types the literal '' as varchar(0).
  STRATUS_CHECK(length == kUnboundedLength || length >= 0, "bad varchar({})", length);
  LogicalType type(TypeKind::kVarchar);
  type.length_ = length;
  return type;
}

LogicalType LogicalType::Char(int length) {
  STRATUS_CHECK(length >= 1, "bad char({})", length);
  LogicalType type(TypeKind::kChar);
  type.length_ = length;
  return type;
}

LogicalType LogicalType::Timestamp(int precision) {
  STRATUS_CHECK(precision >= 0 && precision <= 12, "bad timestamp({})", precision);
  LogicalType type(TypeKind::kTimestamp);
  type.precision_ = precision;
  return type;
}

LogicalType LogicalType::TimestampWithTimeZone(int precision) {
  STRATUS_CHECK(precision >= 0 && precision <= 12, "bad timestamp({})", precision);
  LogicalType type(TypeKind::kTimestampWithTimeZone);
  type.precision_ = precision;
  return type;
}

LogicalType LogicalType::Array(LogicalType element) {
  LogicalType type(TypeKind::kArray);
  type.children_ = std::make_shared<const std::vector<RowField>>(
      std::vector<RowField>{RowField{.name = {}, .type = std::move(element)}});
  return type;
}

LogicalType LogicalType::Map(LogicalType key, LogicalType value) {
  LogicalType type(TypeKind::kMap);
  type.children_ = std::make_shared<const std::vector<RowField>>(
      std::vector<RowField>{RowField{.name = {}, .type = std::move(key)},
                            RowField{.name = {}, .type = std::move(value)}});
  return type;
}

LogicalType LogicalType::Row(std::vector<RowField> fields) {
  LogicalType type(TypeKind::kRow);
  type.children_ = std::make_shared<const std::vector<RowField>>(std::move(fields));
  return type;
}

PhysicalType LogicalType::physical_type() const {
  switch (kind_) {
    case TypeKind::kUnknown:
    case TypeKind::kBoolean:
      return PhysicalType::kBool;
    case TypeKind::kTinyint:
      return PhysicalType::kInt8;
    case TypeKind::kSmallint:
      return PhysicalType::kInt16;
    case TypeKind::kInteger:
    case TypeKind::kDate:
    case TypeKind::kIntervalYearToMonth:
      return PhysicalType::kInt32;
    case TypeKind::kBigint:
    case TypeKind::kTimestamp:
    case TypeKind::kTimestampWithTimeZone:
    case TypeKind::kIntervalDayToSecond:
      return PhysicalType::kInt64;
    case TypeKind::kReal:
      return PhysicalType::kFloat;
    case TypeKind::kDouble:
      return PhysicalType::kDouble;
    case TypeKind::kDecimal:
      return is_short_decimal() ? PhysicalType::kInt64 : PhysicalType::kInt128;
    case TypeKind::kVarchar:
    case TypeKind::kChar:
    case TypeKind::kVarbinary:
    case TypeKind::kJson:
      return PhysicalType::kString;
    case TypeKind::kArray:
      return PhysicalType::kList;
    case TypeKind::kMap:
      return PhysicalType::kMap;
    case TypeKind::kRow:
      return PhysicalType::kStruct;
  }
  return PhysicalType::kBool;
}

const std::vector<RowField>& LogicalType::children() const {
  return children_ ? *children_ : NoChildren();
}

size_t LogicalType::num_children() const {
  return children_ ? children_->size() : 0;
}

const LogicalType& LogicalType::child(size_t i) const {
  STRATUS_CHECK_LT(i, num_children());
  return (*children_)[i].type;
}

bool LogicalType::is_short_decimal() const {
  return kind_ == TypeKind::kDecimal && precision_ <= kMaxShortDecimalPrecision;
}

bool LogicalType::is_integer() const {
  return kind_ == TypeKind::kTinyint || kind_ == TypeKind::kSmallint ||
         kind_ == TypeKind::kInteger || kind_ == TypeKind::kBigint;
}

bool LogicalType::is_nested() const {
  return kind_ == TypeKind::kArray || kind_ == TypeKind::kMap || kind_ == TypeKind::kRow;
}

size_t LogicalType::Hash() const {
  size_t seed = static_cast<size_t>(kind_);
  seed = CombineHash(seed, static_cast<size_t>(precision_));
  seed = CombineHash(seed, static_cast<size_t>(scale_));
  seed = CombineHash(seed, static_cast<size_t>(length_));
  for (const RowField& field : children()) {
    seed = CombineHash(seed, std::hash<std::string>{}(field.name));
    seed = CombineHash(seed, field.type.Hash());
  }
  return seed;
}

bool operator==(const LogicalType& a, const LogicalType& b) {
  if (a.kind_ != b.kind_ || a.precision_ != b.precision_ || a.scale_ != b.scale_ ||
      a.length_ != b.length_) {
    return false;
  }
  if (a.children_ == b.children_) {
    return true;
  }
  return a.children() == b.children();
}

}  // namespace stratus::sql
