#pragma once

// Type names in the two spellings the engine meets:
//
// - Trino's (what Athena shows in results metadata, DESCRIBE and errors, and
//   what CAST and DDL in Trino syntax use): "varchar", "varchar(10)",
//   "decimal(10,2)", "array(varchar)", "map(varchar, bigint)",
//   "row(a integer, b varchar)", "timestamp(3)", "timestamp(3) with time zone".
// - Hive's (what Glue stores in Column.Type and SHOW CREATE TABLE prints):
//   "string", "int", "bigint", "double", "float", "boolean", "date",
//   "timestamp", "decimal(10,2)", "varchar(10)", "char(3)", "binary",
//   "tinyint", "smallint", "array<string>", "map<string,int>",
//   "struct<a:int,b:string>".
//
// Both parsers are case-insensitive and tolerate blanks between tokens; they
// reject anything else with InvalidArgument naming the offending text.

#include <string>
#include <string_view>

#include "base/result.h"
#include "sql/types/logical_type.h"

namespace stratus::sql {

/// Returns Trino's display name of `type` (the same as type.ToString()).
std::string TrinoTypeName(const LogicalType& type);

/// Returns Hive's name of `type` as Glue stores it. Types Hive has no name for
/// (json, time zones, intervals, unbounded char, the unknown type) are
/// InvalidArgument. Unbounded varchar is "string"; real is "float"; varbinary
/// is "binary"; timestamps of any precision are "timestamp".
Result<std::string> HiveTypeName(const LogicalType& type);

/// Parses Trino's spelling of a type. Accepts "int" for integer, "decimal" (=
/// decimal(38,0)), "decimal(p)" (= decimal(p,0)), "char" (= char(1)),
/// "timestamp" (= timestamp(3)), "double precision", and row fields with or
/// without names (names may be double-quoted).
Result<LogicalType> ParseTrinoType(std::string_view text);

/// Parses Hive's spelling of a type, as Glue's Column.Type holds it. Accepts
/// "integer" for int, "decimal" (= decimal(10,0), Hive's default),
/// "decimal(p)" (= decimal(p,0)), struct field names in backticks, and
/// "varchar" without a length (unbounded, as string).
Result<LogicalType> ParseHiveType(std::string_view text);

}  // namespace stratus::sql
