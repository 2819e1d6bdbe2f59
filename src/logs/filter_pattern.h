#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::logs {

/// A CloudWatch Logs filter pattern (FilterLogEvents' filterPattern), parsed
/// once and matched against each event's message.
///
/// Supported forms, as AWS documents them:
///   - ""                       every event;
///   - `ERROR timeout`          every term appears (terms are case-sensitive;
///                              "quoted phrases" match as one term);
///   - `?ERROR ?WARN`           at least one of the ?-terms appears;
///   - `ERROR -retrying`        a -term must not appear;
///   - `{ $.level = "ERROR" }`  JSON messages: comparisons of a $.path with a
///                              string (`=`, `!=`, `*` wildcards) or number
///                              (`=`, `!=`, `<`, `<=`, `>`, `>=`), joined by
///                              `&&` or `||` (no parentheses), and
///                              `{ $.key EXISTS }` / `NOT EXISTS`.
/// Space-delimited `[a, b]` patterns and `%regex%` are rejected with
/// InvalidParameterException for now. TODO(#11): the remaining forms.
///
/// Thread safety: immutable after Parse(); Matches() is safe from any thread.
class FilterPattern {
 public:
  /// Parses `text`; a malformed pattern is InvalidParameterException.
  static Result<FilterPattern> Parse(std::string_view text);

  /// Returns whether `message` matches.
  bool Matches(std::string_view message) const;

  struct Comparison {
    std::vector<std::string> path = {};  // "$.a.b" → {"a", "b"}.
    std::string op = {};                 // "=", "!=", "<", "<=", ">", ">=", "EXISTS", "NOT EXISTS".
    std::string text = {};               // The right side as written (unquoted).
    bool is_number = false;
    double number = 0;
  };

 private:
  bool MatchesTerms(std::string_view message) const;
  bool MatchesJson(std::string_view message) const;

  std::vector<std::string> required_ = {};
  std::vector<std::string> any_of_ = {};
  std::vector<std::string> excluded_ = {};
  bool json_ = false;
  bool json_or_ = false;  // Comparisons joined by || rather than &&.
  std::vector<Comparison> comparisons_ = {};
};

}  // namespace stratus::logs
