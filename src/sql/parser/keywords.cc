#include "sql/parser/keywords.h"

#include <algorithm>
#include <array>
#include <cstdint>
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

// The range of kReservedWords starting with each letter, built once at compile time.
struct LetterRange {
  uint8_t begin = 0;
  uint8_t end = 0;
};

constexpr std::array<LetterRange, 26> MakeLetterRanges() {
  std::array<LetterRange, 26> ranges{};
  for (size_t i = 0; i < kReservedWords.size(); ++i) {
    LetterRange& range = ranges[static_cast<size_t>(kReservedWords[i][0] - 'A')];
    if (range.begin == range.end) {
      range.begin = static_cast<uint8_t>(i);
    }
    range.end = static_cast<uint8_t>(i + 1);
  }
  return ranges;
}

constexpr std::array<LetterRange, 26> kLetterRanges = MakeLetterRanges();

}  // namespace

bool IsReservedWord(std::string_view word) {
  if (word.size() < 2 || word.size() > kLongestReservedWord) {
    return false;
  }
  const char first = static_cast<char>(AsciiLowerChar(word[0]) - 'a' + 'A');
  if (first < 'A' || first > 'Z') {
    return false;
  }
  const LetterRange range = kLetterRanges[static_cast<size_t>(first - 'A')];
  for (size_t i = range.begin; i < range.end; ++i) {
    if (kReservedWords[i].size() == word.size() && EqualsIgnoreCase(kReservedWords[i], word)) {
      return true;
    }
  }
  return false;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLowerChar(a[i]) != AsciiLowerChar(b[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace stratus::sql::parser
