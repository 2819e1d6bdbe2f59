#pragma once

// Integer pictures of the XPath F&O 3.1 formatting rules as JSONata applies
// them: $formatInteger, $parseInteger and the integer parts of date/time
// pictures. Supports decimal digit patterns (with grouping separators and
// ordinals), letters (a, A), roman numerals (i, I) and words (w, W, Ww).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::states::jsonata {

struct IntegerFormat {
  enum class Primary : uint8_t { kDecimal, kLetters, kRoman, kWords, kSequence };
  enum class Case : uint8_t { kLower, kUpper, kTitle };

  struct Separator {
    int position = 0;
    std::string character = {};
  };

  Primary primary = Primary::kDecimal;
  Case letter_case = Case::kLower;
  bool ordinal = false;
  char32_t zero_code = U'0';
  int mandatory_digits = 0;
  int optional_digits = 0;
  bool regular = false;  // separators holds one entry whose position is the interval
  std::vector<Separator> separators = {};
  std::string token = {};  // the picture, for kSequence errors
  int parse_width = 0;     // fixed digit count when parsing adjacent integers
};

/// Analyses an integer picture such as "#,##0", "001", "w", "I" or "1;o".
Result<IntegerFormat> AnalyseIntegerPicture(std::string_view picture);

/// Formats `value` (truncated toward negative infinity) with `format`.
Result<std::string> FormatIntegerWith(double value, const IntegerFormat& format);

/// Parses `text` written in `format`; nullopt if it does not match.
Result<std::optional<double>> ParseIntegerWith(std::string_view text, const IntegerFormat& format);

/// A regular expression (ECMAScript) matching integers written in `format`.
Result<std::string> IntegerRegex(const IntegerFormat& format);

}  // namespace stratus::states::jsonata
