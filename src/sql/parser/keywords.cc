#include "sql/parser/keywords.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace stratus::sql::parser {
namespace {

// Trino's reserved keywords (docs: language/reserved.html), sorted.
constexpr std::array<std::string_view, 82> kReservedWords = {
    "ALTER",        "AND",
    "AS",           "BETWEEN",
    "BY",           "CASE",
    "CAST",         "CONSTRAINT",
    "CREATE",       "CROSS",
    "CUBE",         "CURRENT_CATALOG",
    "CURRENT_DATE", "CURRENT_PATH",
    "CURRENT_ROLE", "CURRENT_SCHEMA",
    "CURRENT_TIME", "CURRENT_TIMESTAMP",
    "CURRENT_USER", "DEALLOCATE",
    "DELETE",       "DESCRIBE",
    "DISTINCT",     "DROP",
    "ELSE",         "END",
    "ESCAPE",       "EXCEPT",
    "EXECUTE",      "EXISTS",
    "EXTRACT",      "FALSE",
    "FOR",          "FROM",
    "FULL",         "GROUP",
    "GROUPING",     "HAVING",
    "IN",           "INNER",
    "INSERT",       "INTERSECT",
    "INTO",         "IS",
    "JOIN",         "JSON_ARRAY",
    "JSON_EXISTS",  "JSON_OBJECT",
    "JSON_QUERY",   "JSON_TABLE",
    "JSON_VALUE",   "LEFT",
    "LIKE",         "LISTAGG",
    "LOCALTIME",    "LOCALTIMESTAMP",
    "NATURAL",      "NORMALIZE",
    "NOT",          "NULL",
    "ON",           "OR",
    "ORDER",        "OUTER",
    "PREPARE",      "RECURSIVE",
    "RIGHT",        "ROLLUP",
    "SELECT",       "SKIP",
    "TABLE",        "THEN",
    "TRIM",         "TRUE",
    "UESCAPE",      "UNION",
    "UNNEST",       "USING",
    "VALUES",       "WHEN",
    "WHERE",        "WITH",
};

static_assert(std::is_sorted(kReservedWords.begin(), kReservedWords.end()));

constexpr size_t kLongestReservedWord = 17;

}  // namespace

bool IsReservedWord(std::string_view word) {
  if (word.size() < 2 || word.size() > kLongestReservedWord) {
    return false;
  }
  std::array<char, kLongestReservedWord> buffer{};
  for (size_t i = 0; i < word.size(); ++i) {
    buffer[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[i])));
  }
  const std::string_view upper(buffer.data(), word.size());
  return std::binary_search(kReservedWords.begin(), kReservedWords.end(), upper);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace stratus::sql::parser
