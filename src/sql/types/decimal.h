#pragma once

// Decimal values: an unscaled integer (int64 for precision <= 18, Int128 up
// to 38) and the type's scale. Text conversion follows Trino: toString
// prints exactly `scale` digits after the point ("12.30", "-0.05", "7" for
// scale 0); parsing rounds extra fraction digits half up, as Hive's
// HiveDecimal does when it enforces a column's scale.

#include <optional>
#include <string>
#include <string_view>

#include "sql/types/int128.h"

namespace stratus::sql {

/// Returns 10^exponent. REQUIRES: 0 <= exponent <= 38.
Int128 PowerOfTen(int exponent);

/// Formats an Int128 in decimal.
std::string Int128ToString(Int128 value);

/// Formats an unscaled decimal value with `scale` fraction digits.
std::string DecimalToString(Int128 unscaled, int scale);

/// Parses text such as "12.5", "-0.05", "+3", ".5", "1e3" into the unscaled
/// value of a decimal(precision, scale): extra fraction digits round half up;
/// a value needing more than `precision` digits, or text that is not a
/// number, is nullopt. Leading and trailing blanks are not accepted.
std::optional<Int128> ParseDecimal(std::string_view text, int precision, int scale);

}  // namespace stratus::sql
