#pragma once

// Parsing one field of a Hive text table into a value, as Athena (Trino's
// Hive text readers, which follow Hive's LazySimpleSerDe) does. Every
// function returns nullopt for text that is not a value of the type; the
// reader turns that into NULL (docs/sql/text_tables.md has the rules and
// their sources).

#include <cstddef>
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

/// The common shape of integers in CSV, an optional '-' and at most 18
/// digits, parsed inline (the column decoder tries it before
/// ParseHiveInteger, which gives the same value for these). False for
/// anything else.
inline bool ParsePlainInteger(std::string_view text, int64_t* out) {
  const bool negative = !text.empty() && text[0] == '-';
  const size_t first = negative ? 1 : 0;
  if (text.size() == first || text.size() - first > 18) {
    return false;
  }
  uint64_t value = 0;
  for (size_t i = first; i < text.size(); ++i) {
    const auto digit = static_cast<unsigned>(text[i] - '0');
    if (digit > 9) {
      return false;
    }
    value = value * 10 + digit;
  }
  *out = negative ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
  return true;
}

/// The common shape of decimals in CSV, "123.45": at most 15 digits, at most
/// one '.', no sign, no exponent. The digits as an integer and the power of
/// ten are exact doubles and IEEE division rounds correctly, so the result is
/// the double a full parse gives. False for anything else.
inline bool ParsePlainDecimal(std::string_view text, double* out) {
  static constexpr double kExactPowersOfTen[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  uint64_t mantissa = 0;
  int digits = 0;
  int fraction_digits = -1;  // -1 until the '.'
  for (const char c : text) {
    const auto digit = static_cast<unsigned>(c - '0');
    if (digit <= 9) {
      mantissa = mantissa * 10 + digit;
      if (++digits > 15) {
        return false;
      }
      fraction_digits += fraction_digits >= 0 ? 1 : 0;
    } else if (c == '.' && fraction_digits < 0) {
      fraction_digits = 0;
    } else {
      return false;
    }
  }
  if (digits == 0) {
    return false;
  }
  const auto value = static_cast<double>(mantissa);
  *out = fraction_digits > 0 ? value / kExactPowersOfTen[fraction_digits] : value;
  return true;
}

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
