// Statement dispatch, queries as statements, EXPLAIN, SHOW and DESCRIBE, DML
// (INSERT, MERGE, UPDATE, DELETE), prepared statements, USE and UNLOAD.

#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "base/format.h"
#include "sql/parser/parser_internal.h"

namespace stratus::sql::parser::internal {

Result<StatementPtr> Parser::ParseStatement() {
  Nesting nesting(*this);
  STRATUS_RETURN_IF_ERROR(Deeper());
  const uint32_t begin = Current().offset;
  Result<StatementPtr> statement = ParseStatementBody();
  if (statement.ok()) {
    (*statement)->span = SourceSpan{.offset = begin, .length = PreviousEnd() - begin};
  }
  return statement;
}

Result<StatementPtr> Parser::ParseStatementBody() {
  if (IsQueryStart() || Is(TokenKind::kLeftParen)) {
    return ParseQueryStatement();
  }
  using Method = Result<StatementPtr> (Parser::*)();

  struct Entry {
    std::string_view keyword;
    Method parse;
  };

  static constexpr Entry kEntries[] = {
      {"ALTER", &Parser::ParseAlterTable},
      {"CREATE", &Parser::ParseCreate},
      {"DEALLOCATE", &Parser::ParseDeallocate},
      {"DELETE", &Parser::ParseDelete},
      {"DESC", &Parser::ParseDescribe},
      {"DESCRIBE", &Parser::ParseDescribe},
      {"DROP", &Parser::ParseDrop},
      {"EXECUTE", &Parser::ParseExecute},
      {"EXPLAIN", &Parser::ParseExplain},
      {"INSERT", &Parser::ParseInsert},
      {"MERGE", &Parser::ParseMerge},
      {"MSCK", &Parser::ParseRepairTable},
      {"OPTIMIZE", &Parser::ParseOptimize},
      {"PREPARE", &Parser::ParsePrepare},
      {"SHOW", &Parser::ParseShow},
      {"UNLOAD", &Parser::ParseUnload},
      {"UPDATE", &Parser::ParseUpdate},
      {"USE", &Parser::ParseUse},
      {"VACUUM", &Parser::ParseVacuum},
  };
  for (const Entry& entry : kEntries) {
    if (IsKeyword(entry.keyword)) {
      return (this->*entry.parse)();
    }
  }
  return Mismatch(
      "'ALTER', 'CREATE', 'DEALLOCATE', 'DELETE', 'DESC', 'DESCRIBE', 'DROP', 'EXECUTE', "
      "'EXPLAIN', 'INSERT', 'MERGE', 'MSCK', 'OPTIMIZE', 'PREPARE', 'SELECT', 'SHOW', "
      "'UNLOAD', 'UPDATE', 'USE', 'VACUUM', 'VALUES', 'WITH', <query>");
}

Result<StatementPtr> Parser::ParseDeallocate() {
  auto deallocate = std::make_unique<DeallocateStatement>(Advance().position);
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("PREPARE"));
  STRATUS_ASSIGN_OR_RETURN(deallocate->name, ParseIdentifier());
  return StatementPtr(std::move(deallocate));
}

Result<StatementPtr> Parser::ParseQueryStatement() {
  auto statement = std::make_unique<QueryStatement>(Current().position);
  STRATUS_ASSIGN_OR_RETURN(statement->query, ParseQuery());
  return StatementPtr(std::move(statement));
}

Result<StatementPtr> Parser::ParseExplain() {
  auto explain = std::make_unique<ExplainStatement>(Advance().position);
  explain->analyze = AcceptKeyword("ANALYZE");
  explain->verbose = AcceptKeyword("VERBOSE");
  if (Is(TokenKind::kLeftParen) && IsAnyKeyword({"TYPE", "FORMAT"}, 1)) {
    Advance();
    do {
      const bool is_type = IsKeyword("TYPE");
      if (!AcceptKeyword("TYPE") && !AcceptKeyword("FORMAT")) {
        return Mismatch("'TYPE', 'FORMAT'");
      }
      STRATUS_ASSIGN_OR_RETURN(Identifier value, ParseIdentifier());
      (is_type ? explain->type : explain->format) = AsciiUpper(value.original);
    } while (Accept(TokenKind::kComma));
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
  }
  STRATUS_ASSIGN_OR_RETURN(explain->statement, ParseStatement());
  return StatementPtr(std::move(explain));
}

Result<std::optional<ShowFilter>> Parser::ParseShowFilter() {
  ShowFilter filter;
  if (AcceptKeyword("LIKE")) {
    filter.like_keyword = true;
    STRATUS_ASSIGN_OR_RETURN(filter.pattern, ParseString());
    if (AcceptKeyword("ESCAPE")) {
      STRATUS_ASSIGN_OR_RETURN(std::string escape, ParseString());
      filter.escape = std::move(escape);
    }
    return std::optional<ShowFilter>(std::move(filter));
  }
  if (Is(TokenKind::kString)) {
    STRATUS_ASSIGN_OR_RETURN(filter.pattern, ParseString());
    return std::optional<ShowFilter>(std::move(filter));
  }
  return std::optional<ShowFilter>();
}

Result<StatementPtr> Parser::ParseShowSchemasOrTables(bool tables, SourcePosition position) {
  std::optional<QualifiedName> from;
  if (AcceptKeyword("FROM") || AcceptKeyword("IN")) {
    STRATUS_ASSIGN_OR_RETURN(QualifiedName name, ParseQualifiedName());
    from = std::move(name);
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<ShowFilter> filter, ParseShowFilter());
  if (tables) {
    auto show = std::make_unique<ShowTablesStatement>(position);
    show->schema = std::move(from);
    show->filter = std::move(filter);
    return StatementPtr(std::move(show));
  }
  auto show = std::make_unique<ShowSchemasStatement>(position);
  if (from.has_value()) {
    show->catalog = std::move(from->parts.back());
  }
  show->filter = std::move(filter);
  return StatementPtr(std::move(show));
}

Result<StatementPtr> Parser::ParseShow() {
  const SourcePosition position = Advance().position;
  if (AcceptKeyword("DATABASES") || AcceptKeyword("SCHEMAS")) {
    return ParseShowSchemasOrTables(false, position);
  }
  if (AcceptKeyword("TABLES")) {
    return ParseShowSchemasOrTables(true, position);
  }
  if (AcceptKeyword("VIEWS")) {
    auto show = std::make_unique<ShowViewsStatement>(position);
    if (AcceptKeyword("FROM") || AcceptKeyword("IN")) {
      STRATUS_ASSIGN_OR_RETURN(QualifiedName name, ParseQualifiedName());
      show->schema = std::move(name);
    }
    STRATUS_ASSIGN_OR_RETURN(show->filter, ParseShowFilter());
    return StatementPtr(std::move(show));
  }
  if (AcceptKeyword("FUNCTIONS")) {
    auto show = std::make_unique<ShowFunctionsStatement>(position);
    STRATUS_ASSIGN_OR_RETURN(show->filter, ParseShowFilter());
    return StatementPtr(std::move(show));
  }
  if (AcceptKeyword("COLUMNS")) {
    auto show = std::make_unique<ShowColumnsStatement>(position);
    if (!AcceptKeyword("FROM") && !AcceptKeyword("IN")) {
      return Mismatch("'FROM', 'IN'");
    }
    STRATUS_ASSIGN_OR_RETURN(show->table, ParseQualifiedName());
    if (AcceptKeyword("FROM") || AcceptKeyword("IN")) {
      STRATUS_ASSIGN_OR_RETURN(QualifiedName schema, ParseQualifiedName());
      show->schema = std::move(schema);
    }
    return StatementPtr(std::move(show));
  }
  if (AcceptKeyword("CREATE")) {
    auto show = std::make_unique<ShowCreateStatement>(position);
    if (AcceptKeyword("VIEW")) {
      show->object = ShowCreateKind::kView;
    } else if (AcceptKeyword("TABLE")) {
      show->object = ShowCreateKind::kTable;
    } else {
      return Mismatch("'TABLE', 'VIEW'");
    }
    STRATUS_ASSIGN_OR_RETURN(show->name, ParseQualifiedName());
    return StatementPtr(std::move(show));
  }
  if (AcceptKeyword("PARTITIONS")) {
    auto show = std::make_unique<ShowPartitionsStatement>(position);
    if (!AcceptKeyword("FROM")) {
      AcceptKeyword("IN");
    }
    STRATUS_ASSIGN_OR_RETURN(show->table, ParseQualifiedName());
    return StatementPtr(std::move(show));
  }
  if (AcceptKeyword("TBLPROPERTIES")) {
    auto show = std::make_unique<ShowTablePropertiesStatement>(position);
    STRATUS_ASSIGN_OR_RETURN(show->table, ParseQualifiedName());
    if (Accept(TokenKind::kLeftParen)) {
      STRATUS_ASSIGN_OR_RETURN(std::string key, ParseString());
      show->key = std::move(key);
      STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    }
    return StatementPtr(std::move(show));
  }
  return Mismatch(
      "'COLUMNS', 'CREATE', 'DATABASES', 'FUNCTIONS', 'PARTITIONS', 'SCHEMAS', 'TABLES', "
      "'TBLPROPERTIES', 'VIEWS'");
}

Result<StatementPtr> Parser::ParseDescribe() {
  auto describe = std::make_unique<DescribeStatement>(Advance().position);
  if (IsAnyKeyword({"INPUT", "OUTPUT"}) && IsIdentifierStart(1) &&
      (Is(TokenKind::kEnd, 2) || Is(TokenKind::kSemicolon, 2))) {
    describe->target = IsKeyword("INPUT") ? DescribeTarget::kInput : DescribeTarget::kOutput;
    Advance();
    STRATUS_ASSIGN_OR_RETURN(describe->table, ParseQualifiedName());
    return StatementPtr(std::move(describe));
  }
  if (IsIdentifierStart(1)) {
    // "DESCRIBE EXTENDED t" but not "DESCRIBE extended" (a table named extended).
    if (AcceptKeyword("EXTENDED")) {
      describe->extended = true;
    } else if (AcceptKeyword("FORMATTED")) {
      describe->formatted = true;
    }
  }
  STRATUS_ASSIGN_OR_RETURN(describe->table, ParseQualifiedName());
  if (IsKeyword("PARTITION") && Is(TokenKind::kLeftParen, 1)) {
    STRATUS_ASSIGN_OR_RETURN(PartitionSpec partition, ParsePartitionSpec());
    describe->partition = std::move(partition);
  }
  if (IsIdentifierStart()) {
    STRATUS_ASSIGN_OR_RETURN(QualifiedName column, ParseQualifiedName());
    describe->column = std::move(column);
  }
  return StatementPtr(std::move(describe));
}

Result<StatementPtr> Parser::ParseInsert() {
  auto insert = std::make_unique<InsertStatement>(Advance().position);
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("INTO"));
  STRATUS_ASSIGN_OR_RETURN(insert->table, ParseQualifiedName());
  if (Is(TokenKind::kLeftParen) && !IsQueryInParentheses(0)) {
    STRATUS_ASSIGN_OR_RETURN(insert->columns, ParseIdentifierList());
  }
  STRATUS_ASSIGN_OR_RETURN(insert->query, ParseQuery());
  return StatementPtr(std::move(insert));
}

Result<std::vector<Assignment>> Parser::ParseAssignments() {
  std::vector<Assignment> assignments;
  do {
    Assignment assignment;
    STRATUS_ASSIGN_OR_RETURN(assignment.column, ParseIdentifier());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kEqual, "'='"));
    STRATUS_ASSIGN_OR_RETURN(assignment.value, ParseExpression());
    assignments.push_back(std::move(assignment));
  } while (Accept(TokenKind::kComma));
  return assignments;
}

Result<StatementPtr> Parser::ParseMerge() {
  auto merge = std::make_unique<MergeStatement>(Advance().position);
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("INTO"));
  STRATUS_ASSIGN_OR_RETURN(merge->target, ParseQualifiedName());
  STRATUS_ASSIGN_OR_RETURN(merge->target_alias, ParseOptionalAlias());
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("USING"));
  STRATUS_ASSIGN_OR_RETURN(merge->source, ParseAliasedRelation());
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("ON"));
  STRATUS_ASSIGN_OR_RETURN(merge->condition, ParseExpression());
  if (!IsKeyword("WHEN")) {
    return Mismatch("'WHEN'");
  }
  while (IsKeyword("WHEN")) {
    STRATUS_ASSIGN_OR_RETURN(MergeClause clause, ParseMergeClause());
    merge->clauses.push_back(std::move(clause));
  }
  return StatementPtr(std::move(merge));
}

Result<MergeClause> Parser::ParseMergeClause() {
  MergeClause clause;
  clause.position = Advance().position;  // WHEN
  clause.matched = !AcceptKeyword("NOT");
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("MATCHED"));
  if (AcceptKeyword("AND")) {
    STRATUS_ASSIGN_OR_RETURN(clause.condition, ParseExpression());
  }
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("THEN"));
  if (clause.matched) {
    if (AcceptKeyword("DELETE")) {
      clause.action = MergeAction::kDelete;
      return clause;
    }
    if (!AcceptSequence({"UPDATE", "SET"})) {
      return Mismatch("'UPDATE', 'DELETE'");
    }
    clause.action = MergeAction::kUpdate;
    STRATUS_ASSIGN_OR_RETURN(clause.assignments, ParseAssignments());
    return clause;
  }
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("INSERT"));
  clause.action = MergeAction::kInsert;
  if (Is(TokenKind::kLeftParen)) {
    STRATUS_ASSIGN_OR_RETURN(clause.insert_columns, ParseIdentifierList());
  }
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("VALUES"));
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  STRATUS_ASSIGN_OR_RETURN(clause.insert_values, ParseExpressionList());
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
  return clause;
}

Result<StatementPtr> Parser::ParseUpdate() {
  auto update = std::make_unique<UpdateStatement>(Advance().position);
  STRATUS_ASSIGN_OR_RETURN(update->table, ParseQualifiedName());
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("SET"));
  STRATUS_ASSIGN_OR_RETURN(update->assignments, ParseAssignments());
  if (AcceptKeyword("WHERE")) {
    STRATUS_ASSIGN_OR_RETURN(update->where, ParseExpression());
  }
  return StatementPtr(std::move(update));
}

Result<StatementPtr> Parser::ParseDelete() {
  auto remove = std::make_unique<DeleteStatement>(Advance().position);
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("FROM"));
  STRATUS_ASSIGN_OR_RETURN(remove->table, ParseQualifiedName());
  if (AcceptKeyword("WHERE")) {
    STRATUS_ASSIGN_OR_RETURN(remove->where, ParseExpression());
  }
  return StatementPtr(std::move(remove));
}

Result<StatementPtr> Parser::ParsePrepare() {
  auto prepare = std::make_unique<PrepareStatement>(Advance().position);
  STRATUS_ASSIGN_OR_RETURN(prepare->name, ParseIdentifier());
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("FROM"));
  STRATUS_ASSIGN_OR_RETURN(prepare->statement, ParseStatement());
  return StatementPtr(std::move(prepare));
}

Result<StatementPtr> Parser::ParseExecute() {
  auto execute = std::make_unique<ExecuteStatement>(Advance().position);
  STRATUS_ASSIGN_OR_RETURN(execute->name, ParseIdentifier());
  if (AcceptKeyword("USING")) {
    STRATUS_ASSIGN_OR_RETURN(execute->parameters, ParseExpressionList());
  }
  return StatementPtr(std::move(execute));
}

Result<StatementPtr> Parser::ParseUse() {
  auto use = std::make_unique<UseStatement>(Advance().position);
  STRATUS_ASSIGN_OR_RETURN(use->schema, ParseIdentifier());
  if (Accept(TokenKind::kDot)) {
    use->catalog = std::move(use->schema);
    STRATUS_ASSIGN_OR_RETURN(use->schema, ParseIdentifier());
  }
  return StatementPtr(std::move(use));
}

Result<StatementPtr> Parser::ParseUnload() {
  auto unload = std::make_unique<UnloadStatement>(Advance().position);
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  STRATUS_ASSIGN_OR_RETURN(unload->query, ParseQuery());
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("TO"));
  STRATUS_ASSIGN_OR_RETURN(unload->location, ParseString());
  if (AcceptKeyword("WITH")) {
    STRATUS_ASSIGN_OR_RETURN(unload->properties, ParseProperties());
  }
  return StatementPtr(std::move(unload));
}

}  // namespace stratus::sql::parser::internal
