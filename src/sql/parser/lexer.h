#pragma once

#include <string_view>
#include <vector>

#include "base/result.h"
#include "sql/parser/token.h"

namespace stratus::sql::parser {

/// Splits SQL into tokens, the way Trino's lexer does: case-insensitive words,
/// '' escapes in strings, "" in quoted identifiers, `backquoted` Hive names,
/// -- and /* */ comments skipped, numbers as INTEGER, DECIMAL ("1.5", ".5")
/// or DOUBLE ("1e3"). The last token is always kEnd, positioned just past the
/// input. Fails with SYNTAX_ERROR ("line 1:8: token recognition error at:
/// '#'") on characters and unterminated strings or comments it cannot read,
/// and on identifiers that start with a digit.
Result<std::vector<Token>> Tokenize(std::string_view sql);

}  // namespace stratus::sql::parser
