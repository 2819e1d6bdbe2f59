#include "sql/types/decimal.h"

#include <algorithm>

namespace stratus::sql {
namespace {

constexpr int kMaxDigits = 38;

}  // namespace

Int128 PowerOfTen(int exponent) {
  Int128 value = 1;
  for (int i = 0; i < exponent; ++i) {
    value *= 10;
  }
  return value;
}

std::string Int128ToString(Int128 value) {
  if (value == 0) {
    return "0";
  }
  const bool negative = value < 0;
  UInt128 magnitude =
      negative ? UInt128(0) - static_cast<UInt128>(value) : static_cast<UInt128>(value);
  std::string digits;
  while (magnitude != 0) {
    digits += static_cast<char>('0' + static_cast<int>(magnitude % 10));
    magnitude /= 10;
  }
  if (negative) {
    digits += '-';
  }
  std::reverse(digits.begin(), digits.end());
  return digits;
}

std::string DecimalToString(Int128 unscaled, int scale) {
  std::string digits = Int128ToString(unscaled);
  if (scale <= 0) {
    return digits;
  }
  const bool negative = unscaled < 0;
  std::string magnitude = negative ? digits.substr(1) : digits;
  if (magnitude.size() <= static_cast<size_t>(scale)) {
    magnitude.insert(0, static_cast<size_t>(scale) + 1 - magnitude.size(), '0');
  }
  magnitude.insert(magnitude.size() - static_cast<size_t>(scale), 1, '.');
  return negative ? "-" + magnitude : magnitude;
}

std::optional<Int128> ParseDecimal(std::string_view text, int precision, int scale) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    negative = text[i] == '-';
    ++i;
  }
  // Collect significant digits and where the point falls.
  std::string digits;
  int fraction_digits = 0;
  bool seen_point = false;
  bool any_digit = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (digits.empty() && c == '0') {
        if (seen_point) {
          ++fraction_digits;
        }
        continue;
      }
      if (digits.size() > 80) {
        return std::nullopt;
      }
      digits += c;
      if (seen_point) {
        ++fraction_digits;
      }
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) {
    return std::nullopt;
  }
  int exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
      exponent_negative = text[i] == '-';
      ++i;
    }
    if (i == text.size()) {
      return std::nullopt;
    }
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9' || exponent > 1000) {
        return std::nullopt;
      }
      exponent = exponent * 10 + (text[i] - '0');
    }
    exponent = exponent_negative ? -exponent : exponent;
  }
  if (i != text.size()) {
    return std::nullopt;
  }
  // value = digits * 10^(exponent - fraction_digits); rescale to `scale`.
  const int shift = scale + exponent - fraction_digits;
  bool round_up = false;
  if (shift < 0) {
    const size_t drop = static_cast<size_t>(-shift);
    if (drop >= digits.size()) {
      round_up = drop == digits.size() && !digits.empty() && digits[0] >= '5';
      digits.clear();
    } else {
      round_up = digits[digits.size() - drop] >= '5';
      digits.resize(digits.size() - drop);
    }
  } else {
    if (!digits.empty()) {
      if (digits.size() + static_cast<size_t>(shift) > kMaxDigits + 1) {
        return std::nullopt;
      }
      digits.append(static_cast<size_t>(shift), '0');
    }
  }
  if (digits.size() > kMaxDigits) {
    return std::nullopt;
  }
  Int128 value = 0;
  for (const char c : digits) {
    value = value * 10 + (c - '0');
  }
  if (round_up) {
    ++value;
  }
  if (value >= PowerOfTen(precision)) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

}  // namespace stratus::sql
