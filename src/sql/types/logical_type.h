#pragma once

// The SQL engine's types. A LogicalType is what a column or expression *is*
// in Trino's type system (Athena's dialect): its kind, plus the parameters
// some kinds carry (decimal precision and scale, varchar/char length,
// timestamp precision) and, for array/map/row, the types of its children
// (with field names for rows). The PhysicalType says how vectors store it
// (docs/adr/0002-sql-engine.md, "Data"):
//
//   boolean                        kBool     1 byte, 0 or 1
//   tinyint/smallint/integer/bigint kInt8..kInt64
//   real / double                  kFloat / kDouble
//   decimal(p <= 18, s)            kInt64    unscaled
//   decimal(p <= 38, s)            kInt128   unscaled
//   date                           kInt32    days since 1970-01-01
//   timestamp(p)                   kInt64    milliseconds since the epoch (UTC wall clock)
//   timestamp(p) with time zone    kInt64    UTC milliseconds << 12 | zone key (Trino's packing)
//   interval day to second         kInt64    milliseconds
//   interval year to month         kInt32    months
//   varchar, char, varbinary, json kString   16-byte StringView
//   array                          kList     offsets + lengths over one child vector
//   map                            kMap      offsets + lengths over a key and a value child
//   row                            kStruct   one child vector per field
//   unknown (the type of NULL)     kBool     (never read)
//
// Names: ToString() gives Trino's display name ("decimal(10,2)",
// "array(varchar)", "row(a integer, b varchar)"); type_names.h has Hive's
// names (what Glue stores) and parsers for both.
//
// Thread safety: a LogicalType is an immutable value; copies share their
// children, so copying is cheap and safe from any thread.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace stratus::sql {

/// Every SQL type kind. Do not reorder: plans and spill files may store it.
enum class TypeKind : uint8_t {
  kUnknown = 0,  // The type of a bare NULL literal.
  kBoolean,
  kTinyint,
  kSmallint,
  kInteger,
  kBigint,
  kReal,
  kDouble,
  kDecimal,
  kVarchar,
  kChar,
  kVarbinary,
  kJson,
  kDate,
  kTimestamp,
  kTimestampWithTimeZone,
  kIntervalDayToSecond,
  kIntervalYearToMonth,
  kArray,
  kMap,
  kRow,
};

/// How a vector stores values of a type (see the table at the top).
enum class PhysicalType : uint8_t {
  kBool,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kInt128,
  kFloat,
  kDouble,
  kString,
  kList,
  kMap,
  kStruct,
};

/// Returns the byte width of one fixed-size value (16 for kString, the
/// StringView; 8 for kList/kMap, an offset and a length), 0 for kStruct.
size_t PhysicalTypeWidth(PhysicalType type);

/// Returns the enumerator's name without the k, e.g. "Int64".
const char* PhysicalTypeName(PhysicalType type);

struct RowField;

/// One SQL type (see the essay at the top of this file).
class LogicalType {
 public:
  /// The largest decimal precision; at most kMaxShortDecimalPrecision fits in an int64.
  static constexpr int kMaxDecimalPrecision = 38;
  static constexpr int kMaxShortDecimalPrecision = 18;
  /// The length of an unbounded varchar.
  static constexpr int kUnboundedLength = -1;
  /// Timestamp precision as Athena shows it (milliseconds).
  static constexpr int kDefaultTimestampPrecision = 3;

  /// Constructs the unknown type (the type of NULL).
  LogicalType() = default;

  static LogicalType Unknown() { return LogicalType(TypeKind::kUnknown); }

  static LogicalType Boolean() { return LogicalType(TypeKind::kBoolean); }

  static LogicalType Tinyint() { return LogicalType(TypeKind::kTinyint); }

  static LogicalType Smallint() { return LogicalType(TypeKind::kSmallint); }

  static LogicalType Integer() { return LogicalType(TypeKind::kInteger); }

  static LogicalType Bigint() { return LogicalType(TypeKind::kBigint); }

  static LogicalType Real() { return LogicalType(TypeKind::kReal); }

  static LogicalType Double() { return LogicalType(TypeKind::kDouble); }

  /// REQUIRES: 1 <= precision <= 38 and 0 <= scale <= precision (parsers check user input).
  static LogicalType Decimal(int precision, int scale);
  /// A varchar of at most `length` characters, or unbounded.
  static LogicalType Varchar(int length = kUnboundedLength);
  /// REQUIRES: length >= 1.
  static LogicalType Char(int length);

  static LogicalType Varbinary() { return LogicalType(TypeKind::kVarbinary); }

  static LogicalType Json() { return LogicalType(TypeKind::kJson); }

  static LogicalType Date() { return LogicalType(TypeKind::kDate); }

  /// REQUIRES: 0 <= precision <= 12. Values are stored in milliseconds whatever the precision.
  static LogicalType Timestamp(int precision = kDefaultTimestampPrecision);
  static LogicalType TimestampWithTimeZone(int precision = kDefaultTimestampPrecision);

  static LogicalType IntervalDayToSecond() { return LogicalType(TypeKind::kIntervalDayToSecond); }

  static LogicalType IntervalYearToMonth() { return LogicalType(TypeKind::kIntervalYearToMonth); }

  static LogicalType Array(LogicalType element);
  static LogicalType Map(LogicalType key, LogicalType value);
  /// A row type; fields may be unnamed (empty names), as in Trino's row(integer, varchar).
  static LogicalType Row(std::vector<RowField> fields);

  TypeKind kind() const { return kind_; }

  PhysicalType physical_type() const;

  /// Decimal precision, or timestamp precision; 0 for other kinds.
  int precision() const { return precision_; }

  /// Decimal scale; 0 for other kinds.
  int scale() const { return scale_; }

  /// Varchar/char length (kUnboundedLength for plain varchar); 0 for other kinds.
  int length() const { return length_; }

  /// The children: the element of an array, the key and value of a map, the
  /// fields of a row; empty for scalar kinds.
  const std::vector<RowField>& children() const;
  size_t num_children() const;
  /// Returns child i's type. REQUIRES: i < num_children().
  const LogicalType& child(size_t i) const;

  /// Returns true for decimals stored as int64 (precision <= 18).
  bool is_short_decimal() const;

  /// Returns true for varchar, char, varbinary and json (stored as StringView).
  bool is_string() const { return physical_type() == PhysicalType::kString; }

  /// Returns true for tinyint, smallint, integer and bigint.
  bool is_integer() const;
  /// Returns true for array, map and row.
  bool is_nested() const;

  /// Returns Trino's display name, e.g. "decimal(10,2)", "map(varchar, bigint)".
  std::string ToString() const;

  /// Returns a hash consistent with ==.
  size_t Hash() const;

  friend bool operator==(const LogicalType& a, const LogicalType& b);

  friend bool operator!=(const LogicalType& a, const LogicalType& b) { return !(a == b); }

 private:
  explicit LogicalType(TypeKind kind) : kind_(kind) {}

  TypeKind kind_ = TypeKind::kUnknown;
  int32_t precision_ = 0;
  int32_t scale_ = 0;
  int32_t length_ = 0;
  // Shared: types are immutable, so copies share their children.
  std::shared_ptr<const std::vector<RowField>> children_;
};

/// One child of a nested type: a row field (named or not), an array's
/// element or a map's key or value (unnamed).
struct RowField {
  std::string name = {};
  LogicalType type = {};

  friend bool operator==(const RowField& a, const RowField& b) {
    return a.name == b.name && a.type == b.type;
  }
};

/// Hashes a LogicalType, for unordered containers.
struct LogicalTypeHash {
  size_t operator()(const LogicalType& type) const { return type.Hash(); }
};

}  // namespace stratus::sql
