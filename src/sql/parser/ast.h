#pragma once

// The SQL syntax tree of Athena's dialect (Trino SQL plus the Hive DDL Athena
// accepts), as the parser (sql/parser/parser.h) builds it and the deparser
// (sql/parser/to_sql.h) prints it. It records what was written, with the
// position of every node, and resolves nothing: names, types and functions
// are the binder's.
//
//   source_position.h  SourcePosition (line:column), SourceSpan
//   identifier.h       Identifier, QualifiedName
//   data_type.h        DataType (types as written, Trino and Hive spellings)
//   expression.h       Expression and its nodes, SortItem, WindowSpecification
//   query.h            Query, QueryBody (SELECT, set operations, VALUES), Relation
//   statement.h        Statement and its nodes (DDL, DML, SHOW, EXPLAIN, ...)

#include "sql/parser/data_type.h"   // IWYU pragma: export
#include "sql/parser/expression.h"  // IWYU pragma: export
#include "sql/parser/identifier.h"  // IWYU pragma: export
#include "sql/parser/query.h"       // IWYU pragma: export
#include "sql/parser/statement.h"   // IWYU pragma: export
