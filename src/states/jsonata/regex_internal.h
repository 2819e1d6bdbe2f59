#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::states::jsonata {

/// One match of a regular expression in a string. Offsets are in bytes.
struct RegexMatch {
  size_t start = 0;
  size_t end = 0;
  std::string text = {};
  std::vector<std::optional<std::string>> groups = {};  // capture groups 1..n
};

/// A JSONata regular expression literal (/pattern/flags, flags i and m),
/// compiled with std::regex in ECMAScript mode.
///
/// Thread safety: immutable; Find() may run concurrently.
class CompiledRegex {
 public:
  /// The longest subject a regex may scan (error D1099 beyond it): the
  /// std::regex engine recurses per character and would exhaust the stack.
  static constexpr size_t kMaxSubjectBytes = 4096;

  /// Compiles; an invalid pattern is an S0302-style syntax error.
  static Result<CompiledRegex> Compile(std::string pattern, std::string flags);

  /// Finds the first match at or after byte `from`. Runtime failures of the
  /// regex engine (too complex) are errors.
  Result<std::optional<RegexMatch>> Find(std::string_view text, size_t from) const;

  /// Finds every match, left to right; a pattern that matches the empty
  /// string is error D1004.
  Result<std::vector<RegexMatch>> FindAll(std::string_view text, size_t limit) const;

  const std::string& pattern() const { return pattern_; }

 private:
  struct Engine;  // wraps std::regex; only regex.cc includes <regex>

  std::string pattern_;
  std::string flags_;
  std::shared_ptr<const Engine> engine_;
};

}  // namespace stratus::states::jsonata
