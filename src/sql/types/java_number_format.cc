#include "sql/types/java_number_format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace stratus::sql {
namespace {

// Lays out the shortest scientific form from std::to_chars ("1.2345e+07")
// the way Java does; `magnitude` is |value|.
std::string JavaLayout(std::string_view scientific, double magnitude) {
  bool negative = false;
  if (!scientific.empty() && scientific[0] == '-') {
    negative = true;
    scientific.remove_prefix(1);
  }
  const size_t e = scientific.find('e');
  std::string digits;
  for (const char c : scientific.substr(0, e)) {
    if (c != '.') {
      digits += c;
    }
  }
  const int exponent = std::atoi(std::string(scientific.substr(e + 1)).c_str());
  std::string out = negative ? "-" : "";
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const auto integer_digits = static_cast<size_t>(exponent) + 1;
      if (digits.size() <= integer_digits) {
        out += digits;
        out.append(integer_digits - digits.size(), '0');
        out += ".0";
      } else {
        out += digits.substr(0, integer_digits);
        out += '.';
        out += digits.substr(integer_digits);
      }
    } else {
      out += "0.";
      out.append(static_cast<size_t>(-exponent - 1), '0');
      out += digits;
    }
    return out;
  }
  out += digits[0];
  out += '.';
  out += digits.size() > 1 ? digits.substr(1) : "0";
  out += 'E';
  out += std::to_string(exponent);
  return out;
}

template <typename T>
std::string FormatJava(T value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "Infinity" : "-Infinity";
  }
  if (value == 0) {
    return std::signbit(value) ? "-0.0" : "0.0";
  }
  char buffer[64];
  const auto [end, error] =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  (void)error;  // 64 bytes always suffice for a shortest scientific form.
  return JavaLayout(std::string_view(buffer, static_cast<size_t>(end - buffer)),
                    std::fabs(static_cast<double>(value)));
}

}  // namespace

std::string FormatDoubleJava(double value) {
  return FormatJava(value);
}

std::string FormatRealJava(float value) {
  return FormatJava(value);
}

}  // namespace stratus::sql
