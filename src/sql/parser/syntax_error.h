#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "sql/parser/source_position.h"

namespace stratus::sql::parser {

/// Trino's error name for SQL that does not parse; Athena reports it as
/// "SYNTAX_ERROR: line 1:8: ...". A Status carries it as its aws_type().
inline constexpr std::string_view kSyntaxErrorName = "SYNTAX_ERROR";

/// Returns an InvalidArgument Status whose message is "line L:C: <message>"
/// and whose error name (aws_type()) is SYNTAX_ERROR.
Status SyntaxError(SourcePosition position, std::string_view message);

/// Returns true when `status` was made by SyntaxError().
bool IsSyntaxError(const Status& status);

}  // namespace stratus::sql::parser
