#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/parser/identifier.h"
#include "sql/parser/source_position.h"

namespace stratus::sql::parser {

/// Which bracket style a parameterised type was written with: Trino's
/// `array(varchar)` or Hive DDL's `array<string>`; the deparser repeats it.
enum class TypeSyntax : uint8_t {
  kParentheses,
  kAngleBrackets,
};

/// A data type as written, not yet resolved: the binder maps names to
/// LogicalTypes (so `int`, `integer`; `string`, `varchar`; `float`, `real` are
/// told apart there, not here).
///
/// - Simple types: `name` only ("bigint", "string", "varbinary", "json").
/// - Numeric parameters: `decimal(10,2)`, `varchar(20)`, `char(3)`,
///   `timestamp(3)` put them in `numbers`.
/// - `array(T)` / `array<T>`: one child; `map(K,V)` / `map<K,V>`: two children.
/// - `row(a bigint, b varchar)` / `struct<a:bigint,b:string>`: one child per
///   field, with the names in `field_names` (parallel to `children`; a Trino
///   row field may be anonymous).
/// - `timestamp [(p)] with time zone`, `time ... with time zone`: `with_time_zone`.
/// - `interval day to second`: name "interval", fields in `interval_from`/`interval_to`
///   (upper case).
/// - `double precision` is stored as "double".
struct DataType {
  std::string name = {};
  std::vector<int64_t> numbers = {};
  std::vector<DataType> children = {};
  std::vector<std::optional<Identifier>> field_names = {};
  bool with_time_zone = false;
  std::string interval_from = {};
  std::string interval_to = {};
  TypeSyntax syntax = TypeSyntax::kParentheses;
  SourcePosition position = {};
};

}  // namespace stratus::sql::parser
