#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/result.h"
#include "sql/parser/ast.h"
#include "sql/parser/parser.h"
#include "sql/parser/token.h"

namespace stratus::sql::parser::internal {

/// The recursive-descent parser over a token vector. Its methods are spread
/// over parser.cc (tokens, names, entry points), parse_expression.cc,
/// parse_primary.cc, parse_query.cc, parse_relation.cc, parse_statement.cc,
/// parse_ddl.cc and parse_data_type.cc. Every Parse* method starts at the
/// current token and leaves the position just past what it read; on error the
/// position is unspecified and the parser must not be used further.
///
/// Thread safety: none; one parse owns it.
class Parser {
 public:
  Parser(std::string_view sql, std::vector<Token> tokens, const ParseOptions& options);

  Result<StatementPtr> ParseSingleStatement();
  Result<std::vector<StatementPtr>> ParseStatements();
  Result<ExpressionPtr> ParseStandaloneExpression();
  Result<DataType> ParseStandaloneDataType();

  // Expressions (parse_expression.cc, parse_primary.cc).
  Result<ExpressionPtr> ParseExpression();
  Result<ExpressionPtr> ParseValue(int min_precedence);
  Result<std::vector<ExpressionPtr>> ParseExpressionList();
  Result<std::vector<SortItem>> ParseSortItems();
  Result<WindowSpecification> ParseWindowSpecification();

  // Queries and relations (parse_query.cc, parse_relation.cc).
  Result<std::unique_ptr<Query>> ParseQuery();
  Result<RelationPtr> ParseRelation();
  bool IsQueryStart(size_t ahead = 0) const;
  bool IsQueryInParentheses(size_t ahead) const;
  size_t MatchingParenthesis(size_t ahead) const;

  // Types (parse_data_type.cc).
  Result<DataType> ParseDataType();

 private:
  // Counts one level of nesting per Deeper() call and restores the count
  // when it goes out of scope.
  class Nesting {
   public:
    explicit Nesting(Parser& parser) : parser_(parser), saved_(parser.depth_) {}

    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

    ~Nesting() { parser_.depth_ = saved_; }

   private:
    Parser& parser_;
    int32_t saved_;
  };

  // Tokens (parser.cc).
  const Token& Current() const { return tokens_[at_]; }

  const Token& PeekToken(size_t ahead) const;

  bool Is(TokenKind kind, size_t ahead = 0) const { return PeekToken(ahead).kind == kind; }

  bool IsKeyword(std::string_view keyword, size_t ahead = 0) const;
  bool IsAnyKeyword(std::initializer_list<std::string_view> keywords, size_t ahead = 0) const;
  bool IsSequence(std::initializer_list<std::string_view> keywords) const;
  const Token& Advance();
  bool Accept(TokenKind kind);
  bool AcceptKeyword(std::string_view keyword);
  bool AcceptSequence(std::initializer_list<std::string_view> keywords);
  Status Expect(TokenKind kind, std::string_view expecting);
  Status ExpectKeyword(std::string_view keyword);
  Status ExpectSequence(std::initializer_list<std::string_view> keywords);
  Status Mismatch(std::string_view expecting) const;
  Status Deeper();
  uint32_t PreviousEnd() const;

  // Names and constants (parser.cc).
  bool IsIdentifierStart(size_t ahead = 0) const;
  bool IsImplicitAliasStart() const;
  Result<Identifier> ParseIdentifier();
  Result<std::vector<Identifier>> ParseIdentifierList();
  Result<QualifiedName> ParseQualifiedName();
  Result<std::string> ParseString();
  Result<std::string> ParseHiveString();
  Result<int64_t> ParseInteger();
  Result<std::optional<Identifier>> ParseOptionalAlias();

  // Statements (parse_statement.cc).
  Result<StatementPtr> ParseStatement();
  Result<StatementPtr> ParseStatementBody();
  Result<StatementPtr> ParseQueryStatement();
  Result<StatementPtr> ParseDeallocate();
  Result<StatementPtr> ParseExplain();
  Result<StatementPtr> ParseShow();
  Result<StatementPtr> ParseShowSchemasOrTables(bool tables, SourcePosition position);
  Result<StatementPtr> ParseDescribe();
  Result<StatementPtr> ParseInsert();
  Result<StatementPtr> ParseMerge();
  Result<MergeClause> ParseMergeClause();
  Result<StatementPtr> ParseUpdate();
  Result<StatementPtr> ParseDelete();
  Result<StatementPtr> ParsePrepare();
  Result<StatementPtr> ParseExecute();
  Result<StatementPtr> ParseUse();
  Result<StatementPtr> ParseUnload();
  Result<std::vector<Assignment>> ParseAssignments();
  Result<std::optional<ShowFilter>> ParseShowFilter();

  // DDL (parse_ddl.cc).
  Result<StatementPtr> ParseCreate();
  Result<StatementPtr> ParseCreateSchema(SourcePosition position);
  Result<StatementPtr> ParseCreateTable(SourcePosition position, bool external);
  Status ParseTableClauses(CreateTableStatement& table);
  Result<StatementPtr> ParseCreateTableAsSelect(SourcePosition position,
                                                bool if_not_exists,
                                                QualifiedName name,
                                                std::vector<Identifier> column_names);
  Result<StatementPtr> ParseCreateView(SourcePosition position, bool or_replace);
  Result<StatementPtr> ParseDrop();
  Result<StatementPtr> ParseAlterTable();
  Status ParseAlterAdd(AlterTableStatement& alter);
  Status ParseAlterDrop(AlterTableStatement& alter);
  Result<StatementPtr> ParseRepairTable();
  Result<StatementPtr> ParseOptimize();
  Result<StatementPtr> ParseVacuum();
  Result<ColumnDefinition> ParseColumnDefinition();
  Result<std::vector<ColumnDefinition>> ParseColumnDefinitions();
  Status ParsePartitionedBy(CreateTableStatement& table);
  Result<ClusteredBy> ParseClusteredBy();
  Result<RowFormat> ParseRowFormat();
  Result<StorageFormat> ParseStorageFormat();
  Result<std::vector<StringProperty>> ParseStringProperties();
  Result<std::vector<Property>> ParseProperties();
  Result<PartitionSpec> ParsePartitionSpec();

  // Expressions (parse_expression.cc).
  Result<ExpressionPtr> ParseOr();
  Result<ExpressionPtr> ParseAnd();
  Result<ExpressionPtr> ParseNot();
  Result<ExpressionPtr> ParsePredicate();
  Result<ExpressionPtr> ParseComparison(ExpressionPtr left, BinaryOperator op);
  Result<ExpressionPtr> ParseInPredicate(ExpressionPtr value,
                                         bool negated,
                                         SourcePosition position);
  Result<ExpressionPtr> ParseIsPredicate(ExpressionPtr value, SourcePosition position);
  Result<ExpressionPtr> ParseUnary();
  Result<ExpressionPtr> ParseAtTimeZone();
  Result<ExpressionPtr> ParsePostfix();

  // Primary expressions (parse_primary.cc).
  Result<ExpressionPtr> ParsePrimary();
  Result<ExpressionPtr> ParseWordPrimary();
  Result<ExpressionPtr> ParseKeywordPrimary(bool* handled);
  Result<ExpressionPtr> ParseParenthesized();
  Result<ExpressionPtr> ParseNumber();
  Result<ExpressionPtr> ParseStringLiteral();
  Result<ExpressionPtr> ParseUnicodeString();
  Result<ExpressionPtr> ParseBinaryLiteral();
  Result<ExpressionPtr> ParseTypedLiteral();
  Result<ExpressionPtr> ParseInterval();
  Result<ExpressionPtr> ParseCase();
  Result<ExpressionPtr> ParseCast(bool is_try);
  Result<ExpressionPtr> ParseExtract();
  Result<ExpressionPtr> ParseArray();
  Result<ExpressionPtr> ParseRow();
  Result<ExpressionPtr> ParsePosition();
  Result<ExpressionPtr> ParseTrim();
  Result<ExpressionPtr> ParseCurrentValue(CurrentValue value, bool allow_precision);
  Result<ExpressionPtr> ParseLambda();
  Result<ExpressionPtr> ParseFunctionCall(QualifiedName name);
  Status ParseFunctionArguments(FunctionCallExpression& call);
  Status ParseFunctionSuffix(FunctionCallExpression& call);
  Result<WindowFrame> ParseWindowFrame();
  Result<FrameBound> ParseFrameBound();
  bool IsLambdaStart() const;
  size_t QualifiedFunctionNameLength() const;

  // Queries (parse_query.cc, parse_relation.cc).
  Status ParseWith(Query& query);
  Status ParseLimitClauses(Query& query);
  Result<ExpressionPtr> ParseRowCount();
  Result<std::unique_ptr<QueryBody>> ParseSetOperations();
  Result<std::unique_ptr<QueryBody>> ParseIntersections();
  Result<std::unique_ptr<QueryBody>> ParseQueryPrimary();
  Result<std::unique_ptr<QueryBody>> ParseSelect();
  Result<std::unique_ptr<QueryBody>> ParseValues();
  Result<SelectItem> ParseSelectItem();
  bool IsAllColumnsStart() const;
  Result<GroupBy> ParseGroupBy();
  Result<GroupingElement> ParseGroupingElement();
  Result<std::vector<NamedWindow>> ParseWindowClause();
  Result<RelationPtr> ParseJoinedRelation();
  Result<RelationPtr> ParseAliasedRelation();
  Result<RelationPtr> ParseRelationPrimary();
  Result<RelationPtr> ParseTableRelation();
  Status ParseJoinCriteria(JoinRelation& join);

  // Types (parse_data_type.cc).
  Result<DataType> ParseRowType(SourcePosition position);
  Result<DataType> ParseStructType(SourcePosition position);
  Result<DataType> ParseTimeType(DataType type);
  Result<DataType> ParseTypeParameters(DataType type);
  bool IsAnonymousRowField() const;

  std::string_view sql_;
  std::vector<Token> tokens_;
  // For each token: the index of the ')' matching it when it is a '(' (or
  // tokens_.size()), and the index of the first token from it on that is not
  // a '('. Computed once, so that deciding what a '(' opens stays linear.
  std::vector<uint32_t> matching_parenthesis_;
  std::vector<uint32_t> after_parentheses_;
  size_t at_ = 0;
  // Positions of '(' that did not parse as a query (ParseRelationPrimary).
  std::unordered_set<size_t> not_a_query_;
  int32_t depth_ = 0;
  int32_t max_depth_;
  int32_t num_parameters_ = 0;
};

/// Returns the token text lowercased (for identifiers) or uppercased.
std::string AsciiLower(std::string_view text);
std::string AsciiUpper(std::string_view text);

/// Returns a quoted token's content with the doubled quotes undone.
std::string Unquote(std::string_view quoted);

}  // namespace stratus::sql::parser::internal
