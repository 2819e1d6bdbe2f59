#pragma once

// Values as Athena renders them in GetQueryResults (VarCharValue) and in the
// result CSV. What the rules are and where they come from:
//
// - boolean: "true" / "false".
// - tinyint..bigint: decimal digits.
// - double and real: Java's Double.toString / Float.toString, because Athena's
//   result rows are produced from the Java value (java_number_format.h):
//   "1.0", "0.1", "1.0E7", "1.0E-4", "NaN", "Infinity".
// - decimal(p,s): exactly s fraction digits ("12.30", "0.05", "-1.50");
//   BigDecimal.toPlainString of the scaled value, as Trino's Decimals.toString.
// - varchar, json: the text as is; char(n): padded with spaces to n (Trino's
//   char semantics: the value is padded).
// - varbinary: the bytes in lower-case hex, separated by spaces ("68 65 6c"),
//   as Trino's client renders varbinary.
// - date: "2024-01-02"; timestamp(p): "2024-01-02 03:04:05.000" with p fraction
//   digits (Athena v3 shows timestamp(3)); timestamp with time zone: the same
//   followed by " UTC" for zone key 0.
// - interval day to second: "1 02:03:04.567"; year to month: "1-2" (Trino).
// - array: "[1, 2]"; map: "{a=1, b=2}"; row: "{x=1, y=a}" with Trino's field
//   names (unnamed fields are field0, field1, ...). Strings inside them are
//   not quoted. These follow the Java toString of the List/Map the Trino
//   client decodes, which is what Athena shows.
// - NULL: "null" inside arrays, maps and rows. A top-level NULL is "NULL" here
//   for debugging; GetQueryResults sends a Datum without VarCharValue for it,
//   which is the caller's job.

#include <string>

namespace stratus::sql {

class Value;

/// Renders `value` as Athena shows it (see above).
std::string FormatValue(const Value& value);

}  // namespace stratus::sql
