#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "sql/parser/data_type.h"
#include "sql/parser/expression.h"
#include "sql/parser/statement.h"

namespace stratus::sql::parser {

// The parser of Athena's SQL: Trino's grammar (Athena engine v3) plus the
// Hive DDL Athena accepts. A hand-written lexer feeds a recursive-descent
// parser with precedence climbing for expressions; it builds the AST of ast.h
// and resolves nothing.
//
// Errors are InvalidArgument Statuses named SYNTAX_ERROR (syntax_error.h)
// whose message has Trino's shape: "line 1:8: mismatched input 'FROM'.
// Expecting: <expression>". Inputs nested deeper than max_depth (parentheses,
// subqueries, operator chains) fail the same way instead of exhausting the
// stack, so any input is safe to parse.
//
// Thread safety: the functions are pure; call them from any thread.

/// Tunables of a parse.
struct ParseOptions {
  /// The deepest nesting accepted: each nested expression, subquery, join or
  /// operator of a chain counts one level.
  int32_t max_depth = 1000;
};

/// Parses exactly one statement, optionally followed by ';'.
Result<StatementPtr> ParseStatement(std::string_view sql, const ParseOptions& options = {});

/// Parses ';'-separated statements (empty ones are skipped), as
/// `stratus sql -c` takes them. Each statement's span locates its text in `sql`.
Result<std::vector<StatementPtr>> ParseScript(std::string_view sql,
                                              const ParseOptions& options = {});

/// Parses one expression (a partition filter, a GetPartitions expression, a test).
Result<ExpressionPtr> ParseExpression(std::string_view sql, const ParseOptions& options = {});

/// Parses a type as Trino or Hive writes it: "decimal(10,2)", "array<struct<a:int>>",
/// "row(x bigint, y varchar)", "timestamp(3) with time zone" (Glue stores Hive spellings).
Result<DataType> ParseDataType(std::string_view sql, const ParseOptions& options = {});

}  // namespace stratus::sql::parser
