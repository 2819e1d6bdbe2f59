#include "sql/parser/parser.h"

#include <cctype>
#include <charconv>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/format.h"
#include "sql/parser/keywords.h"
#include "sql/parser/lexer.h"
#include "sql/parser/parser_internal.h"
#include "sql/parser/syntax_error.h"

namespace stratus::sql::parser {
namespace internal {
namespace {

// Non-reserved words that start a clause after a select item or relation, so
// never taken as an implicit alias ("FROM t LIMIT 1" does not alias t as limit).
bool IsClauseWord(std::string_view word) {
  for (std::string_view clause : {"LIMIT", "OFFSET", "FETCH", "WINDOW", "TABLESAMPLE"}) {
    if (EqualsIgnoreCase(word, clause)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    c = AsciiLowerChar(c);
  }
  return lower;
}

std::string AsciiUpper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return upper;
}

std::string Unquote(std::string_view quoted) {
  const char quote = quoted.back();
  const std::string_view inner = quoted.substr(1, quoted.size() - 2);
  std::string out;
  out.reserve(inner.size());
  for (size_t i = 0; i < inner.size(); ++i) {
    out.push_back(inner[i]);
    if (inner[i] == quote) {
      ++i;  // Skips the second quote of a doubled pair.
    }
  }
  return out;
}

Parser::Parser(std::string_view sql, std::vector<Token> tokens, const ParseOptions& options)
    : sql_(sql), tokens_(std::move(tokens)), max_depth_(options.max_depth) {
  const auto size = static_cast<uint32_t>(tokens_.size());
  matching_parenthesis_.assign(size, size);
  after_parentheses_.assign(size, size);
  std::vector<uint32_t> open;
  for (uint32_t i = 0; i < size; ++i) {
    if (tokens_[i].kind == TokenKind::kLeftParen) {
      open.push_back(i);
    } else if (tokens_[i].kind == TokenKind::kRightParen && !open.empty()) {
      matching_parenthesis_[open.back()] = i;
      open.pop_back();
    }
  }
  for (uint32_t i = size; i-- > 0;) {
    after_parentheses_[i] =
        tokens_[i].kind == TokenKind::kLeftParen && i + 1 < size ? after_parentheses_[i + 1] : i;
  }
}

const Token& Parser::PeekToken(size_t ahead) const {
  const size_t index = at_ + ahead;
  return index < tokens_.size() ? tokens_[index] : tokens_.back();
}

bool Parser::IsKeyword(std::string_view keyword, size_t ahead) const {
  // Compares lengths and first letters inline: most checks fail there.
  const Token& token = PeekToken(ahead);
  return token.kind == TokenKind::kWord && token.text.size() == keyword.size() &&
         AsciiLowerChar(token.text[0]) == AsciiLowerChar(keyword[0]) &&
         EqualsIgnoreCase(token.text, keyword);
}

bool Parser::IsAnyKeyword(std::initializer_list<std::string_view> keywords, size_t ahead) const {
  for (std::string_view keyword : keywords) {
    if (IsKeyword(keyword, ahead)) {
      return true;
    }
  }
  return false;
}

bool Parser::IsSequence(std::initializer_list<std::string_view> keywords) const {
  size_t ahead = 0;
  for (std::string_view keyword : keywords) {
    if (!IsKeyword(keyword, ahead++)) {
      return false;
    }
  }
  return true;
}

const Token& Parser::Advance() {
  const Token& token = tokens_[at_];
  if (token.kind != TokenKind::kEnd) {
    ++at_;
  }
  return token;
}

bool Parser::Accept(TokenKind kind) {
  if (!Is(kind)) {
    return false;
  }
  Advance();
  return true;
}

bool Parser::AcceptKeyword(std::string_view keyword) {
  if (!IsKeyword(keyword)) {
    return false;
  }
  Advance();
  return true;
}

bool Parser::AcceptSequence(std::initializer_list<std::string_view> keywords) {
  if (!IsSequence(keywords)) {
    return false;
  }
  at_ += keywords.size();
  return true;
}

Status Parser::Expect(TokenKind kind, std::string_view expecting) {
  if (!Accept(kind)) {
    return Mismatch(expecting);
  }
  return Status::Ok();
}

Status Parser::ExpectKeyword(std::string_view keyword) {
  if (!AcceptKeyword(keyword)) {
    return Mismatch(Format("'{}'", keyword));
  }
  return Status::Ok();
}

Status Parser::ExpectSequence(std::initializer_list<std::string_view> keywords) {
  for (std::string_view keyword : keywords) {
    STRATUS_RETURN_IF_ERROR(ExpectKeyword(keyword));
  }
  return Status::Ok();
}

Status Parser::Mismatch(std::string_view expecting) const {
  const Token& token = Current();
  const std::string_view text = token.kind == TokenKind::kEnd ? "<EOF>" : token.text;
  if (token.kind == TokenKind::kDoubleColon) {
    return SyntaxError(token.position,
                       Format("mismatched input '::'. Expecting: {} (the x::type cast is not "
                              "Trino SQL; use CAST(x AS type))",
                              expecting));
  }
  return SyntaxError(token.position,
                     Format("mismatched input '{}'. Expecting: {}", text, expecting));
}

Status Parser::Deeper() {
  if (++depth_ > max_depth_) {
    return SyntaxError(Current().position,
                       Format("statement is too deeply nested (more than {} levels)", max_depth_));
  }
  return Status::Ok();
}

uint32_t Parser::PreviousEnd() const {
  if (at_ == 0) {
    return 0;
  }
  const Token& previous = tokens_[at_ - 1];
  return previous.offset + static_cast<uint32_t>(previous.text.size());
}

bool Parser::IsIdentifierStart(size_t ahead) const {
  const Token& token = PeekToken(ahead);
  switch (token.kind) {
    case TokenKind::kWord:
      return !token.reserved;
    case TokenKind::kQuotedIdentifier:
    case TokenKind::kBackquotedIdentifier:
      return true;
    default:
      return false;
  }
}

bool Parser::IsImplicitAliasStart() const {
  return IsIdentifierStart() && !(Is(TokenKind::kWord) && IsClauseWord(Current().text));
}

Result<Identifier> Parser::ParseIdentifier() {
  if (!IsIdentifierStart()) {
    return Mismatch("<identifier>");
  }
  const Token& token = Advance();
  Identifier identifier{.position = token.position};
  if (token.kind == TokenKind::kWord) {
    identifier.original = std::string(token.text);
  } else {
    identifier.original = Unquote(token.text);
    identifier.quoted = true;
    if (identifier.original.empty()) {
      return SyntaxError(token.position, "Zero-length delimited identifier not allowed");
    }
  }
  identifier.name = AsciiLower(identifier.original);
  return identifier;
}

Result<std::vector<Identifier>> Parser::ParseIdentifierList() {
  std::vector<Identifier> identifiers;
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  do {
    STRATUS_ASSIGN_OR_RETURN(Identifier identifier, ParseIdentifier());
    identifiers.push_back(std::move(identifier));
  } while (Accept(TokenKind::kComma));
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
  return identifiers;
}

Result<QualifiedName> Parser::ParseQualifiedName() {
  QualifiedName name;
  do {
    STRATUS_ASSIGN_OR_RETURN(Identifier part, ParseIdentifier());
    name.parts.push_back(std::move(part));
  } while (Is(TokenKind::kDot) && IsIdentifierStart(1) && Accept(TokenKind::kDot));
  return name;
}

Result<std::string> Parser::ParseString() {
  if (Is(TokenKind::kUnicodeString)) {
    STRATUS_ASSIGN_OR_RETURN(ExpressionPtr literal, ParseUnicodeString());
    return literal->As<LiteralExpression>().value;
  }
  if (!Is(TokenKind::kString)) {
    return Mismatch("<string>");
  }
  return Unquote(Advance().text);
}

// Hive DDL also takes "double-quoted" text as a string (TBLPROPERTIES
// ("skip.header.line.count"="1") in AWS's examples).
Result<std::string> Parser::ParseHiveString() {
  if (Is(TokenKind::kQuotedIdentifier)) {
    return Unquote(Advance().text);
  }
  return ParseString();
}

Result<int64_t> Parser::ParseInteger() {
  if (!Is(TokenKind::kInteger)) {
    return Mismatch("<integer>");
  }
  const Token& token = Advance();
  int64_t value = 0;
  const auto [end, error] =
      std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
  if (error != std::errc() || end != token.text.data() + token.text.size()) {
    return SyntaxError(token.position, Format("Invalid numeric literal: {}", token.text));
  }
  return value;
}

Result<std::optional<Identifier>> Parser::ParseOptionalAlias() {
  if (AcceptKeyword("AS")) {
    STRATUS_ASSIGN_OR_RETURN(Identifier alias, ParseIdentifier());
    return std::optional<Identifier>(std::move(alias));
  }
  if (IsImplicitAliasStart()) {
    STRATUS_ASSIGN_OR_RETURN(Identifier alias, ParseIdentifier());
    return std::optional<Identifier>(std::move(alias));
  }
  return std::optional<Identifier>();
}

Result<StatementPtr> Parser::ParseSingleStatement() {
  STRATUS_ASSIGN_OR_RETURN(StatementPtr statement, ParseStatement());
  Accept(TokenKind::kSemicolon);
  if (!Is(TokenKind::kEnd)) {
    return Mismatch("<EOF>");
  }
  return statement;
}

Result<std::vector<StatementPtr>> Parser::ParseStatements() {
  std::vector<StatementPtr> statements;
  while (true) {
    while (Accept(TokenKind::kSemicolon)) {
    }
    if (Is(TokenKind::kEnd)) {
      return statements;
    }
    STRATUS_ASSIGN_OR_RETURN(StatementPtr statement, ParseStatement());
    statements.push_back(std::move(statement));
    if (!Is(TokenKind::kEnd) && !Is(TokenKind::kSemicolon)) {
      return Mismatch("';', <EOF>");
    }
  }
}

Result<ExpressionPtr> Parser::ParseStandaloneExpression() {
  STRATUS_ASSIGN_OR_RETURN(ExpressionPtr expression, ParseExpression());
  if (!Is(TokenKind::kEnd)) {
    return Mismatch("<EOF>");
  }
  return expression;
}

Result<DataType> Parser::ParseStandaloneDataType() {
  STRATUS_ASSIGN_OR_RETURN(DataType type, ParseDataType());
  if (!Is(TokenKind::kEnd)) {
    return Mismatch("<EOF>");
  }
  return type;
}

}  // namespace internal

namespace {

Result<internal::Parser> MakeParser(std::string_view sql, const ParseOptions& options) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(sql));
  return internal::Parser(sql, std::move(tokens), options);
}

}  // namespace

Result<StatementPtr> ParseStatement(std::string_view sql, const ParseOptions& options) {
  STRATUS_ASSIGN_OR_RETURN(internal::Parser parser, MakeParser(sql, options));
  return parser.ParseSingleStatement();
}

Result<std::vector<StatementPtr>> ParseScript(std::string_view sql, const ParseOptions& options) {
  STRATUS_ASSIGN_OR_RETURN(internal::Parser parser, MakeParser(sql, options));
  return parser.ParseStatements();
}

Result<ExpressionPtr> ParseExpression(std::string_view sql, const ParseOptions& options) {
  STRATUS_ASSIGN_OR_RETURN(internal::Parser parser, MakeParser(sql, options));
  return parser.ParseStandaloneExpression();
}

Result<DataType> ParseDataType(std::string_view sql, const ParseOptions& options) {
  STRATUS_ASSIGN_OR_RETURN(internal::Parser parser, MakeParser(sql, options));
  return parser.ParseStandaloneDataType();
}

std::string QualifiedName::ToString() const {
  std::string out;
  for (const Identifier& part : parts) {
    if (!out.empty()) {
      out.push_back('.');
    }
    out += part.name;
  }
  return out;
}

}  // namespace stratus::sql::parser
