#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace stratus::connectors::mysql {

/// One MySQL token, enough to find clauses: words, quoted strings and
/// single punctuation characters. Whitespace and comments are skipped.
struct SqlToken {
  enum class Kind { kWord, kString, kQuotedIdentifier, kPunctuation };
  Kind kind = Kind::kWord;
  /// A word or punctuation as written; a string's decoded value.
  std::string text = {};
  size_t begin = 0;  // Byte offsets in the query.
  size_t end = 0;

  /// Whether this is the keyword `word` (REQUIRES: `word` upper case).
  bool Is(std::string_view word) const;
};

/// Tokenises `query`. An unterminated string or comment ends the token list
/// (the server reports the syntax error for such a statement).
std::vector<SqlToken> TokenizeSql(std::string_view query);

}  // namespace stratus::connectors::mysql
