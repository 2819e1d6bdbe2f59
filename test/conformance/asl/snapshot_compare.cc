#include "snapshot_compare.h"

#include <array>
#include <cmath>
#include <vector>

#include "base/format.h"

namespace stratus::conformance::asl {
namespace {

constexpr std::array<std::string_view, 8> kWholeValuePlaceholders = {
    "timestamp",    "datetime",     "date",         "start-time",
    "entered-time", "snf_role_arn", "sfn_role_arn", "map_run_arn"};

std::string Short(const Json& value) {
  std::string text = DumpJson(value);
  if (text.size() > 160) {
    text = text.substr(0, 157) + "...";
  }
  return text;
}

// Splits `pattern` into literal pieces around "<...>" placeholders.
std::vector<std::string_view> Pieces(std::string_view pattern, bool* has_placeholder) {
  std::vector<std::string_view> pieces;
  size_t start = 0;
  size_t i = 0;
  *has_placeholder = false;
  while (i < pattern.size()) {
    if (pattern[i] == '<') {
      size_t close = pattern.find('>', i + 1);
      size_t reopen = pattern.find('<', i + 1);
      if (close != std::string_view::npos && (reopen == std::string_view::npos || close < reopen) &&
          close > i + 1) {
        pieces.push_back(pattern.substr(start, i - start));
        *has_placeholder = true;
        i = close + 1;
        start = i;
        continue;
      }
    }
    ++i;
  }
  pieces.push_back(pattern.substr(start));
  return pieces;
}

// Glob match: pieces[0] * pieces[1] * ... * pieces[n-1].
bool GlobMatch(const std::vector<std::string_view>& pieces, std::string_view text) {
  if (pieces.size() == 1) {
    return pieces[0] == text;
  }
  if (text.substr(0, pieces.front().size()) != pieces.front()) {
    return false;
  }
  size_t at = pieces.front().size();
  const std::string_view last = pieces.back();
  if (text.size() < at + last.size() || text.substr(text.size() - last.size()) != last) {
    return false;
  }
  const size_t end = text.size() - last.size();
  for (size_t p = 1; p + 1 < pieces.size(); ++p) {
    size_t found = text.substr(0, end).find(pieces[p], at);
    if (found == std::string_view::npos) {
      return false;
    }
    at = found + pieces[p].size();
  }
  return at <= end;
}

bool LooksLikeJsonText(std::string_view text) {
  if (text.empty()) {
    return false;
  }
  const char c = text.front();
  return c == '[' || c == '{' || c == '"' || c == '-' || (c >= '0' && c <= '9') || text == "true" ||
         text == "false" || text == "null";
}

bool NumbersEqual(const Json& a, const Json& b) {
  if ((a.is_number_integer() || a.is_number_unsigned()) &&
      (b.is_number_integer() || b.is_number_unsigned())) {
    return a.get<int64_t>() == b.get<int64_t>();
  }
  const double x = a.get<double>();
  const double y = b.get<double>();
  return x == y || std::fabs(x - y) <= 1e-9 * std::max(std::fabs(x), std::fabs(y));
}

std::string KindName(const Json& value) {
  if (value.is_number()) {
    return "number";
  }
  return value.type_name();
}

}  // namespace

bool PlaceholderMatch(std::string_view expected, std::string_view actual) {
  if (expected == actual) {
    return true;
  }
  for (std::string_view word : kWholeValuePlaceholders) {
    if (expected == word) {
      return true;
    }
  }
  bool has_placeholder = false;
  std::vector<std::string_view> pieces = Pieces(expected, &has_placeholder);
  return has_placeholder && GlobMatch(pieces, actual);
}

std::string FirstDifference(const Json& expected,
                            const Json& actual,
                            const CompareOptions& options,
                            const std::string& path) {
  if (expected.is_string() && actual.is_string()) {
    const auto& e = expected.get_ref<const std::string&>();
    const auto& a = actual.get_ref<const std::string&>();
    if (options.shape_only || PlaceholderMatch(e, a)) {
      return {};
    }
    if (LooksLikeJsonText(e) && LooksLikeJsonText(a)) {
      Result<Json> ej = ParseJson(e);
      Result<Json> aj = ParseJson(a);
      if (ej.ok() && aj.ok() && FirstDifference(*ej, *aj, options, path).empty()) {
        return {};
      }
    }
    return Format("{}: expected {}, got {}", path, Short(expected), Short(actual));
  }
  if (expected.is_string() && !actual.is_string()) {
    const auto& e = expected.get_ref<const std::string&>();
    if (e == "timestamp" || e == "datetime" || e == "date") {
      return {};
    }
  }
  if (expected.is_number() && actual.is_number()) {
    if (options.shape_only || NumbersEqual(expected, actual)) {
      return {};
    }
    return Format("{}: expected {}, got {}", path, Short(expected), Short(actual));
  }
  if (options.shape_only && !expected.is_structured() && !actual.is_structured()) {
    return {};
  }
  if (KindName(expected) != KindName(actual)) {
    return Format("{}: expected {}, got {}", path, Short(expected), Short(actual));
  }
  if (expected.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key)) {
        return Format("{}: missing member '{}' (expected {})", path, key, Short(value));
      }
    }
    for (const auto& [key, value] : actual.items()) {
      if (!expected.contains(key)) {
        return Format("{}: unexpected member '{}' = {}", path, key, Short(value));
      }
    }
    for (const auto& [key, value] : expected.items()) {
      std::string diff =
          FirstDifference(value, actual.at(key), options, Format("{}.{}", path, key));
      if (!diff.empty()) {
        return diff;
      }
    }
    return {};
  }
  if (expected.is_array()) {
    const size_t n = std::min(expected.size(), actual.size());
    for (size_t i = 0; i < n; ++i) {
      std::string diff =
          FirstDifference(expected[i], actual[i], options, Format("{}[{}]", path, i));
      if (!diff.empty()) {
        return diff;
      }
    }
    if (expected.size() != actual.size()) {
      return Format("{}: expected {} elements, got {}{}", path, expected.size(), actual.size(),
                    actual.size() > n ? " (extra " + Short(actual[n]) + ")"
                                      : " (missing " + Short(expected[n]) + ")");
    }
    return {};
  }
  if (options.shape_only || expected == actual) {
    return {};
  }
  return Format("{}: expected {}, got {}", path, Short(expected), Short(actual));
}

}  // namespace stratus::conformance::asl
