#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace stratus::aws {

/// A REST operation's requestUri: a path with labels ("/{Bucket}/{Key+}";
/// `+` marks a greedy label that may span '/') and optional static query
/// parameters that select the operation ("?list-type=2", "?tagging").
///
/// Thread safety: immutable after Parse(); safe to share.
class UriTemplate {
 public:
  /// Parses a botocore requestUri. Unbalanced braces are InvalidArgument.
  static Result<UriTemplate> Parse(std::string_view request_uri);

  /// Matches a percent-encoded request path; on success fills `labels` with
  /// percent-decoded values. A trailing '/' on the path is tolerated.
  bool MatchPath(std::string_view path,
                 std::map<std::string, std::string, std::less<>>* labels) const;

  /// Returns true when every static query parameter is present in the
  /// decoded query (with its value, when the template gives one).
  bool MatchQuery(const std::vector<std::pair<std::string, std::string>>& query) const;

  /// Returns the path with labels filled in and percent-encoded (greedy
  /// labels keep their '/').
  std::string FillPath(const std::map<std::string, std::string, std::less<>>& labels) const;

  /// Orders candidates when several templates match: more static query
  /// parameters, then more literal characters, then fewer greedy labels.
  int Specificity() const;

  /// The static query parameters (name, value; value empty for "?tagging").
  const std::vector<std::pair<std::string, std::string>>& static_query() const {
    return static_query_;
  }

 private:
  struct Token {
    bool label = false;
    bool greedy = false;
    std::string text = {};  // Literal text or label name.
  };

  bool MatchFrom(size_t token,
                 std::string_view rest,
                 std::map<std::string, std::string, std::less<>>* labels) const;

  std::vector<Token> tokens_;
  std::vector<std::pair<std::string, std::string>> static_query_;
};

}  // namespace stratus::aws
