#pragma once

#include <string_view>

namespace stratus::sql::parser {

/// Returns true for Trino's reserved words (SELECT, FROM, JOIN, VALUES, ...),
/// compared case-insensitively. Only these need double quotes to be used as
/// identifiers; non-reserved keywords (date, data, format, location, comment,
/// year, user, ...) are plain names wherever a name can stand.
bool IsReservedWord(std::string_view word);

/// Returns `c` lowercased if it is an ASCII capital (locale-independent).
inline char AsciiLowerChar(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

/// Returns true when `a` and `b` are equal ignoring ASCII case.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace stratus::sql::parser
