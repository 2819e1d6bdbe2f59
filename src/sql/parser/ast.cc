// Out-of-line members of the AST: destructors of nodes that own a Query
// (declared where Query is incomplete) and operator spellings.

#include "sql/parser/ast.h"

namespace stratus::sql::parser {

InSubqueryExpression::InSubqueryExpression(SourcePosition node_position)
    : ExpressionOf(node_position) {}

InSubqueryExpression::~InSubqueryExpression() = default;

ExistsExpression::ExistsExpression(SourcePosition node_position) : ExpressionOf(node_position) {}

ExistsExpression::~ExistsExpression() = default;

SubqueryExpression::SubqueryExpression(SourcePosition node_position)
    : ExpressionOf(node_position) {}

SubqueryExpression::~SubqueryExpression() = default;

QuantifiedComparisonExpression::QuantifiedComparisonExpression(SourcePosition node_position)
    : ExpressionOf(node_position) {}

QuantifiedComparisonExpression::~QuantifiedComparisonExpression() = default;

Query::Query() = default;
Query::~Query() = default;

SelectBody::SelectBody(SourcePosition node_position) : QueryBodyOf(node_position) {}

SelectBody::~SelectBody() = default;

SubqueryRelation::SubqueryRelation(SourcePosition node_position) : RelationOf(node_position) {}

SubqueryRelation::~SubqueryRelation() = default;

LateralRelation::LateralRelation(SourcePosition node_position) : RelationOf(node_position) {}

LateralRelation::~LateralRelation() = default;

QueryStatement::QueryStatement(SourcePosition node_position) : StatementOf(node_position) {}

QueryStatement::~QueryStatement() = default;

CreateTableAsSelectStatement::CreateTableAsSelectStatement(SourcePosition node_position)
    : StatementOf(node_position) {}

CreateTableAsSelectStatement::~CreateTableAsSelectStatement() = default;

CreateViewStatement::CreateViewStatement(SourcePosition node_position)
    : StatementOf(node_position) {}

CreateViewStatement::~CreateViewStatement() = default;

InsertStatement::InsertStatement(SourcePosition node_position) : StatementOf(node_position) {}

InsertStatement::~InsertStatement() = default;

MergeStatement::MergeStatement(SourcePosition node_position) : StatementOf(node_position) {}

MergeStatement::~MergeStatement() = default;

UnloadStatement::UnloadStatement(SourcePosition node_position) : StatementOf(node_position) {}

UnloadStatement::~UnloadStatement() = default;

const char* BinaryOperatorSql(BinaryOperator op) {
  switch (op) {
    case BinaryOperator::kAdd:
      return "+";
    case BinaryOperator::kSubtract:
      return "-";
    case BinaryOperator::kMultiply:
      return "*";
    case BinaryOperator::kDivide:
      return "/";
    case BinaryOperator::kModulo:
      return "%";
    case BinaryOperator::kConcat:
      return "||";
    case BinaryOperator::kEqual:
      return "=";
    case BinaryOperator::kNotEqual:
      return "<>";
    case BinaryOperator::kLess:
      return "<";
    case BinaryOperator::kLessOrEqual:
      return "<=";
    case BinaryOperator::kGreater:
      return ">";
    case BinaryOperator::kGreaterOrEqual:
      return ">=";
    case BinaryOperator::kIsDistinctFrom:
      return "IS DISTINCT FROM";
    case BinaryOperator::kIsNotDistinctFrom:
      return "IS NOT DISTINCT FROM";
    case BinaryOperator::kAnd:
      return "AND";
    case BinaryOperator::kOr:
      return "OR";
  }
  return "?";
}

const char* CurrentValueSql(CurrentValue value) {
  switch (value) {
    case CurrentValue::kCurrentDate:
      return "CURRENT_DATE";
    case CurrentValue::kCurrentTime:
      return "CURRENT_TIME";
    case CurrentValue::kCurrentTimestamp:
      return "CURRENT_TIMESTAMP";
    case CurrentValue::kLocalTime:
      return "LOCALTIME";
    case CurrentValue::kLocalTimestamp:
      return "LOCALTIMESTAMP";
    case CurrentValue::kCurrentUser:
      return "CURRENT_USER";
    case CurrentValue::kCurrentCatalog:
      return "CURRENT_CATALOG";
    case CurrentValue::kCurrentSchema:
      return "CURRENT_SCHEMA";
    case CurrentValue::kCurrentPath:
      return "CURRENT_PATH";
  }
  return "?";
}

}  // namespace stratus::sql::parser
