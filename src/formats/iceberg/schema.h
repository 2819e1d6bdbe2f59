#pragma once

// Iceberg schemas (spec "Schemas and Data Types"): types with field ids,
// nested struct/list/map whose element, key and value fields have ids of
// their own, required/optional and doc; their JSON form; and the mapping to
// and from the SQL engine's LogicalType:
//
//   boolean      boolean                 date         date
//   int          integer                 time         bigint (microseconds; no SQL time type)
//   long         bigint                  timestamp    timestamp(6) (values in millis)
//   float        real                    timestamptz  timestamp(6) with time zone
//   double       double                  string       varchar
//   decimal(P,S) decimal(P,S)            uuid         varchar (canonical text)
//   fixed[N]     varbinary               binary       varbinary
//   struct       row(...)                list         array(...)
//   map          map(k, v)
//
// SQL to Iceberg: tinyint/smallint/integer → int, char/varchar/json → string,
// timestamp → timestamp (Athena writes timestamp without zone), intervals
// are NotImplemented.
//
// Thread safety: value types.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "sql/types/logical_type.h"

namespace stratus::formats::iceberg {

/// Iceberg type ids. Do not reorder: tests and fixtures name them.
enum class TypeId : uint8_t {
  kBoolean,
  kInt,
  kLong,
  kFloat,
  kDouble,
  kDecimal,
  kDate,
  kTime,
  kTimestamp,
  kTimestampTz,
  kString,
  kUuid,
  kFixed,
  kBinary,
  kStruct,
  kList,
  kMap,
};

struct NestedField;

/// One Iceberg type. Nested types own their fields: a struct's fields, a
/// list's one element field, a map's key then value field.
struct Type {
  TypeId id = TypeId::kBoolean;
  int32_t precision = 0;  // decimal
  int32_t scale = 0;      // decimal
  int32_t length = 0;     // fixed[N]
  // No default member initializer: `= {}` would instantiate the vector of a
  // still-incomplete NestedField here, which clang rejects (the vector starts
  // empty anyway).
  std::vector<NestedField> fields;

  static Type Primitive(TypeId id);
  static Type Decimal(int32_t precision, int32_t scale);
  static Type Fixed(int32_t length);
  static Type Struct(std::vector<NestedField> fields);
  static Type List(int32_t element_id, bool element_required, Type element);
  static Type Map(int32_t key_id, Type key, int32_t value_id, bool value_required, Type value);

  bool is_primitive() const { return id < TypeId::kStruct; }

  /// Returns the spec's name of a primitive ("long", "decimal(10,2)", "fixed[16]"),
  /// or "struct"/"list"/"map".
  std::string ToString() const;

  friend bool operator==(const Type& a, const Type& b);

  friend bool operator!=(const Type& a, const Type& b) { return !(a == b); }
};

/// A struct field, list element, or map key/value.
struct NestedField {
  int32_t id = 0;
  std::string name = {};
  bool required = false;
  Type type = {};
  std::string doc = {};

  friend bool operator==(const NestedField& a, const NestedField& b);
};

/// A table schema: a struct with an id.
struct Schema {
  int32_t schema_id = 0;
  std::vector<NestedField> fields = {};
  std::vector<int32_t> identifier_field_ids = {};

  /// Returns the field with this id at any depth, or nullptr.
  const NestedField* FindField(int32_t field_id) const;
  /// Returns the top-level field named `name` (case-insensitively, as Athena), or nullptr.
  const NestedField* FindColumn(std::string_view name) const;
  /// Returns the highest field id at any depth (0 for an empty schema).
  int32_t HighestFieldId() const;

  friend bool operator==(const Schema& a, const Schema& b);
};

/// One SQL column, as the engine declares it in CREATE TABLE / ALTER TABLE.
struct ColumnDefinition {
  std::string name = {};
  sql::LogicalType type = {};
  std::string comment = {};
  /// Athena's Iceberg columns are optional; NOT NULL makes them required.
  bool required = false;
};

/// Returns the LogicalType an Iceberg type reads as (table at the top).
Result<sql::LogicalType> ToLogicalType(const Type& type);

/// Returns the Iceberg type of a SQL type; nested types take fresh ids from
/// *next_id (incremented). Unsupported types are NotImplemented.
Result<Type> FromLogicalType(const sql::LogicalType& type, int32_t* next_id);

/// Builds a schema with fresh ids as Java assigns them: top-level columns
/// first (1..n), then nested fields breadth-first. Duplicate names
/// (case-insensitively) are InvalidArgument.
Result<Schema> SchemaFromColumns(const std::vector<ColumnDefinition>& columns,
                                 int32_t schema_id = 0);

/// Returns the top-level columns as the engine sees them.
Result<std::vector<ColumnDefinition>> SchemaToColumns(const Schema& schema);

/// The schema's JSON (spec "Schemas"): {"type":"struct","schema-id":..,"fields":[..]}.
std::string SchemaToJson(const Schema& schema);
/// Parses a schema JSON object (as in metadata "schemas" or a manifest's "schema").
Result<Schema> ParseSchemaJson(std::string_view json);

}  // namespace stratus::formats::iceberg
