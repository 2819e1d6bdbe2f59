#include "athena/statement_kind.h"

#include <cctype>
#include <utility>

namespace stratus::athena {
namespace {

bool IsSpace(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// Drops blanks and SQL comments from the front of `sql`.
std::string_view SkipBlanks(std::string_view sql) {
  while (!sql.empty()) {
    if (IsSpace(sql.front())) {
      sql.remove_prefix(1);
    } else if (sql.starts_with("--")) {
      const size_t end = sql.find('\n');
      sql = end == std::string_view::npos ? std::string_view() : sql.substr(end + 1);
    } else if (sql.starts_with("/*")) {
      const size_t end = sql.find("*/", 2);
      sql = end == std::string_view::npos ? std::string_view() : sql.substr(end + 2);
    } else {
      break;
    }
  }
  return sql;
}

// Takes the next word (letters, digits, '_'), uppercased.
std::string NextWord(std::string_view& sql) {
  sql = SkipBlanks(sql);
  std::string word;
  while (!sql.empty() && IsWordChar(sql.front())) {
    word.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(sql.front()))));
    sql.remove_prefix(1);
  }
  return word;
}

std::string_view TrimEnd(std::string_view text) {
  while (!text.empty() && (IsSpace(text.back()) || text.back() == ';')) {
    text.remove_suffix(1);
  }
  return text;
}

// Splits `text` at top-level commas (outside quotes and parentheses).
std::vector<std::string> SplitValues(std::string_view text) {
  std::vector<std::string> values;
  std::string current;
  int depth = 0;
  char quote = 0;
  for (char c : text) {
    if (quote != 0) {
      current.push_back(c);
      if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == ',' && depth == 0) {
      values.push_back(std::string(TrimEnd(SkipBlanks(current))));
      current.clear();
      continue;
    }
    current.push_back(c);
  }
  if (!SkipBlanks(current).empty()) {
    values.push_back(std::string(TrimEnd(SkipBlanks(current))));
  }
  return values;
}

}  // namespace

std::string ClassifyStatement(std::string_view sql) {
  const std::string word = NextWord(sql);
  if (word == "CREATE" || word == "DROP" || word == "ALTER" || word == "MSCK") {
    return "DDL";
  }
  if (word == "SHOW" || word == "DESCRIBE" || word == "DESC" || word == "EXPLAIN") {
    return "UTILITY";
  }
  return "DML";
}

std::optional<ExecuteStatement> ParseExecuteStatement(std::string_view sql) {
  if (NextWord(sql) != "EXECUTE") {
    return std::nullopt;
  }
  ExecuteStatement statement;
  sql = SkipBlanks(sql);
  while (!sql.empty() && IsWordChar(sql.front())) {
    statement.name.push_back(sql.front());
    sql.remove_prefix(1);
  }
  if (statement.name.empty()) {
    return std::nullopt;
  }
  std::string_view rest = sql;
  const std::string next = NextWord(rest);
  if (next == "USING") {
    statement.parameters = SplitValues(TrimEnd(rest));
  } else if (!TrimEnd(SkipBlanks(sql)).empty()) {
    return std::nullopt;
  }
  return statement;
}

}  // namespace stratus::athena
