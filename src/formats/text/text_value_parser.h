#pragma once

// Parsing one field of a Hive text table into a value, as Athena (Trino's
// Hive text readers, which follow Hive's LazySimpleSerDe) does. Every
// function returns nullopt for text that is not a value of the type; the
// reader turns that into NULL (docs/sql/text_tables.md has the rules and
// their sources).

#include <cstdint>
#include <optional>
#include <string_view>

namespace stratus::formats::text {

/// Integers (Trino's LongEncoding): an optional sign, digits (leading zeros
/// allowed), and an optional fraction whose digits must be digits but are
/// dropped ("12.7" is 12); no blanks; out of int64 range is nullopt.
std::optional<int64_t> ParseHiveInteger(std::string_view text);

/// Doubles as Java's Double.parseDouble reads them: blanks around are
/// ignored, optional sign, digits with an optional point and exponent, a
/// trailing d/D/f/F, "NaN", "Infinity".
std::optional<double> ParseHiveDouble(std::string_view text);

/// Booleans: "true" or "false" in any case; with extended literals also
/// "t", "f" (any case), "1" and "0".
std::optional<bool> ParseHiveBoolean(std::string_view text, bool extended_literals);

/// Dates "yyyy-MM-dd" (month and day may have one digit), as days since
/// 1970-01-01; impossible dates (2023-02-30) are nullopt.
std::optional<int32_t> ParseHiveDate(std::string_view text);

/// Timestamps in Hive's form "yyyy-MM-dd HH:mm:ss[.fffffffff]" (also just
/// "yyyy-MM-dd" or "yyyy-MM-dd HH:mm"; one-digit fields allowed), as
/// milliseconds since the epoch, the fraction rounded half up to
/// milliseconds. Fewer than 8 bytes is nullopt (Hive's minimum).
std::optional<int64_t> ParseHiveTimestamp(std::string_view text);

}  // namespace stratus::formats::text
