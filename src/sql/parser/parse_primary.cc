// Primary expressions: literals, names, function calls with their
// decorations, and the special forms Trino gives their own syntax (CASE, CAST,
// EXTRACT, ARRAY[...], ROW(...), INTERVAL, POSITION, TRIM, current_date, ...).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/digest.h"
#include "base/format.h"
#include "base/utf8.h"
#include "sql/parser/keywords.h"
#include "sql/parser/parser_internal.h"
#include "sql/parser/syntax_error.h"

namespace stratus::sql::parser::internal {
namespace {

std::unique_ptr<LiteralExpression> MakeLiteral(SourcePosition position,
                                               LiteralKind kind,
                                               std::string value) {
  auto literal = std::make_unique<LiteralExpression>(position);
  literal->literal_kind = kind;
  literal->value = std::move(value);
  return literal;
}

bool IsIntervalField(std::string_view word) {
  for (std::string_view field : {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"}) {
    if (EqualsIgnoreCase(word, field)) {
      return true;
    }
  }
  return false;
}

// Decodes the escapes of a U&'...' string: <escape>XXXX, <escape>+XXXXXX and
// a doubled escape character.
Result<std::string> DecodeUnicode(std::string_view text, char escape, SourcePosition position) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != escape) {
      out.push_back(text[i]);
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == escape) {
      out.push_back(escape);
      ++i;
      continue;
    }
    const bool long_form = i + 1 < text.size() && text[i + 1] == '+';
    const size_t digits = long_form ? 6 : 4;
    const size_t start = i + (long_form ? 2 : 1);
    if (start + digits > text.size()) {
      return SyntaxError(position, "Incomplete escape sequence in Unicode string literal");
    }
    uint32_t code_point = 0;
    for (size_t j = start; j < start + digits; ++j) {
      const int digit = HexDigitValue(text[j]);
      if (digit < 0) {
        return SyntaxError(position, "Invalid hexadecimal digit in Unicode escape sequence");
      }
      code_point = code_point * 16 + static_cast<uint32_t>(digit);
    }
    if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return SyntaxError(position, "Invalid Unicode code point in Unicode string literal");
    }
    AppendUtf8(out, code_point);
    i = start + digits - 1;
  }
  return out;
}

}  // namespace

Result<ExpressionPtr> Parser::ParsePrimary() {
  const Token& token = Current();
  switch (token.kind) {
    case TokenKind::kInteger:
    case TokenKind::kDecimal:
    case TokenKind::kDouble:
      return ParseNumber();
    case TokenKind::kString:
      return ParseStringLiteral();
    case TokenKind::kUnicodeString:
      return ParseUnicodeString();
    case TokenKind::kBinaryString:
      return ParseBinaryLiteral();
    case TokenKind::kQuestion: {
      auto parameter = std::make_unique<ParameterExpression>(Advance().position);
      parameter->index = num_parameters_++;
      return ExpressionPtr(std::move(parameter));
    }
    case TokenKind::kLeftParen:
      return IsLambdaStart() ? ParseLambda() : ParseParenthesized();
    case TokenKind::kWord:
    case TokenKind::kQuotedIdentifier:
    case TokenKind::kBackquotedIdentifier:
      return ParseWordPrimary();
    default:
      return Mismatch("<expression>");
  }
}

Result<ExpressionPtr> Parser::ParseWordPrimary() {
  if (Is(TokenKind::kWord)) {
    bool handled = false;
    STRATUS_ASSIGN_OR_RETURN(ExpressionPtr special, ParseKeywordPrimary(&handled));
    if (handled) {
      return special;
    }
  }
  if (!IsIdentifierStart()) {
    return Mismatch("<expression>");
  }
  if (Is(TokenKind::kArrow, 1)) {
    return ParseLambda();
  }
  if (Is(TokenKind::kWord) && (Is(TokenKind::kString, 1) || Is(TokenKind::kUnicodeString, 1))) {
    return ParseTypedLiteral();
  }
  if (const size_t length = QualifiedFunctionNameLength(); length > 0) {
    QualifiedName name;
    for (size_t i = 0; i < length; ++i) {
      STRATUS_ASSIGN_OR_RETURN(Identifier part, ParseIdentifier());
      name.parts.push_back(std::move(part));
      Accept(TokenKind::kDot);
    }
    return ParseFunctionCall(std::move(name));
  }
  auto identifier = std::make_unique<IdentifierExpression>(Current().position);
  STRATUS_ASSIGN_OR_RETURN(identifier->identifier, ParseIdentifier());
  return ExpressionPtr(std::move(identifier));
}

// Parses the forms introduced by a keyword; sets *handled when the current
// word is one of them.
Result<ExpressionPtr> Parser::ParseKeywordPrimary(bool* handled) {
  *handled = true;
  const SourcePosition position = Current().position;
  const bool call = Is(TokenKind::kLeftParen, 1);
  if (IsKeyword("NULL")) {
    Advance();
    return ExpressionPtr(MakeLiteral(position, LiteralKind::kNull, ""));
  }
  if (IsKeyword("TRUE") || IsKeyword("FALSE")) {
    const bool value = IsKeyword("TRUE");
    Advance();
    return ExpressionPtr(MakeLiteral(position, LiteralKind::kBoolean, value ? "true" : "false"));
  }
  if (IsKeyword("CASE")) {
    return ParseCase();
  }
  if (IsKeyword("CAST") || (IsKeyword("TRY_CAST") && call)) {
    return ParseCast(IsKeyword("TRY_CAST"));
  }
  if (IsKeyword("EXISTS") && call) {
    Advance();
    Advance();
    auto exists = std::make_unique<ExistsExpression>(position);
    STRATUS_ASSIGN_OR_RETURN(exists->query, ParseQuery());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    return ExpressionPtr(std::move(exists));
  }
  if (IsKeyword("EXTRACT")) {
    return ParseExtract();
  }
  if (IsKeyword("INTERVAL") && (Is(TokenKind::kString, 1) || Is(TokenKind::kUnicodeString, 1) ||
                                Is(TokenKind::kMinus, 1) || Is(TokenKind::kPlus, 1))) {
    return ParseInterval();
  }
  if (IsKeyword("ARRAY") && Is(TokenKind::kLeftBracket, 1)) {
    return ParseArray();
  }
  if (IsKeyword("ROW") && call) {
    return ParseRow();
  }
  if (IsKeyword("POSITION") && call) {
    return ParsePosition();
  }
  if (IsKeyword("TRIM")) {
    return ParseTrim();
  }
  if ((IsKeyword("GROUPING") || IsKeyword("NORMALIZE")) && call) {
    QualifiedName name;
    name.parts.push_back(Identifier{.name = AsciiLower(Current().text),
                                    .original = std::string(Current().text),
                                    .quoted = false,
                                    .position = position});
    Advance();
    return ParseFunctionCall(std::move(name));
  }
  if (IsKeyword("DOUBLE") && IsKeyword("PRECISION", 1) && Is(TokenKind::kString, 2)) {
    Advance();
    Advance();
    auto literal = MakeLiteral(position, LiteralKind::kTyped, "");
    literal->type_name = "double";
    STRATUS_ASSIGN_OR_RETURN(literal->value, ParseString());
    return ExpressionPtr(std::move(literal));
  }

  struct Special {
    std::string_view keyword;
    CurrentValue value;
    bool allow_precision;
  };

  static constexpr Special kSpecials[] = {
      {"CURRENT_DATE", CurrentValue::kCurrentDate, false},
      {"CURRENT_TIME", CurrentValue::kCurrentTime, true},
      {"CURRENT_TIMESTAMP", CurrentValue::kCurrentTimestamp, true},
      {"LOCALTIME", CurrentValue::kLocalTime, true},
      {"LOCALTIMESTAMP", CurrentValue::kLocalTimestamp, true},
      {"CURRENT_USER", CurrentValue::kCurrentUser, false},
      {"CURRENT_CATALOG", CurrentValue::kCurrentCatalog, false},
      {"CURRENT_SCHEMA", CurrentValue::kCurrentSchema, false},
      {"CURRENT_PATH", CurrentValue::kCurrentPath, false},
  };
  for (const Special& special : kSpecials) {
    if (IsKeyword(special.keyword)) {
      return ParseCurrentValue(special.value, special.allow_precision);
    }
  }
  *handled = false;
  return ExpressionPtr();
}

size_t Parser::QualifiedFunctionNameLength() const {
  size_t ahead = 0;
  size_t parts = 0;
  while (IsIdentifierStart(ahead)) {
    ++parts;
    if (Is(TokenKind::kLeftParen, ahead + 1)) {
      return parts;
    }
    if (!Is(TokenKind::kDot, ahead + 1)) {
      return 0;
    }
    ahead += 2;
  }
  return 0;
}

bool Parser::IsLambdaStart() const {
  // At '(': "() ->" or "(a, b) ->".
  size_t ahead = 1;
  if (!Is(TokenKind::kRightParen, ahead)) {
    while (true) {
      if (!IsIdentifierStart(ahead)) {
        return false;
      }
      ++ahead;
      if (Is(TokenKind::kRightParen, ahead)) {
        break;
      }
      if (!Is(TokenKind::kComma, ahead)) {
        return false;
      }
      ++ahead;
    }
  }
  return Is(TokenKind::kArrow, ahead + 1);
}

Result<ExpressionPtr> Parser::ParseLambda() {
  auto lambda = std::make_unique<LambdaExpression>(Current().position);
  if (Accept(TokenKind::kLeftParen)) {
    if (!Accept(TokenKind::kRightParen)) {
      do {
        STRATUS_ASSIGN_OR_RETURN(Identifier parameter, ParseIdentifier());
        lambda->parameters.push_back(std::move(parameter));
      } while (Accept(TokenKind::kComma));
      STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    }
  } else {
    STRATUS_ASSIGN_OR_RETURN(Identifier parameter, ParseIdentifier());
    lambda->parameters.push_back(std::move(parameter));
  }
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kArrow, "'->'"));
  STRATUS_ASSIGN_OR_RETURN(lambda->body, ParseExpression());
  return ExpressionPtr(std::move(lambda));
}

Result<ExpressionPtr> Parser::ParseParenthesized() {
  const bool query = IsQueryInParentheses(0);
  const SourcePosition position = Advance().position;  // '('
  if (query) {
    auto subquery = std::make_unique<SubqueryExpression>(position);
    STRATUS_ASSIGN_OR_RETURN(subquery->query, ParseQuery());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    return ExpressionPtr(std::move(subquery));
  }
  STRATUS_ASSIGN_OR_RETURN(ExpressionPtr first, ParseExpression());
  if (Accept(TokenKind::kRightParen)) {
    return first;
  }
  if (!Is(TokenKind::kComma)) {
    return Mismatch("')', ','");
  }
  auto row = std::make_unique<RowExpression>(position);
  row->elements.push_back(std::move(first));
  while (Accept(TokenKind::kComma)) {
    STRATUS_ASSIGN_OR_RETURN(ExpressionPtr element, ParseExpression());
    row->elements.push_back(std::move(element));
  }
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
  return ExpressionPtr(std::move(row));
}

Result<ExpressionPtr> Parser::ParseNumber() {
  const Token& token = Advance();
  const LiteralKind kind = token.kind == TokenKind::kInteger   ? LiteralKind::kInteger
                           : token.kind == TokenKind::kDecimal ? LiteralKind::kDecimal
                                                               : LiteralKind::kDouble;
  return ExpressionPtr(MakeLiteral(token.position, kind, std::string(token.text)));
}

Result<ExpressionPtr> Parser::ParseStringLiteral() {
  if (Is(TokenKind::kUnicodeString)) {
    return ParseUnicodeString();
  }
  const Token& token = Advance();
  return ExpressionPtr(MakeLiteral(token.position, LiteralKind::kString, Unquote(token.text)));
}

Result<ExpressionPtr> Parser::ParseUnicodeString() {
  const Token& token = Advance();
  char escape = '\\';
  if (AcceptKeyword("UESCAPE")) {
    STRATUS_ASSIGN_OR_RETURN(std::string escape_text, ParseString());
    if (escape_text.size() != 1 || HexDigitValue(escape_text[0]) >= 0 || escape_text[0] == '+' ||
        escape_text[0] == '\'' || escape_text[0] == '"' || escape_text[0] == ' ') {
      return SyntaxError(token.position, "Invalid Unicode escape character");
    }
    escape = escape_text[0];
  }
  const std::string raw = Unquote(token.text.substr(2));
  STRATUS_ASSIGN_OR_RETURN(std::string value, DecodeUnicode(raw, escape, token.position));
  return ExpressionPtr(MakeLiteral(token.position, LiteralKind::kString, std::move(value)));
}

Result<ExpressionPtr> Parser::ParseBinaryLiteral() {
  const Token& token = Advance();
  std::string hex;
  for (char c : Unquote(token.text.substr(1))) {
    if (c == ' ') {
      continue;
    }
    if (HexDigitValue(c) < 0) {
      return SyntaxError(token.position, "Binary literal can only contain hexadecimal digits");
    }
    hex.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (hex.size() % 2 != 0) {
    return SyntaxError(token.position, "Binary literal must contain an even number of digits");
  }
  return ExpressionPtr(MakeLiteral(token.position, LiteralKind::kBinary, std::move(hex)));
}

Result<ExpressionPtr> Parser::ParseTypedLiteral() {
  const Token& type = Advance();
  auto literal = MakeLiteral(type.position, LiteralKind::kTyped, "");
  literal->type_name = AsciiLower(type.text);
  STRATUS_ASSIGN_OR_RETURN(literal->value, ParseString());
  return ExpressionPtr(std::move(literal));
}

Result<ExpressionPtr> Parser::ParseInterval() {
  const SourcePosition position = Advance().position;  // INTERVAL
  auto literal = MakeLiteral(position, LiteralKind::kInterval, "");
  if (Accept(TokenKind::kMinus)) {
    literal->interval_negative = true;
  } else {
    Accept(TokenKind::kPlus);
  }
  STRATUS_ASSIGN_OR_RETURN(literal->value, ParseString());
  if (!Is(TokenKind::kWord) || !IsIntervalField(Current().text)) {
    return Mismatch("'YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'");
  }
  literal->interval_from = AsciiUpper(Advance().text);
  if (AcceptKeyword("TO")) {
    if (!Is(TokenKind::kWord) || !IsIntervalField(Current().text)) {
      return Mismatch("'YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'");
    }
    literal->interval_to = AsciiUpper(Advance().text);
  }
  return ExpressionPtr(std::move(literal));
}

Result<ExpressionPtr> Parser::ParseCase() {
  auto expression = std::make_unique<CaseExpression>(Advance().position);
  if (!IsKeyword("WHEN")) {
    STRATUS_ASSIGN_OR_RETURN(expression->operand, ParseExpression());
  }
  if (!IsKeyword("WHEN")) {
    return Mismatch("'WHEN'");
  }
  while (AcceptKeyword("WHEN")) {
    WhenClause when;
    STRATUS_ASSIGN_OR_RETURN(when.condition, ParseExpression());
    STRATUS_RETURN_IF_ERROR(ExpectKeyword("THEN"));
    STRATUS_ASSIGN_OR_RETURN(when.result, ParseExpression());
    expression->whens.push_back(std::move(when));
  }
  if (AcceptKeyword("ELSE")) {
    STRATUS_ASSIGN_OR_RETURN(expression->else_result, ParseExpression());
  }
  if (!AcceptKeyword("END")) {
    return Mismatch("'WHEN', 'ELSE', 'END'");
  }
  return ExpressionPtr(std::move(expression));
}

Result<ExpressionPtr> Parser::ParseCast(bool is_try) {
  auto cast = std::make_unique<CastExpression>(Advance().position);
  cast->is_try = is_try;
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  STRATUS_ASSIGN_OR_RETURN(cast->value, ParseExpression());
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("AS"));
  STRATUS_ASSIGN_OR_RETURN(cast->type, ParseDataType());
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
  return ExpressionPtr(std::move(cast));
}

Result<ExpressionPtr> Parser::ParseExtract() {
  auto extract = std::make_unique<ExtractExpression>(Advance().position);
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  STRATUS_ASSIGN_OR_RETURN(Identifier field, ParseIdentifier());
  extract->field = AsciiUpper(field.original);
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("FROM"));
  STRATUS_ASSIGN_OR_RETURN(extract->value, ParseExpression());
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
  return ExpressionPtr(std::move(extract));
}

Result<ExpressionPtr> Parser::ParseArray() {
  auto array = std::make_unique<ArrayExpression>(Advance().position);
  Advance();  // '['
  if (!Accept(TokenKind::kRightBracket)) {
    STRATUS_ASSIGN_OR_RETURN(array->elements, ParseExpressionList());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightBracket, "']', ','"));
  }
  return ExpressionPtr(std::move(array));
}

Result<ExpressionPtr> Parser::ParseRow() {
  auto row = std::make_unique<RowExpression>(Advance().position);
  row->explicit_row = true;
  Advance();  // '('
  STRATUS_ASSIGN_OR_RETURN(row->elements, ParseExpressionList());
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
  return ExpressionPtr(std::move(row));
}

Result<ExpressionPtr> Parser::ParsePosition() {
  // POSITION(needle IN haystack) is strpos(haystack, needle), as Trino rewrites it.
  const Token& keyword = Advance();
  Advance();  // '('
  STRATUS_ASSIGN_OR_RETURN(ExpressionPtr needle, ParseValue(0));
  if (!AcceptKeyword("IN")) {
    // Not the special form: position(a, b) is an ordinary call.
    auto call = std::make_unique<FunctionCallExpression>(keyword.position);
    call->name.parts.push_back(Identifier{.name = "position",
                                          .original = std::string(keyword.text),
                                          .quoted = false,
                                          .position = keyword.position});
    call->arguments.push_back(std::move(needle));
    while (Accept(TokenKind::kComma)) {
      STRATUS_ASSIGN_OR_RETURN(ExpressionPtr argument, ParseExpression());
      call->arguments.push_back(std::move(argument));
    }
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
    return ExpressionPtr(std::move(call));
  }
  STRATUS_ASSIGN_OR_RETURN(ExpressionPtr haystack, ParseValue(0));
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
  auto call = std::make_unique<FunctionCallExpression>(keyword.position);
  call->name.parts.push_back(Identifier{
      .name = "strpos", .original = "strpos", .quoted = false, .position = keyword.position});
  call->arguments.push_back(std::move(haystack));
  call->arguments.push_back(std::move(needle));
  return ExpressionPtr(std::move(call));
}

Result<ExpressionPtr> Parser::ParseTrim() {
  // TRIM([BOTH|LEADING|TRAILING] [chars] FROM s), TRIM(s), TRIM(s, chars):
  // trim/ltrim/rtrim(s [, chars]).
  const SourcePosition position = Advance().position;
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  std::string name = "trim";
  if (AcceptKeyword("LEADING")) {
    name = "ltrim";
  } else if (AcceptKeyword("TRAILING")) {
    name = "rtrim";
  } else {
    AcceptKeyword("BOTH");
  }
  auto call = std::make_unique<FunctionCallExpression>(position);
  call->name.parts.push_back(
      Identifier{.name = name, .original = name, .quoted = false, .position = position});
  ExpressionPtr characters;
  if (!AcceptKeyword("FROM")) {
    STRATUS_ASSIGN_OR_RETURN(ExpressionPtr first, ParseValue(0));
    if (AcceptKeyword("FROM")) {
      characters = std::move(first);
    } else {
      call->arguments.push_back(std::move(first));
      if (Accept(TokenKind::kComma)) {
        STRATUS_ASSIGN_OR_RETURN(characters, ParseValue(0));
      }
    }
  }
  if (call->arguments.empty()) {
    STRATUS_ASSIGN_OR_RETURN(ExpressionPtr source, ParseValue(0));
    call->arguments.push_back(std::move(source));
  }
  if (characters != nullptr) {
    call->arguments.push_back(std::move(characters));
  }
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
  return ExpressionPtr(std::move(call));
}

Result<ExpressionPtr> Parser::ParseCurrentValue(CurrentValue value, bool allow_precision) {
  auto current = std::make_unique<CurrentValueExpression>(Advance().position);
  current->value = value;
  if (allow_precision && Accept(TokenKind::kLeftParen)) {
    STRATUS_ASSIGN_OR_RETURN(int64_t precision, ParseInteger());
    if (precision > 12) {
      return SyntaxError(current->position, "precision must be at most 12");
    }
    current->precision = static_cast<int32_t>(precision);
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
  }
  return ExpressionPtr(std::move(current));
}

}  // namespace stratus::sql::parser::internal
