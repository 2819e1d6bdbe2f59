#include <cctype>

#include "connectors/mysql/sql_lexer_internal.h"

namespace stratus::connectors::mysql {
namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Decodes a backslash escape of a MySQL string literal.
void AppendEscaped(char c, std::string* out) {
  switch (c) {
    case '0':
      out->push_back('\0');
      break;
    case 'n':
      out->push_back('\n');
      break;
    case 't':
      out->push_back('\t');
      break;
    case 'r':
      out->push_back('\r');
      break;
    case 'b':
      out->push_back('\b');
      break;
    case 'Z':
      out->push_back('\x1a');
      break;
    case '%':
    case '_':
      out->push_back('\\');
      out->push_back(c);
      break;
    default:
      out->push_back(c);
  }
}

// Skips whitespace and comments from `i`; returns the next token's start,
// or npos for an unterminated comment.
size_t SkipSpace(std::string_view query, size_t i) {
  while (i < query.size()) {
    const char c = query[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
    } else if (c == '#' || (c == '-' && query.substr(i, 2) == "--" &&
                            (i + 2 == query.size() ||
                             std::isspace(static_cast<unsigned char>(query[i + 2])) != 0))) {
      const size_t end = query.find('\n', i);
      i = end == std::string_view::npos ? query.size() : end + 1;
    } else if (c == '/' && query.substr(i, 2) == "/*") {
      const size_t end = query.find("*/", i + 2);
      if (end == std::string_view::npos) {
        return std::string_view::npos;
      }
      i = end + 2;
    } else {
      break;
    }
  }
  return i;
}

}  // namespace

bool SqlToken::Is(std::string_view word) const {
  if (kind != Kind::kWord || text.size() != word.size()) {
    return false;
  }
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != word[i]) {
      return false;
    }
  }
  return true;
}

std::vector<SqlToken> TokenizeSql(std::string_view query) {
  std::vector<SqlToken> tokens;
  size_t i = 0;
  while (true) {
    i = SkipSpace(query, i);
    if (i == std::string_view::npos || i >= query.size()) {
      return tokens;
    }
    SqlToken token{.kind = SqlToken::Kind::kWord, .text = {}, .begin = i, .end = i};
    const char c = query[i];
    if (c == '\'' || c == '"' || c == '`') {
      token.kind = c == '`' ? SqlToken::Kind::kQuotedIdentifier : SqlToken::Kind::kString;
      size_t j = i + 1;
      bool closed = false;
      while (j < query.size()) {
        if (query[j] == '\\' && c != '`' && j + 1 < query.size()) {
          AppendEscaped(query[j + 1], &token.text);
          j += 2;
        } else if (query[j] == c) {
          if (j + 1 < query.size() && query[j + 1] == c) {
            token.text.push_back(c);
            j += 2;
          } else {
            closed = true;
            ++j;
            break;
          }
        } else {
          token.text.push_back(query[j++]);
        }
      }
      if (!closed) {
        return tokens;
      }
      i = j;
    } else if (IsWordChar(c)) {
      size_t j = i;
      while (j < query.size() && IsWordChar(query[j])) {
        ++j;
      }
      token.text = std::string(query.substr(i, j - i));
      i = j;
    } else {
      token.kind = SqlToken::Kind::kPunctuation;
      token.text = std::string(1, c);
      ++i;
    }
    token.end = i;
    tokens.push_back(std::move(token));
  }
}

}  // namespace stratus::connectors::mysql
