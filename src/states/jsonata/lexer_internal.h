#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::states::jsonata {

enum class TokenType : uint8_t {
  kEnd,
  kOperator,  // `text` holds the operator: "+", "..", ":=", "and", ...
  kName,      // a field name (plain or `back-quoted`)
  kVariable,  // $name: `text` holds the name without '$'
  kString,    // `text` holds the decoded string
  kNumber,    // `literal` holds the number
  kValue,     // true, false, null: `literal`
  kRegex,     // `text` holds the pattern, `flags` the flags
};

struct Token {  // NOLINT(bugprone-exception-escape): only allocation throws.
  TokenType type = TokenType::kEnd;
  std::string text = {};
  Json literal = nullptr;
  std::string flags = {};
  size_t position = 0;
};

/// Splits a JSONata expression into tokens, one at a time (the parser asks for
/// the next token and says whether a '/' there would be division or a regex).
///
/// Thread safety: none; one lexer per parse.
class Lexer {
 public:
  explicit Lexer(std::string_view source) : source_(source) {}

  /// Returns the next token. `infix` is true when an operand precedes it, so
  /// a '/' is the division operator rather than the start of a regex.
  /// Errors are S01xx/S03xx syntax errors.
  Result<Token> Next(bool infix);

 private:
  Result<Token> ScanString(char quote);
  Result<Token> ScanRegex();
  Token Make(TokenType type, std::string text) const;

  std::string_view source_;
  size_t position_ = 0;
  size_t token_start_ = 0;
};

/// Returns true if `c` ends a name token (an operator character or whitespace).
bool IsNameTerminator(char c);

}  // namespace stratus::states::jsonata
