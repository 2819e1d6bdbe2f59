#pragma once

// Value: one SQL value of any type, or NULL — for constants in plans,
// parameters, the slow get/set path of vectors, and results. Nested values
// (array, map, row) hold their elements as Values. Not for hot loops: kernels
// work on vectors.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sql/types/int128.h"
#include "sql/types/logical_type.h"

namespace stratus::sql {

/// One SQL value with its type. Scalars are stored by physical kind: every
/// integer-like kind (tinyint..bigint, date days, timestamp millis, intervals,
/// short decimals) as int64, real and double as double, long decimals as
/// Int128, strings and varbinary as bytes; array elements, row fields and map
/// entries (key, value, key, value, ...) as child Values.
///
/// Thread safety: a value type; distinct objects may be used freely.
class Value {
 public:
  /// Constructs a NULL of the unknown type.
  Value() = default;

  static Value Null(LogicalType type);
  static Value Boolean(bool value);
  static Value Tinyint(int8_t value);
  static Value Smallint(int16_t value);
  static Value Integer(int32_t value);
  static Value Bigint(int64_t value);
  static Value Real(float value);
  static Value Double(double value);
  /// A decimal of `type` (REQUIRES: a decimal type) from its unscaled value.
  static Value Decimal(LogicalType type, Int128 unscaled);
  static Value Varchar(std::string value);
  /// A char(n) value; trailing spaces are not significant (Trino's rule).
  static Value Char(int length, std::string value);
  static Value Varbinary(std::string bytes);
  static Value Json(std::string text);
  /// A date from days since 1970-01-01.
  static Value Date(int32_t days);
  /// A timestamp(3) from milliseconds since the epoch.
  static Value Timestamp(int64_t millis);
  /// A timestamp(p) with time zone from UTC milliseconds and Trino's zone key (0 = UTC).
  static Value TimestampWithTimeZone(int64_t utc_millis,
                                     int16_t zone_key,
                                     int precision = LogicalType::kDefaultTimestampPrecision);
  static Value IntervalDayToSecond(int64_t millis);
  static Value IntervalYearToMonth(int32_t months);
  static Value Array(LogicalType element_type, std::vector<Value> elements);
  /// A map from parallel keys and values. REQUIRES: keys.size() == values.size().
  static Value Map(LogicalType key_type,
                   LogicalType value_type,
                   std::vector<Value> keys,
                   std::vector<Value> values);
  /// A row of `type` (REQUIRES: a row type with as many fields as `fields`).
  static Value Row(LogicalType type, std::vector<Value> fields);
  /// A value of `type` from the int64 form (any integer-like or short decimal kind).
  static Value FromInt64(LogicalType type, int64_t value);
  /// A value of `type` from bytes (varchar, char, varbinary, json).
  static Value FromString(LogicalType type, std::string bytes);

  const LogicalType& type() const { return type_; }

  bool is_null() const { return is_null_; }

  /// REQUIRES: !is_null() and a boolean type.
  bool boolean_value() const;
  /// The int64 form of integer-like kinds and short decimals. REQUIRES: !is_null().
  int64_t int64_value() const;
  /// Real or double. REQUIRES: !is_null().
  double double_value() const;
  /// The unscaled value of any decimal (short ones widened). REQUIRES: !is_null().
  Int128 decimal_value() const;
  /// The bytes of string kinds. REQUIRES: !is_null().
  const std::string& string_value() const;

  /// The packed zone key of a timestamp with time zone.
  int16_t zone_key() const { return zone_key_; }

  /// Array elements, row fields, or map entries as key, value, key, value, ...
  const std::vector<Value>& children() const { return children_; }

  /// Renders the value as Athena shows it in results (value_format.h); NULL is "NULL".
  std::string ToString() const;

  /// Structural equality: same type, both NULL or equal contents (NaN equals NaN).
  friend bool operator==(const Value& a, const Value& b);

  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

  /// Returns a hash consistent with ==.
  size_t Hash() const;

 private:
  explicit Value(LogicalType type) : type_(std::move(type)), is_null_(false) {}

  LogicalType type_;
  bool is_null_ = true;
  int16_t zone_key_ = 0;
  int64_t int64_ = 0;
  double double_ = 0;
  Int128 int128_ = 0;
  std::string string_;
  std::vector<Value> children_;
};

}  // namespace stratus::sql
