// FROM items: comma lists, joins (left-deep), aliases with column lists,
// TABLESAMPLE, subqueries, UNNEST, LATERAL and time travel on tables.

#include <memory>
#include <utility>
#include <vector>

#include "sql/parser/parser_internal.h"

namespace stratus::sql::parser::internal {

Result<RelationPtr> Parser::ParseRelation() {
  Nesting nesting(*this);
  STRATUS_ASSIGN_OR_RETURN(RelationPtr left, ParseJoinedRelation());
  while (Accept(TokenKind::kComma)) {
    STRATUS_RETURN_IF_ERROR(Deeper());
    auto join = std::make_unique<JoinRelation>(left->position);
    join->type = JoinType::kImplicit;
    join->left = std::move(left);
    STRATUS_ASSIGN_OR_RETURN(join->right, ParseJoinedRelation());
    left = std::move(join);
  }
  return left;
}

Result<RelationPtr> Parser::ParseJoinedRelation() {
  Nesting nesting(*this);
  STRATUS_RETURN_IF_ERROR(Deeper());
  STRATUS_ASSIGN_OR_RETURN(RelationPtr left, ParseAliasedRelation());
  while (true) {
    const SourcePosition position = left->position;
    if (AcceptSequence({"CROSS", "JOIN"})) {
      STRATUS_RETURN_IF_ERROR(Deeper());
      auto join = std::make_unique<JoinRelation>(position);
      join->type = JoinType::kCross;
      join->left = std::move(left);
      STRATUS_ASSIGN_OR_RETURN(join->right, ParseAliasedRelation());
      left = std::move(join);
      continue;
    }
    const bool natural = IsKeyword("NATURAL");
    const size_t start = at_;
    if (natural) {
      Advance();
    }
    JoinType type = JoinType::kInner;
    if (AcceptKeyword("INNER")) {
      type = JoinType::kInner;
    } else if (AcceptKeyword("LEFT")) {
      type = JoinType::kLeft;
      AcceptKeyword("OUTER");
    } else if (AcceptKeyword("RIGHT")) {
      type = JoinType::kRight;
      AcceptKeyword("OUTER");
    } else if (AcceptKeyword("FULL")) {
      type = JoinType::kFull;
      AcceptKeyword("OUTER");
    }
    if (!AcceptKeyword("JOIN")) {
      if (at_ != start) {
        return Mismatch("'JOIN'");
      }
      return left;
    }
    STRATUS_RETURN_IF_ERROR(Deeper());
    auto join = std::make_unique<JoinRelation>(position);
    join->type = type;
    join->natural = natural;
    join->left = std::move(left);
    STRATUS_ASSIGN_OR_RETURN(join->right, ParseAliasedRelation());
    if (!natural) {
      STRATUS_RETURN_IF_ERROR(ParseJoinCriteria(*join));
    }
    left = std::move(join);
  }
}

Status Parser::ParseJoinCriteria(JoinRelation& join) {
  if (AcceptKeyword("ON")) {
    STRATUS_ASSIGN_OR_RETURN(join.condition, ParseExpression());
    return Status::Ok();
  }
  if (AcceptKeyword("USING")) {
    STRATUS_ASSIGN_OR_RETURN(join.using_columns, ParseIdentifierList());
    return Status::Ok();
  }
  return Mismatch("'ON', 'USING'");
}

Result<RelationPtr> Parser::ParseAliasedRelation() {
  STRATUS_ASSIGN_OR_RETURN(RelationPtr relation, ParseRelationPrimary());
  STRATUS_ASSIGN_OR_RETURN(relation->alias, ParseOptionalAlias());
  if (relation->alias.has_value() && Is(TokenKind::kLeftParen)) {
    STRATUS_ASSIGN_OR_RETURN(relation->column_aliases, ParseIdentifierList());
  }
  if (IsKeyword("TABLESAMPLE") && IsAnyKeyword({"BERNOULLI", "SYSTEM"}, 1)) {
    Advance();
    TableSample sample;
    sample.method = IsKeyword("BERNOULLI") ? SampleMethod::kBernoulli : SampleMethod::kSystem;
    Advance();
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
    STRATUS_ASSIGN_OR_RETURN(sample.percentage, ParseExpression());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    relation->sample = std::move(sample);
  }
  return relation;
}

Result<RelationPtr> Parser::ParseRelationPrimary() {
  const SourcePosition position = Current().position;
  if (Is(TokenKind::kLeftParen)) {
    const size_t start = at_;
    const bool query = IsQueryInParentheses(0) && !not_a_query_.contains(start);
    Advance();
    if (query) {
      const int32_t parameters = num_parameters_;
      auto subquery = std::make_unique<SubqueryRelation>(position);
      Result<std::unique_ptr<Query>> parsed = ParseQuery();
      if (parsed.ok() && Is(TokenKind::kRightParen)) {
        Advance();
        subquery->query = std::move(*parsed);
        return RelationPtr(std::move(subquery));
      }
      // "((SELECT ...) JOIN b ON ...)": a parenthesised join whose first
      // relation is a subquery. Read it as a relation; report the query's
      // error if that fails too.
      const Status query_error =
          parsed.ok() ? Expect(TokenKind::kRightParen, "')'") : parsed.status();
      // Each '(' is tried as a query at most once, so nested parentheses stay linear.
      not_a_query_.insert(start);
      at_ = start + 1;
      num_parameters_ = parameters;
      Result<RelationPtr> inner = ParseRelation();
      if (!inner.ok() || !Is(TokenKind::kRightParen)) {
        return query_error;
      }
      Advance();
      return std::move(*inner);
    }
    // A parenthesised relation, "(a JOIN b)": the inner relation itself.
    STRATUS_ASSIGN_OR_RETURN(RelationPtr inner, ParseRelation());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    return inner;
  }
  if (IsKeyword("UNNEST") && Is(TokenKind::kLeftParen, 1)) {
    at_ += 2;
    auto unnest = std::make_unique<UnnestRelation>(position);
    STRATUS_ASSIGN_OR_RETURN(unnest->expressions, ParseExpressionList());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
    unnest->with_ordinality = AcceptSequence({"WITH", "ORDINALITY"});
    return RelationPtr(std::move(unnest));
  }
  if (IsKeyword("LATERAL") && Is(TokenKind::kLeftParen, 1)) {
    at_ += 2;
    auto lateral = std::make_unique<LateralRelation>(position);
    STRATUS_ASSIGN_OR_RETURN(lateral->query, ParseQuery());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    return RelationPtr(std::move(lateral));
  }
  if (!IsIdentifierStart()) {
    return Mismatch("<identifier>, '(', 'UNNEST', 'LATERAL'");
  }
  return ParseTableRelation();
}

Result<RelationPtr> Parser::ParseTableRelation() {
  auto table = std::make_unique<TableRelation>(Current().position);
  STRATUS_ASSIGN_OR_RETURN(table->name, ParseQualifiedName());
  if (IsKeyword("FOR") && IsAnyKeyword({"TIMESTAMP", "VERSION", "SYSTEM_TIME"}, 1) &&
      IsKeyword("AS", 2) && IsKeyword("OF", 3)) {
    table->time_travel =
        IsKeyword("VERSION", 1) ? TimeTravelKind::kVersion : TimeTravelKind::kTimestamp;
    at_ += 4;
    STRATUS_ASSIGN_OR_RETURN(table->time_travel_value, ParseValue(0));
  }
  return RelationPtr(std::move(table));
}

}  // namespace stratus::sql::parser::internal
