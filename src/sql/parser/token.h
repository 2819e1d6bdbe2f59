#pragma once

#include <cstdint>
#include <string_view>

#include "sql/parser/source_position.h"

namespace stratus::sql::parser {

enum class TokenKind : uint8_t {
  kWord,                  // a keyword or an unquoted identifier
  kQuotedIdentifier,      // "name"
  kBackquotedIdentifier,  // `name` (Hive DDL)
  kString,                // 'text'
  kUnicodeString,         // U&'text'
  kBinaryString,          // X'0AFF'
  kInteger,
  kDecimal,
  kDouble,
  kLeftParen,
  kRightParen,
  kLeftBracket,
  kRightBracket,
  kComma,
  kDot,
  kSemicolon,
  kColon,
  kDoubleColon,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kConcat,
  kEqual,
  kNotEqual,
  kLess,
  kLessOrEqual,
  kGreater,
  kGreaterOrEqual,
  kArrow,        // ->
  kDoubleArrow,  // =>
  kQuestion,
  kEnd,  // end of input
};

/// One lexical token. `text` points into the SQL being parsed and is the
/// token exactly as written (quotes included), so the SQL must outlive it.
struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text = {};
  SourcePosition position = {};
  uint32_t offset = 0;    // Byte offset of text in the SQL.
  bool reserved = false;  // A kWord that is one of Trino's reserved words.
};

}  // namespace stratus::sql::parser
