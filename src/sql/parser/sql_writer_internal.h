#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sql/parser/ast.h"

namespace stratus::sql::parser::internal {

/// Accumulates the SQL text of AST nodes (to_sql_expression.cc for
/// expressions, types and names; to_sql_statement.cc for queries, relations
/// and statements).
///
/// Thread safety: none; one print owns it.
class SqlWriter {
 public:
  std::string Take() { return std::move(out_); }

  void Write(const Expression& expression);
  void Write(const DataType& type);
  void Write(const Identifier& identifier);
  void Write(const QualifiedName& name);
  void Write(const Query& query);
  void Write(const QueryBody& body);
  void Write(const Relation& relation);
  void Write(const Statement& statement);

  void WriteString(std::string_view value);
  void WriteExpressions(const std::vector<ExpressionPtr>& expressions);
  /// Writes a function argument: a lambda without the parentheses Write() adds.
  void WriteArgument(const Expression& argument);
  void WriteSortItems(const std::vector<SortItem>& items);
  void WriteWindow(const WindowSpecification& window);
  void WriteIdentifiers(const std::vector<Identifier>& identifiers);

  /// Quotes names with backquotes (Hive DDL) instead of double quotes.
  void set_hive_quotes(bool hive_quotes) { hive_quotes_ = hive_quotes; }

  void Append(std::string_view text) { out_ += text; }

 private:
  void WriteQuoted(std::string_view name);
  void WriteLiteral(const LiteralExpression& literal);
  void WriteFunctionCall(const FunctionCallExpression& call);
  void WriteFrameBound(const FrameBound& bound);
  void WritePostfixBase(const Expression& base);
  void WriteCase(const CaseExpression& expression);
  void WriteConstructor(const Expression& expression);
  void WritePredicate(const Expression& expression);
  void WriteSelect(const SelectBody& select);
  void WriteSetOperand(const QueryBody& body, int parent_precedence, bool right);
  void WriteJoin(const JoinRelation& join);
  void WriteRelationCore(const Relation& relation);
  void WriteCreateTable(const CreateTableStatement& table);
  void WriteRowFormat(const RowFormat& format);
  void WriteAlterTable(const AlterTableStatement& alter);
  void WriteMerge(const MergeStatement& merge);
  void WriteShow(const Statement& statement);
  void WriteSchemaStatement(const Statement& statement);
  void WriteDataStatement(const Statement& statement);
  void WriteSessionStatement(const Statement& statement);
  void WriteColumns(const std::vector<ColumnDefinition>& columns);
  void WriteColumn(const ColumnDefinition& column);
  void WriteProperties(const std::vector<Property>& properties);
  void WriteStringProperties(const std::vector<StringProperty>& properties);
  void WritePartitionSpec(const PartitionSpec& spec);
  void WriteShowFilter(const std::optional<ShowFilter>& filter);
  void WriteAssignments(const std::vector<Assignment>& assignments);

  std::string out_;
  bool hive_quotes_ = false;
};

/// Returns true when `name` needs quotes to be read back as this identifier.
bool NeedsQuotes(std::string_view name);

}  // namespace stratus::sql::parser::internal
