#pragma once

// AvroValue: one Avro datum as a plain tree, for walking records by field
// name and for building records to write. Unions are not a node of their
// own: a union datum is its branch's value (a null branch reads as kNull);
// the writer picks the union branch that fits the value's kind.
//
// Thread safety: a value type.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stratus::formats::avro {

/// The kind of a datum. Do not reorder: fuzz seeds and tests name them.
enum class AvroKind : uint8_t {
  kNull,
  kBoolean,
  kInt,
  kLong,
  kFloat,
  kDouble,
  kBytes,
  kString,
  kFixed,
  kEnum,
  kArray,
  kMap,
  kRecord,
};

/// One datum (see the comment at the top of this file).
struct AvroValue {
  AvroKind kind = AvroKind::kNull;
  bool boolean = false;
  /// int, long, and an enum's symbol index.
  int64_t number = 0;
  /// float and double.
  double real = 0;
  /// bytes, string, fixed, and an enum's symbol.
  std::string bytes = {};
  /// Array items, map values, or record field values.
  std::vector<AvroValue> items = {};
  /// Map keys or record field names, parallel to `items`.
  std::vector<std::string> names = {};

  static AvroValue Null() { return AvroValue{}; }

  static AvroValue Boolean(bool value);
  static AvroValue Int(int32_t value);
  static AvroValue Long(int64_t value);
  static AvroValue Float(float value);
  static AvroValue Double(double value);
  static AvroValue Bytes(std::string value);
  static AvroValue String(std::string value);
  static AvroValue Fixed(std::string value);
  static AvroValue Enum(int32_t index, std::string symbol);
  static AvroValue Array(std::vector<AvroValue> items);
  /// A map from parallel keys and values. REQUIRES: keys.size() == values.size().
  static AvroValue Map(std::vector<std::string> keys, std::vector<AvroValue> values);
  /// An empty record; add fields with Add().
  static AvroValue Record();

  bool is_null() const { return kind == AvroKind::kNull; }

  /// Appends a record field (or a map entry). Returns *this for chaining.
  AvroValue& Add(std::string name, AvroValue value);

  /// Returns the record field (or map entry) named `name`, or nullptr.
  const AvroValue* Find(std::string_view name) const;
};

}  // namespace stratus::formats::avro
