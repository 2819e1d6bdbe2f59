#include "connectors/mysql/s3_statement.h"

#include <utility>
#include <vector>

#include "base/format.h"
#include "connectors/mysql/sql_lexer_internal.h"

namespace stratus::connectors::mysql {
namespace {

// Walks the tokens of an S3 clause; every Expect* fails with the syntax
// error MySQL would name ("near '<text>'").
class TokenCursor {
 public:
  TokenCursor(std::string_view query, const std::vector<SqlToken>& tokens, size_t position)
      : query_(query), tokens_(tokens), position_(position) {}

  bool AtEnd() const { return position_ >= tokens_.size(); }

  const SqlToken& Peek() const { return tokens_[position_]; }

  size_t position() const { return position_; }

  bool Accept(std::string_view word) {
    if (!AtEnd() && Peek().Is(word)) {
      ++position_;
      return true;
    }
    return false;
  }

  Status Expect(std::string_view word) {
    if (Accept(word)) {
      return Status::Ok();
    }
    return SyntaxError();
  }

  Result<std::string> ExpectString() {
    if (AtEnd() || Peek().kind != SqlToken::Kind::kString) {
      return SyntaxError();
    }
    return tokens_[position_++].text;
  }

  Result<std::string> ExpectWord() {
    if (AtEnd() ||
        (Peek().kind != SqlToken::Kind::kWord && Peek().kind != SqlToken::Kind::kQuotedIdentifier &&
         Peek().kind != SqlToken::Kind::kString)) {
      return SyntaxError();
    }
    return tokens_[position_++].text;
  }

  Result<bool> ExpectOnOff() {
    if (Accept("ON")) {
      return true;
    }
    if (Accept("OFF")) {
      return false;
    }
    return SyntaxError();
  }

  Status SyntaxError() const {
    const size_t at = AtEnd() ? query_.size() : Peek().begin;
    std::string near(query_.substr(at, 80));
    return Status::InvalidArgument(
        fmt::format("You have an error in your SQL syntax; check the manual that corresponds to "
                    "your MySQL server version for the right syntax to use near '{}'",
                    near));
  }

 private:
  std::string_view query_;
  const std::vector<SqlToken>& tokens_;
  size_t position_;
};

Status ParseFieldsOptions(TokenCursor& cursor, TextFileOptions* text) {
  bool any = false;
  while (true) {
    if (cursor.Accept("TERMINATED")) {
      STRATUS_RETURN_IF_ERROR(cursor.Expect("BY"));
      STRATUS_ASSIGN_OR_RETURN(text->fields_terminated_by, cursor.ExpectString());
    } else if (cursor.Accept("OPTIONALLY")) {
      STRATUS_RETURN_IF_ERROR(cursor.Expect("ENCLOSED"));
      STRATUS_RETURN_IF_ERROR(cursor.Expect("BY"));
      STRATUS_ASSIGN_OR_RETURN(text->enclosed_by, cursor.ExpectString());
      text->optionally_enclosed = true;
    } else if (cursor.Accept("ENCLOSED")) {
      STRATUS_RETURN_IF_ERROR(cursor.Expect("BY"));
      STRATUS_ASSIGN_OR_RETURN(text->enclosed_by, cursor.ExpectString());
      text->optionally_enclosed = false;
    } else if (cursor.Accept("ESCAPED")) {
      STRATUS_RETURN_IF_ERROR(cursor.Expect("BY"));
      STRATUS_ASSIGN_OR_RETURN(text->escaped_by, cursor.ExpectString());
    } else {
      break;
    }
    any = true;
  }
  if (!any) {
    return cursor.SyntaxError();
  }
  if (text->enclosed_by.size() > 1 || text->escaped_by.size() > 1) {
    return Status::InvalidArgument(
        "Field separator argument is not what is expected; check the manual");
  }
  return Status::Ok();
}

Status ParseLinesOptions(TokenCursor& cursor, TextFileOptions* text) {
  bool any = false;
  while (true) {
    if (cursor.Accept("STARTING")) {
      STRATUS_RETURN_IF_ERROR(cursor.Expect("BY"));
      STRATUS_ASSIGN_OR_RETURN(text->lines_starting_by, cursor.ExpectString());
    } else if (cursor.Accept("TERMINATED")) {
      STRATUS_RETURN_IF_ERROR(cursor.Expect("BY"));
      STRATUS_ASSIGN_OR_RETURN(text->lines_terminated_by, cursor.ExpectString());
    } else {
      break;
    }
    any = true;
  }
  return any ? Status::Ok() : cursor.SyntaxError();
}

// Parses the options after INTO OUTFILE S3 'uri' up to the first token that
// is not one; returns nothing, leaving the cursor there.
Status ParseOutfileOptions(TokenCursor& cursor, OutfileS3Statement* statement) {
  bool fields_given = false;
  while (!cursor.AtEnd()) {
    if (cursor.Accept("CHARACTER")) {
      STRATUS_RETURN_IF_ERROR(cursor.Expect("SET"));
      STRATUS_ASSIGN_OR_RETURN(statement->character_set, cursor.ExpectWord());
    } else if (cursor.Accept("CHARSET")) {
      STRATUS_ASSIGN_OR_RETURN(statement->character_set, cursor.ExpectWord());
    } else if (cursor.Accept("FORMAT")) {
      if (cursor.Accept("CSV")) {
        statement->csv = true;
      } else if (cursor.Accept("TEXT")) {
        statement->csv = false;
      } else {
        return cursor.SyntaxError();
      }
      statement->header = cursor.Accept("HEADER");
    } else if (cursor.Accept("FIELDS") || cursor.Accept("COLUMNS")) {
      if (statement->csv && !fields_given) {
        // AWS: FORMAT CSV means comma-separated, double-quoted fields; the
        // FIELDS clause overrides what it names.
        statement->text.fields_terminated_by = ",";
        statement->text.enclosed_by = "\"";
      }
      fields_given = true;
      STRATUS_RETURN_IF_ERROR(ParseFieldsOptions(cursor, &statement->text));
    } else if (cursor.Accept("LINES")) {
      STRATUS_RETURN_IF_ERROR(ParseLinesOptions(cursor, &statement->text));
    } else if (cursor.Accept("MANIFEST")) {
      STRATUS_ASSIGN_OR_RETURN(statement->manifest, cursor.ExpectOnOff());
    } else if (cursor.Accept("OVERWRITE")) {
      STRATUS_ASSIGN_OR_RETURN(statement->overwrite, cursor.ExpectOnOff());
    } else {
      break;
    }
  }
  if (statement->csv && !fields_given) {
    statement->text.fields_terminated_by = ",";
    statement->text.enclosed_by = "\"";
  }
  return Status::Ok();
}

// Whether tokens[i..] open the INTO OUTFILE S3 clause at depth 0.
std::optional<size_t> FindOutfileS3(const std::vector<SqlToken>& tokens) {
  int depth = 0;
  for (size_t i = 0; i + 2 < tokens.size(); ++i) {
    const SqlToken& token = tokens[i];
    if (token.kind == SqlToken::Kind::kPunctuation) {
      depth += token.text == "(" ? 1 : token.text == ")" ? -1 : 0;
      continue;
    }
    if (depth == 0 && token.Is("INTO") && tokens[i + 1].Is("OUTFILE") && tokens[i + 2].Is("S3")) {
      return i;
    }
  }
  return std::nullopt;
}

// Whether only a ';' (and whitespace/comments) follows position `i`.
bool AtStatementEnd(const std::vector<SqlToken>& tokens, size_t i) {
  return i == tokens.size() ||
         (i + 1 == tokens.size() && tokens[i].kind == SqlToken::Kind::kPunctuation &&
          tokens[i].text == ";");
}

Result<std::optional<S3Statement>> ParseOutfile(std::string_view query,
                                                const std::vector<SqlToken>& tokens) {
  std::optional<size_t> into = FindOutfileS3(tokens);
  if (!into.has_value()) {
    return std::optional<S3Statement>();
  }
  for (size_t i = 0; i < *into; ++i) {
    if (tokens[i].kind == SqlToken::Kind::kPunctuation && tokens[i].text == ";") {
      return Status::InvalidArgument(
          "SELECT INTO OUTFILE S3 must be the only statement of its query");
    }
  }
  TokenCursor cursor(query, tokens, *into + 3);
  OutfileS3Statement statement;
  STRATUS_ASSIGN_OR_RETURN(statement.uri, cursor.ExpectString());
  STRATUS_RETURN_IF_ERROR(ParseOutfileOptions(cursor, &statement));
  const size_t clause_begin = tokens[*into].begin;
  const size_t clause_end =
      cursor.position() == 0 ? query.size() : tokens[cursor.position() - 1].end;
  // The rest of the statement (FROM ..., or nothing) must not hold a second
  // statement: the front runs one SELECT.
  size_t rest = cursor.position();
  while (rest < tokens.size() &&
         !(tokens[rest].kind == SqlToken::Kind::kPunctuation && tokens[rest].text == ";")) {
    ++rest;
  }
  if (!AtStatementEnd(tokens, rest)) {
    return Status::InvalidArgument(
        "SELECT INTO OUTFILE S3 must be the only statement of its query");
  }
  statement.select_sql =
      std::string(query.substr(0, clause_begin)) + " " + std::string(query.substr(clause_end));
  // Drop the trailing ';' so that the server sees one statement.
  if (rest < tokens.size()) {
    const size_t semicolon = tokens[rest].begin - (clause_end - clause_begin) + 1;
    statement.select_sql.erase(semicolon, 1);
  }
  return std::optional<S3Statement>(std::move(statement));
}

Result<std::optional<S3Statement>> ParseLoad(std::string_view query,
                                             const std::vector<SqlToken>& tokens) {
  if (tokens.size() < 4 || !tokens[0].Is("LOAD") || !tokens[2].Is("FROM") || !tokens[3].Is("S3")) {
    return std::optional<S3Statement>();
  }
  if (tokens[1].Is("XML")) {
    return Status::NotImplemented("LOAD XML FROM S3 is not supported; use LOAD DATA FROM S3");
  }
  if (!tokens[1].Is("DATA")) {
    return std::optional<S3Statement>();
  }
  TokenCursor cursor(query, tokens, 4);
  LoadFromS3Statement statement;
  if (cursor.Accept("PREFIX")) {
    statement.source = LoadSource::kPrefix;
  } else if (cursor.Accept("MANIFEST")) {
    statement.source = LoadSource::kManifest;
  } else {
    cursor.Accept("FILE");
  }
  STRATUS_ASSIGN_OR_RETURN(statement.uri, cursor.ExpectString());
  if (cursor.AtEnd()) {
    return cursor.SyntaxError();
  }
  for (size_t i = cursor.position(); i + 1 < tokens.size(); ++i) {
    if (tokens[i].kind == SqlToken::Kind::kPunctuation && tokens[i].text == ";") {
      return Status::InvalidArgument("LOAD DATA FROM S3 must be the only statement of its query");
    }
  }
  statement.local_infile_sql = fmt::format("LOAD DATA LOCAL INFILE '{}' {}", kLocalInfileName,
                                           query.substr(cursor.Peek().begin));
  return std::optional<S3Statement>(std::move(statement));
}

}  // namespace

Result<std::optional<S3Statement>> ParseS3Statement(std::string_view query) {
  const std::vector<SqlToken> tokens = TokenizeSql(query);
  if (tokens.empty()) {
    return std::optional<S3Statement>();
  }
  if (tokens[0].Is("LOAD")) {
    return ParseLoad(query, tokens);
  }
  if (tokens[0].Is("SELECT") || tokens[0].Is("WITH") ||
      (tokens[0].kind == SqlToken::Kind::kPunctuation && tokens[0].text == "(")) {
    return ParseOutfile(query, tokens);
  }
  return std::optional<S3Statement>();
}

}  // namespace stratus::connectors::mysql
