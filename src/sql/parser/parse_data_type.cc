// Types as written, in Trino's spelling (`array(varchar)`, `row(a bigint)`,
// `timestamp(3) with time zone`, `interval day to second`, `double precision`)
// and Hive's (`array<string>`, `map<string,int>`, `struct<a:int,b:string>`).

#include <optional>
#include <string>
#include <utility>

#include "sql/parser/keywords.h"
#include "sql/parser/parser_internal.h"
#include "sql/parser/syntax_error.h"

namespace stratus::sql::parser::internal {

Result<DataType> Parser::ParseDataType() {
  Nesting nesting(*this);
  STRATUS_RETURN_IF_ERROR(Deeper());
  const SourcePosition position = Current().position;
  if (IsKeyword("ROW") && Is(TokenKind::kLeftParen, 1)) {
    return ParseRowType(position);
  }
  if (IsKeyword("STRUCT") && Is(TokenKind::kLess, 1)) {
    return ParseStructType(position);
  }
  if (!IsIdentifierStart() && !Is(TokenKind::kWord)) {
    return Mismatch("<type>");
  }
  DataType type;
  type.position = position;
  STRATUS_ASSIGN_OR_RETURN(Identifier name, ParseIdentifier());
  type.name = name.name;
  if (type.name == "double") {
    AcceptKeyword("PRECISION");
    return type;
  }
  if (type.name == "interval") {
    for (std::string* field : {&type.interval_from, &type.interval_to}) {
      if (field == &type.interval_to && !AcceptKeyword("TO")) {
        break;
      }
      if (!IsAnyKeyword({"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"})) {
        return Mismatch("'YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'");
      }
      *field = AsciiUpper(Advance().text);
    }
    return type;
  }
  if (type.name == "timestamp" || type.name == "time") {
    return ParseTimeType(std::move(type));
  }
  if (Is(TokenKind::kLess) && (type.name == "array" || type.name == "map")) {
    type.syntax = TypeSyntax::kAngleBrackets;
    Advance();
    do {
      STRATUS_ASSIGN_OR_RETURN(DataType child, ParseDataType());
      type.children.push_back(std::move(child));
    } while (Accept(TokenKind::kComma));
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kGreater, "'>', ','"));
  } else if (Is(TokenKind::kLeftParen)) {
    STRATUS_ASSIGN_OR_RETURN(type, ParseTypeParameters(std::move(type)));
  }
  const size_t expected = type.name == "array" ? 1 : type.name == "map" ? 2 : 0;
  if (expected != 0 && type.children.size() != expected) {
    return SyntaxError(position, type.name == "array"
                                     ? "array type needs one element type"
                                     : "map type needs a key type and a value type");
  }
  return type;
}

Result<DataType> Parser::ParseTypeParameters(DataType type) {
  Advance();  // '('
  do {
    if (Is(TokenKind::kInteger)) {
      STRATUS_ASSIGN_OR_RETURN(int64_t number, ParseInteger());
      type.numbers.push_back(number);
    } else {
      STRATUS_ASSIGN_OR_RETURN(DataType child, ParseDataType());
      type.children.push_back(std::move(child));
    }
  } while (Accept(TokenKind::kComma));
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
  return type;
}

Result<DataType> Parser::ParseTimeType(DataType type) {
  if (Accept(TokenKind::kLeftParen)) {
    STRATUS_ASSIGN_OR_RETURN(int64_t precision, ParseInteger());
    type.numbers.push_back(precision);
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
  }
  if (AcceptSequence({"WITH", "TIME", "ZONE"})) {
    type.with_time_zone = true;
  } else {
    AcceptSequence({"WITHOUT", "TIME", "ZONE"});
  }
  return type;
}

bool Parser::IsAnonymousRowField() const {
  // A field is named when a name is followed by the start of a type; the
  // multi-word types (timestamp with time zone, double precision, interval
  // day to second) start with a word followed by another word.
  if (!IsIdentifierStart() || !(Is(TokenKind::kWord, 1) || Is(TokenKind::kQuotedIdentifier, 1))) {
    return true;
  }
  if (IsAnyKeyword({"TIMESTAMP", "TIME"}) && IsAnyKeyword({"WITH", "WITHOUT"}, 1)) {
    return true;
  }
  if (IsKeyword("DOUBLE") && IsKeyword("PRECISION", 1)) {
    return true;
  }
  return IsKeyword("INTERVAL") &&
         IsAnyKeyword({"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"}, 1);
}

Result<DataType> Parser::ParseRowType(SourcePosition position) {
  DataType type;
  type.position = position;
  type.name = "row";
  at_ += 2;  // ROW (
  do {
    std::optional<Identifier> field_name;
    if (!IsAnonymousRowField()) {
      STRATUS_ASSIGN_OR_RETURN(Identifier name, ParseIdentifier());
      field_name = std::move(name);
    }
    STRATUS_ASSIGN_OR_RETURN(DataType child, ParseDataType());
    type.children.push_back(std::move(child));
    type.field_names.push_back(std::move(field_name));
  } while (Accept(TokenKind::kComma));
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
  return type;
}

Result<DataType> Parser::ParseStructType(SourcePosition position) {
  DataType type;
  type.position = position;
  type.name = "struct";
  type.syntax = TypeSyntax::kAngleBrackets;
  at_ += 2;  // STRUCT <
  do {
    // Hive field names may be any word, reserved ones included.
    const Token& token = Current();
    if (token.kind != TokenKind::kWord && token.kind != TokenKind::kQuotedIdentifier &&
        token.kind != TokenKind::kBackquotedIdentifier) {
      return Mismatch("<identifier>");
    }
    Identifier name{.position = token.position};
    name.quoted = token.kind != TokenKind::kWord;
    name.original = name.quoted ? Unquote(token.text) : std::string(token.text);
    name.name = AsciiLower(name.original);
    Advance();
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kColon, "':'"));
    STRATUS_ASSIGN_OR_RETURN(DataType child, ParseDataType());
    type.children.push_back(std::move(child));
    type.field_names.emplace_back(std::move(name));
  } while (Accept(TokenKind::kComma));
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kGreater, "'>', ','"));
  return type;
}

}  // namespace stratus::sql::parser::internal
