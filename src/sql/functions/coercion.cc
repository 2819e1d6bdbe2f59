#include "sql/functions/coercion.h"

#include <algorithm>
#include <vector>

namespace stratus::sql::functions {
namespace {

// The char length an unbounded varchar coerces to (Trino's char maximum).
constexpr int kMaxCharLength = 65536;

// Integer digits of an integer kind as a decimal: tinyint → decimal(3,0), ...
int IntegerDigits(TypeKind kind) {
  switch (kind) {
    case TypeKind::kTinyint:
      return 3;
    case TypeKind::kSmallint:
      return 5;
    case TypeKind::kInteger:
      return 10;
    case TypeKind::kBigint:
      return 19;
    default:
      return 0;
  }
}

int IntegerRank(TypeKind kind) {
  switch (kind) {
    case TypeKind::kTinyint:
      return 1;
    case TypeKind::kSmallint:
      return 2;
    case TypeKind::kInteger:
      return 3;
    case TypeKind::kBigint:
      return 4;
    default:
      return 0;
  }
}

bool IsNumber(TypeKind kind) {
  return IntegerRank(kind) > 0 || kind == TypeKind::kReal || kind == TypeKind::kDouble ||
         kind == TypeKind::kDecimal;
}

LogicalType AsDecimal(const LogicalType& type) {
  if (type.kind() == TypeKind::kDecimal) {
    return type;
  }
  return LogicalType::Decimal(IntegerDigits(type.kind()), 0);
}

int CharLengthOf(const LogicalType& type) {
  if (type.kind() == TypeKind::kChar) {
    return type.length();
  }
  return type.length() == LogicalType::kUnboundedLength ? kMaxCharLength
                                                        : std::max(type.length(), 1);
}

std::optional<LogicalType> NumericSuperType(const LogicalType& a, const LogicalType& b) {
  const TypeKind ka = a.kind();
  const TypeKind kb = b.kind();
  if (IntegerRank(ka) > 0 && IntegerRank(kb) > 0) {
    return IntegerRank(ka) >= IntegerRank(kb) ? a : b;
  }
  if (ka == TypeKind::kDouble || kb == TypeKind::kDouble) {
    return LogicalType::Double();
  }
  if (ka == TypeKind::kReal || kb == TypeKind::kReal) {
    return LogicalType::Real();
  }
  const LogicalType da = AsDecimal(a);
  const LogicalType db = AsDecimal(b);
  const int scale = std::max(da.scale(), db.scale());
  const int integer_digits = std::max(da.precision() - da.scale(), db.precision() - db.scale());
  return LogicalType::Decimal(std::min(LogicalType::kMaxDecimalPrecision, integer_digits + scale),
                              scale);
}

std::optional<LogicalType> NestedSuperType(const LogicalType& a, const LogicalType& b) {
  if (a.kind() != b.kind() || a.num_children() != b.num_children()) {
    return std::nullopt;
  }
  std::vector<RowField> fields;
  for (size_t i = 0; i < a.num_children(); ++i) {
    std::optional<LogicalType> child = CommonSuperType(a.child(i), b.child(i));
    if (!child.has_value()) {
      return std::nullopt;
    }
    fields.push_back(RowField{.name = a.children()[i].name, .type = *child});
  }
  switch (a.kind()) {
    case TypeKind::kArray:
      return LogicalType::Array(fields[0].type);
    case TypeKind::kMap:
      return LogicalType::Map(fields[0].type, fields[1].type);
    default:
      return LogicalType::Row(std::move(fields));
  }
}

}  // namespace

bool CanCoerce(const LogicalType& from, const LogicalType& to) {
  if (from == to || from.kind() == TypeKind::kUnknown) {
    return true;
  }
  const TypeKind f = from.kind();
  const TypeKind t = to.kind();
  if (IntegerRank(f) > 0) {
    if (IntegerRank(t) > 0) {
      return IntegerRank(t) > IntegerRank(f);
    }
    if (t == TypeKind::kDecimal) {
      return to.precision() - to.scale() >= IntegerDigits(f);
    }
    return t == TypeKind::kReal || t == TypeKind::kDouble;
  }
  switch (f) {
    case TypeKind::kReal:
      return t == TypeKind::kDouble;
    case TypeKind::kDecimal:
      if (t == TypeKind::kDecimal) {
        return to.scale() >= from.scale() &&
               to.precision() - to.scale() >= from.precision() - from.scale();
      }
      return t == TypeKind::kReal || t == TypeKind::kDouble;
    case TypeKind::kVarchar:
      if (t == TypeKind::kVarchar) {
        return to.length() == LogicalType::kUnboundedLength ||
               (from.length() != LogicalType::kUnboundedLength && from.length() <= to.length());
      }
      return t == TypeKind::kChar && CharLengthOf(from) <= to.length();
    case TypeKind::kChar:
      if (t == TypeKind::kChar) {
        return to.length() >= from.length();
      }
      return t == TypeKind::kVarchar &&
             (to.length() == LogicalType::kUnboundedLength || to.length() >= from.length());
    case TypeKind::kDate:
      return t == TypeKind::kTimestamp || t == TypeKind::kTimestampWithTimeZone;
    case TypeKind::kTimestamp:
      return (t == TypeKind::kTimestamp || t == TypeKind::kTimestampWithTimeZone) &&
             to.precision() >= from.precision();
    case TypeKind::kTimestampWithTimeZone:
      return t == TypeKind::kTimestampWithTimeZone && to.precision() >= from.precision();
    case TypeKind::kArray:
    case TypeKind::kMap:
    case TypeKind::kRow: {
      if (f != t || from.num_children() != to.num_children()) {
        return false;
      }
      for (size_t i = 0; i < from.num_children(); ++i) {
        if (!CanCoerce(from.child(i), to.child(i))) {
          return false;
        }
      }
      return true;
    }
    default:
      return false;
  }
}

std::optional<LogicalType> CommonSuperType(const LogicalType& a, const LogicalType& b) {
  if (a == b) {
    return a;
  }
  if (a.kind() == TypeKind::kUnknown) {
    return b;
  }
  if (b.kind() == TypeKind::kUnknown) {
    return a;
  }
  const TypeKind ka = a.kind();
  const TypeKind kb = b.kind();
  if (IsNumber(ka) && IsNumber(kb)) {
    return NumericSuperType(a, b);
  }
  if (ka == TypeKind::kVarchar && kb == TypeKind::kVarchar) {
    if (a.length() == LogicalType::kUnboundedLength ||
        b.length() == LogicalType::kUnboundedLength) {
      return LogicalType::Varchar();
    }
    return LogicalType::Varchar(std::max(a.length(), b.length()));
  }
  if ((ka == TypeKind::kChar || ka == TypeKind::kVarchar) &&
      (kb == TypeKind::kChar || kb == TypeKind::kVarchar)) {
    return LogicalType::Char(std::max(CharLengthOf(a), CharLengthOf(b)));
  }
  const bool a_time =
      ka == TypeKind::kDate || ka == TypeKind::kTimestamp || ka == TypeKind::kTimestampWithTimeZone;
  const bool b_time =
      kb == TypeKind::kDate || kb == TypeKind::kTimestamp || kb == TypeKind::kTimestampWithTimeZone;
  if (a_time && b_time) {
    const int precision = std::max(ka == TypeKind::kDate ? 0 : a.precision(),
                                   kb == TypeKind::kDate ? 0 : b.precision());
    if (ka == TypeKind::kTimestampWithTimeZone || kb == TypeKind::kTimestampWithTimeZone) {
      return LogicalType::TimestampWithTimeZone(
          std::max(precision, ka == TypeKind::kDate || kb == TypeKind::kDate
                                  ? LogicalType::kDefaultTimestampPrecision
                                  : 0));
    }
    return LogicalType::Timestamp(std::max(precision, ka == TypeKind::kDate || kb == TypeKind::kDate
                                                          ? LogicalType::kDefaultTimestampPrecision
                                                          : 0));
  }
  if (a.is_nested() && b.is_nested()) {
    return NestedSuperType(a, b);
  }
  return std::nullopt;
}

}  // namespace stratus::sql::functions
