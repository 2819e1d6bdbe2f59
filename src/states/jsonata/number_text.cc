#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "states/jsonata/number_text_internal.h"

namespace stratus::states::jsonata {

std::string FormatJsNumber(double number) {
  if (std::isnan(number)) {
    return "NaN";
  }
  if (std::isinf(number)) {
    return number > 0 ? "Infinity" : "-Infinity";
  }
  if (number == 0) {
    return "0";
  }
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof(buffer), number, std::chars_format::scientific);
  if (ec != std::errc()) {
    return "NaN";
  }
  std::string_view text(buffer, static_cast<size_t>(end - buffer));
  std::string result;
  if (text.front() == '-') {
    result.push_back('-');
    text.remove_prefix(1);
  }
  const size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') {
      digits.push_back(c);
    }
  }
  const int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // the decimal point sits after n digits
  if (k <= n && n <= 21) {
    result += digits;
    result.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    result += digits.substr(0, static_cast<size_t>(n));
    result.push_back('.');
    result += digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    result += "0.";
    result.append(static_cast<size_t>(-n), '0');
    result += digits;
  } else {
    result.push_back(digits[0]);
    if (k > 1) {
      result.push_back('.');
      result += digits.substr(1);
    }
    result.push_back('e');
    result.push_back(n - 1 >= 0 ? '+' : '-');
    result += std::to_string(std::abs(n - 1));
  }
  return result;
}

double RoundToPrecision15(double number) {
  if (!std::isfinite(number) || number == 0) {
    return number;
  }
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.14e", number);
  return std::strtod(buffer, nullptr);
}

bool IsInt64(double number) {
  // 2^63 is exactly representable; values below it in magnitude fit.
  constexpr double kLimit = 9223372036854775808.0;
  return std::isfinite(number) && std::trunc(number) == number && number > -kLimit &&
         number < kLimit;
}

}  // namespace stratus::states::jsonata
