#include "formats/text/text_value_parser.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "sql/types/calendar.h"

namespace stratus::formats::text {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool IsJavaBlank(char c) {
  return static_cast<unsigned char>(c) <= ' ';
}

// Reads 1..max_digits digits at text[*i]; false when there are none.
bool ReadNumber(std::string_view text, size_t* i, int max_digits, int* out) {
  int value = 0;
  int digits = 0;
  while (*i < text.size() && IsDigit(text[*i]) && digits < max_digits) {
    value = value * 10 + (text[*i] - '0');
    ++*i;
    ++digits;
  }
  *out = value;
  return digits > 0;
}

bool EqualsIgnoreCase(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) {
    return false;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
    if (c != lower[i]) {
      return false;
    }
  }
  return true;
}

// Parses "yyyy-M-d" at the start of `text`; *i ends after the day.
bool ParseDatePart(std::string_view text, size_t* i, int64_t* days) {
  int year = 0;
  int month = 0;
  int day = 0;
  const size_t start = *i;
  if (!ReadNumber(text, i, 4, &year) || *i - start != 4 || *i >= text.size() || text[*i] != '-') {
    return false;
  }
  ++*i;
  if (!ReadNumber(text, i, 2, &month) || *i >= text.size() || text[*i] != '-') {
    return false;
  }
  ++*i;
  if (!ReadNumber(text, i, 2, &day) || !sql::IsValidCivilDate(year, month, day)) {
    return false;
  }
  *days = sql::DaysFromCivil(sql::CivilDate{.year = year, .month = month, .day = day});
  return true;
}

}  // namespace

std::optional<int64_t> ParseHiveInteger(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    negative = text[i] == '-';
    ++i;
  }
  if (i == text.size()) {
    return std::nullopt;
  }
  uint64_t magnitude = 0;
  int digits = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (!IsDigit(c)) {
      break;
    }
    if (digits > 0 || c != '0') {
      if (++digits > 19) {
        return std::nullopt;
      }
    }
    magnitude = magnitude * 10 + static_cast<uint64_t>(c - '0');
  }
  if (i < text.size()) {
    if (text[i] != '.') {
      return std::nullopt;
    }
    for (++i; i < text.size(); ++i) {
      if (!IsDigit(text[i])) {
        return std::nullopt;
      }
    }
  }
  const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  if (magnitude > limit) {
    return std::nullopt;
  }
  return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

std::optional<double> ParseHiveDouble(std::string_view text) {
  while (!text.empty() && IsJavaBlank(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && IsJavaBlank(text.back())) {
    text.remove_suffix(1);
  }
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text == "NaN") {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (text == "Infinity") {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (!text.empty() &&
      (text.back() == 'd' || text.back() == 'D' || text.back() == 'f' || text.back() == 'F')) {
    text.remove_suffix(1);
  }
  // from_chars also takes "inf" and "nan", which Java does not.
  if (text.empty() || !(IsDigit(text[0]) || text[0] == '.')) {
    return std::nullopt;
  }
  if (double plain = 0; ParsePlainDecimal(text, &plain)) {
    return negative ? -plain : plain;
  }
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (end != text.data() + text.size() ||
      (error != std::errc() && error != std::errc::result_out_of_range)) {
    return std::nullopt;
  }
  if (error == std::errc::result_out_of_range) {
    // Java rounds overflow to infinity and underflow to zero.
    const bool huge = text.find_first_of("eE") != std::string_view::npos &&
                      text[text.find_first_of("eE") + 1] != '-';
    value = huge ? std::numeric_limits<double>::infinity() : 0.0;
  }
  return negative ? -value : value;
}

std::optional<bool> ParseHiveBoolean(std::string_view text, bool extended_literals) {
  if (EqualsIgnoreCase(text, "true")) {
    return true;
  }
  if (EqualsIgnoreCase(text, "false")) {
    return false;
  }
  if (extended_literals && text.size() == 1) {
    const char c = text[0];
    if (c == 't' || c == 'T' || c == '1') {
      return true;
    }
    if (c == 'f' || c == 'F' || c == '0') {
      return false;
    }
  }
  return std::nullopt;
}

std::optional<int32_t> ParseHiveDate(std::string_view text) {
  size_t i = 0;
  int64_t days = 0;
  if (!ParseDatePart(text, &i, &days) || i != text.size()) {
    return std::nullopt;
  }
  return static_cast<int32_t>(days);
}

std::optional<int64_t> ParseHiveTimestamp(std::string_view text) {
  if (text.size() < 8) {
    return std::nullopt;
  }
  size_t i = 0;
  int64_t days = 0;
  if (!ParseDatePart(text, &i, &days)) {
    return std::nullopt;
  }
  int64_t millis = days * sql::kMillisPerDay;
  if (i == text.size()) {
    return millis;
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (text[i] != ' ') {
    return std::nullopt;
  }
  ++i;
  if (!ReadNumber(text, &i, 2, &hour) || hour > 23 || i >= text.size() || text[i] != ':') {
    return std::nullopt;
  }
  ++i;
  if (!ReadNumber(text, &i, 2, &minute) || minute > 59) {
    return std::nullopt;
  }
  if (i < text.size() && text[i] == ':') {
    ++i;
    if (!ReadNumber(text, &i, 2, &second) || second > 59) {
      return std::nullopt;
    }
  }
  millis += ((hour * 60LL + minute) * 60 + second) * 1000;
  if (i < text.size() && text[i] == '.') {
    ++i;
    int64_t nanos = 0;
    int digits = 0;
    while (i < text.size() && IsDigit(text[i]) && digits < 9) {
      nanos = nanos * 10 + (text[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0) {
      return std::nullopt;
    }
    for (; digits < 9; ++digits) {
      nanos *= 10;
    }
    millis += (nanos + 500000) / 1000000;
  }
  if (i != text.size()) {
    return std::nullopt;
  }
  return millis;
}

}  // namespace stratus::formats::text
