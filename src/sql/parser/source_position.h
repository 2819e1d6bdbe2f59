#pragma once

#include <cstdint>

namespace stratus::sql::parser {

/// A place in the SQL text, as Trino reports it in "line 1:8: ...": a 1-based
/// line and a 1-based column counted in characters (UTF-8 sequences count once).
struct SourcePosition {
  int32_t line = 1;
  int32_t column = 1;

  friend bool operator==(const SourcePosition&, const SourcePosition&) = default;
};

/// A byte range of the SQL text (a statement of a script, a view's query).
struct SourceSpan {
  uint32_t offset = 0;
  uint32_t length = 0;
};

}  // namespace stratus::sql::parser
