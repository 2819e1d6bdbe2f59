#include "sql/parser/lexer.h"

#include <string>
#include <string_view>
#include <vector>

#include "base/format.h"
#include "sql/parser/keywords.h"
#include "sql/parser/syntax_error.h"

namespace stratus::sql::parser {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool IsLetter(char c) {
  // Bytes of UTF-8 sequences count as letters, as Trino's LETTER admits
  // non-ASCII letters in identifiers.
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}

bool IsWordChar(char c) {
  return IsLetter(c) || IsDigit(c) || c == '_';
}

// Walks the input keeping line and column current. Columns count characters:
// UTF-8 continuation bytes do not advance them.
class Lexer {
 public:
  explicit Lexer(std::string_view sql) : sql_(sql) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    tokens.reserve(sql_.size() / 4 + 2);
    while (true) {
      STRATUS_RETURN_IF_ERROR(SkipSpaceAndComments());
      if (at_ >= sql_.size()) {
        break;
      }
      STRATUS_ASSIGN_OR_RETURN(Token token, Next());
      tokens.push_back(token);
    }
    tokens.push_back(Token{.kind = TokenKind::kEnd,
                           .text = {},
                           .position = position_,
                           .offset = static_cast<uint32_t>(sql_.size()),
                           .reserved = false});
    return tokens;
  }

 private:
  char Peek(size_t ahead = 0) const { return at_ + ahead < sql_.size() ? sql_[at_ + ahead] : '\0'; }

  void Advance() {
    const char c = sql_[at_++];
    if (c == '\n') {
      ++position_.line;
      position_.column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++position_.column;
    }
  }

  void Advance(size_t n) {
    for (size_t i = 0; i < n; ++i) {
      Advance();
    }
  }

  Status Unrecognized(SourcePosition position, size_t begin) const {
    std::string_view text = sql_.substr(begin);
    if (text.size() > 20) {
      text = text.substr(0, 20);
    }
    return SyntaxError(position, Format("token recognition error at: '{}'", text));
  }

  Status SkipSpaceAndComments() {
    while (at_ < sql_.size()) {
      const char c = Peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        Advance();
      } else if (c == '-' && Peek(1) == '-') {
        while (at_ < sql_.size() && Peek() != '\n') {
          Advance();
        }
      } else if (c == '/' && Peek(1) == '*') {
        const SourcePosition start = position_;
        const size_t begin = at_;
        Advance(2);
        while (at_ < sql_.size() && !(Peek() == '*' && Peek(1) == '/')) {
          Advance();
        }
        if (at_ >= sql_.size()) {
          return Unrecognized(start, begin);
        }
        Advance(2);
      } else {
        break;
      }
    }
    return Status::Ok();
  }

  Token Make(TokenKind kind, size_t begin, SourcePosition position) const {
    return Token{.kind = kind,
                 .text = sql_.substr(begin, at_ - begin),
                 .position = position,
                 .offset = static_cast<uint32_t>(begin),
                 .reserved = false};
  }

  // Reads up to the closing `quote`; a doubled quote stands for one.
  Status ReadQuoted(char quote, size_t begin, SourcePosition start) {
    Advance();  // The opening quote.
    while (true) {
      if (at_ >= sql_.size()) {
        return Unrecognized(start, begin);
      }
      if (Peek() == quote) {
        Advance();
        if (Peek() != quote) {
          return Status::Ok();
        }
      }
      Advance();
    }
  }

  Result<Token> ReadNumber(size_t begin, SourcePosition start) {
    TokenKind kind = TokenKind::kInteger;
    while (IsDigit(Peek())) {
      Advance();
    }
    if (Peek() == '.') {
      kind = TokenKind::kDecimal;
      Advance();
      while (IsDigit(Peek())) {
        Advance();
      }
    }
    const char e = Peek();
    if ((e == 'e' || e == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))))) {
      kind = TokenKind::kDouble;
      Advance(2);
      while (IsDigit(Peek())) {
        Advance();
      }
    }
    if (IsWordChar(Peek())) {
      while (IsWordChar(Peek())) {
        Advance();
      }
      return SyntaxError(start, Format("identifiers must not start with a digit; surround the "
                                       "identifier with double quotes: '{}'",
                                       sql_.substr(begin, at_ - begin)));
    }
    return Make(kind, begin, start);
  }

  Result<Token> Next() {
    const size_t begin = at_;
    const SourcePosition start = position_;
    const char c = Peek();
    if ((c == 'U' || c == 'u') && Peek(1) == '&' && Peek(2) == '\'') {
      Advance(2);
      STRATUS_RETURN_IF_ERROR(ReadQuoted('\'', begin, start));
      return Make(TokenKind::kUnicodeString, begin, start);
    }
    if ((c == 'X' || c == 'x') && Peek(1) == '\'') {
      Advance();
      STRATUS_RETURN_IF_ERROR(ReadQuoted('\'', begin, start));
      return Make(TokenKind::kBinaryString, begin, start);
    }
    if (IsLetter(c) || c == '_') {
      while (IsWordChar(Peek())) {
        Advance();
      }
      Token word = Make(TokenKind::kWord, begin, start);
      word.reserved = IsReservedWord(word.text);
      return word;
    }
    if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) {
      return ReadNumber(begin, start);
    }
    switch (c) {
      case '\'':
        STRATUS_RETURN_IF_ERROR(ReadQuoted('\'', begin, start));
        return Make(TokenKind::kString, begin, start);
      case '"':
        STRATUS_RETURN_IF_ERROR(ReadQuoted('"', begin, start));
        return Make(TokenKind::kQuotedIdentifier, begin, start);
      case '`':
        STRATUS_RETURN_IF_ERROR(ReadQuoted('`', begin, start));
        return Make(TokenKind::kBackquotedIdentifier, begin, start);
      default:
        break;
    }
    const TokenKind kind = ReadOperator(c);
    if (kind == TokenKind::kEnd) {
      return Unrecognized(start, begin);
    }
    return Make(kind, begin, start);
  }

  // Consumes an operator starting with `c`; returns kEnd (consuming nothing)
  // when there is none.
  TokenKind ReadOperator(char c) {
    const char next = Peek(1);
    auto two = [this](TokenKind kind) {
      Advance(2);
      return kind;
    };
    auto one = [this](TokenKind kind) {
      Advance();
      return kind;
    };
    switch (c) {
      case '(':
        return one(TokenKind::kLeftParen);
      case ')':
        return one(TokenKind::kRightParen);
      case '[':
        return one(TokenKind::kLeftBracket);
      case ']':
        return one(TokenKind::kRightBracket);
      case ',':
        return one(TokenKind::kComma);
      case '.':
        return one(TokenKind::kDot);
      case ';':
        return one(TokenKind::kSemicolon);
      case ':':
        return next == ':' ? two(TokenKind::kDoubleColon) : one(TokenKind::kColon);
      case '+':
        return one(TokenKind::kPlus);
      case '-':
        return next == '>' ? two(TokenKind::kArrow) : one(TokenKind::kMinus);
      case '*':
        return one(TokenKind::kStar);
      case '/':
        return one(TokenKind::kSlash);
      case '%':
        return one(TokenKind::kPercent);
      case '?':
        return one(TokenKind::kQuestion);
      case '|':
        return next == '|' ? two(TokenKind::kConcat) : TokenKind::kEnd;
      case '!':
        return next == '=' ? two(TokenKind::kNotEqual) : TokenKind::kEnd;
      case '=':
        return next == '>' ? two(TokenKind::kDoubleArrow) : one(TokenKind::kEqual);
      case '<':
        if (next == '=') {
          return two(TokenKind::kLessOrEqual);
        }
        return next == '>' ? two(TokenKind::kNotEqual) : one(TokenKind::kLess);
      case '>':
        return next == '=' ? two(TokenKind::kGreaterOrEqual) : one(TokenKind::kGreater);
      default:
        return TokenKind::kEnd;
    }
  }

  std::string_view sql_;
  size_t at_ = 0;
  SourcePosition position_ = {};
};

}  // namespace

Result<std::vector<Token>> Tokenize(std::string_view sql) {
  return Lexer(sql).Run();
}

}  // namespace stratus::sql::parser
