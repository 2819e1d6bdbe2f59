#pragma once

#include <string>

#include "sql/parser/data_type.h"
#include "sql/parser/expression.h"
#include "sql/parser/query.h"
#include "sql/parser/statement.h"

namespace stratus::sql::parser {

// The deparser: prints an AST back as normalised SQL on one line. Keywords
// are upper case; names are the lowercased identifiers, double-quoted only
// when needed (backquoted in Hive DDL); every operator, comparison and
// predicate is parenthesised, as Trino's formatter does, so the text parses
// back to the same tree: ParseStatement(ToSql(s)) printed again gives the
// same text. SHOW CREATE VIEW/TABLE and EXPLAIN use it too.
//
// Thread safety: pure functions.

/// Returns the statement as SQL, without a trailing ';'.
std::string ToSql(const Statement& statement);

/// Returns the query as SQL.
std::string ToSql(const Query& query);

/// Returns the expression as SQL.
std::string ToSql(const Expression& expression);

/// Returns the type as written (Trino or Hive spelling, lower case).
std::string ToSql(const DataType& type);

/// Returns the identifier as SQL: bare when it can be, else double-quoted.
std::string ToSql(const Identifier& identifier);

}  // namespace stratus::sql::parser
