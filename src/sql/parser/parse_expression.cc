// Boolean, predicate and arithmetic levels of expressions, following Trino's
// precedence from loosest to tightest: OR, AND, NOT, predicates (comparison,
// BETWEEN, IN, LIKE, IS), ||, + -, * / %, unary + -, AT TIME ZONE, then
// subscripts and field references. A predicate applies once to a value
// expression, as in Trino (`a = b = c` does not parse).

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "sql/parser/parser_internal.h"

namespace stratus::sql::parser::internal {
namespace {

std::optional<BinaryOperator> ComparisonAt(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEqual:
      return BinaryOperator::kEqual;
    case TokenKind::kNotEqual:
      return BinaryOperator::kNotEqual;
    case TokenKind::kLess:
      return BinaryOperator::kLess;
    case TokenKind::kLessOrEqual:
      return BinaryOperator::kLessOrEqual;
    case TokenKind::kGreater:
      return BinaryOperator::kGreater;
    case TokenKind::kGreaterOrEqual:
      return BinaryOperator::kGreaterOrEqual;
    default:
      return std::nullopt;
  }
}

struct ArithmeticOperator {
  BinaryOperator op = BinaryOperator::kAdd;
  int precedence = 0;
};

std::optional<ArithmeticOperator> ArithmeticAt(const Token& token) {
  switch (token.kind) {
    case TokenKind::kConcat:
      return ArithmeticOperator{BinaryOperator::kConcat, 1};
    case TokenKind::kPlus:
      return ArithmeticOperator{BinaryOperator::kAdd, 2};
    case TokenKind::kMinus:
      return ArithmeticOperator{BinaryOperator::kSubtract, 2};
    case TokenKind::kStar:
      return ArithmeticOperator{BinaryOperator::kMultiply, 3};
    case TokenKind::kSlash:
      return ArithmeticOperator{BinaryOperator::kDivide, 3};
    case TokenKind::kPercent:
      return ArithmeticOperator{BinaryOperator::kModulo, 3};
    default:
      return std::nullopt;
  }
}

ExpressionPtr MakeBinary(BinaryOperator op, ExpressionPtr left, ExpressionPtr right) {
  auto binary = std::make_unique<BinaryExpression>(left->position);
  binary->op = op;
  binary->left = std::move(left);
  binary->right = std::move(right);
  return binary;
}

}  // namespace

Result<ExpressionPtr> Parser::ParseExpression() {
  Nesting nesting(*this);
  STRATUS_RETURN_IF_ERROR(Deeper());
  return ParseOr();
}

Result<std::vector<ExpressionPtr>> Parser::ParseExpressionList() {
  std::vector<ExpressionPtr> list;
  do {
    STRATUS_ASSIGN_OR_RETURN(ExpressionPtr expression, ParseExpression());
    list.push_back(std::move(expression));
  } while (Accept(TokenKind::kComma));
  return list;
}

Result<ExpressionPtr> Parser::ParseOr() {
  Nesting nesting(*this);
  STRATUS_ASSIGN_OR_RETURN(ExpressionPtr left, ParseAnd());
  while (AcceptKeyword("OR")) {
    STRATUS_RETURN_IF_ERROR(Deeper());
    STRATUS_ASSIGN_OR_RETURN(ExpressionPtr right, ParseAnd());
    left = MakeBinary(BinaryOperator::kOr, std::move(left), std::move(right));
  }
  return left;
}

Result<ExpressionPtr> Parser::ParseAnd() {
  Nesting nesting(*this);
  STRATUS_ASSIGN_OR_RETURN(ExpressionPtr left, ParseNot());
  while (AcceptKeyword("AND")) {
    STRATUS_RETURN_IF_ERROR(Deeper());
    STRATUS_ASSIGN_OR_RETURN(ExpressionPtr right, ParseNot());
    left = MakeBinary(BinaryOperator::kAnd, std::move(left), std::move(right));
  }
  return left;
}

Result<ExpressionPtr> Parser::ParseNot() {
  if (!IsKeyword("NOT")) {
    return ParsePredicate();
  }
  Nesting nesting(*this);
  STRATUS_RETURN_IF_ERROR(Deeper());
  auto negation = std::make_unique<UnaryExpression>(Advance().position);
  negation->op = UnaryOperator::kNot;
  STRATUS_ASSIGN_OR_RETURN(negation->operand, ParseNot());
  return ExpressionPtr(std::move(negation));
}

Result<ExpressionPtr> Parser::ParsePredicate() {
  STRATUS_ASSIGN_OR_RETURN(ExpressionPtr value, ParseValue(0));
  if (const std::optional<BinaryOperator> op = ComparisonAt(Current())) {
    Advance();
    return ParseComparison(std::move(value), *op);
  }
  const SourcePosition position = value->position;
  bool negated = false;
  if (IsKeyword("NOT") && IsAnyKeyword({"BETWEEN", "IN", "LIKE"}, 1)) {
    Advance();
    negated = true;
  }
  if (AcceptKeyword("BETWEEN")) {
    auto between = std::make_unique<BetweenExpression>(position);
    between->value = std::move(value);
    between->negated = negated;
    STRATUS_ASSIGN_OR_RETURN(between->low, ParseValue(0));
    STRATUS_RETURN_IF_ERROR(ExpectKeyword("AND"));
    STRATUS_ASSIGN_OR_RETURN(between->high, ParseValue(0));
    return ExpressionPtr(std::move(between));
  }
  if (AcceptKeyword("IN")) {
    return ParseInPredicate(std::move(value), negated, position);
  }
  if (AcceptKeyword("LIKE")) {
    auto like = std::make_unique<LikeExpression>(position);
    like->value = std::move(value);
    like->negated = negated;
    STRATUS_ASSIGN_OR_RETURN(like->pattern, ParseValue(0));
    if (AcceptKeyword("ESCAPE")) {
      STRATUS_ASSIGN_OR_RETURN(like->escape, ParseValue(0));
    }
    return ExpressionPtr(std::move(like));
  }
  if (AcceptKeyword("IS")) {
    return ParseIsPredicate(std::move(value), position);
  }
  return value;
}

Result<ExpressionPtr> Parser::ParseComparison(ExpressionPtr left, BinaryOperator op) {
  if (IsAnyKeyword({"ALL", "ANY", "SOME"}) && Is(TokenKind::kLeftParen, 1) &&
      IsQueryInParentheses(1)) {
    auto quantified = std::make_unique<QuantifiedComparisonExpression>(left->position);
    quantified->op = op;
    quantified->quantifier = IsKeyword("ALL")   ? Quantifier::kAll
                             : IsKeyword("ANY") ? Quantifier::kAny
                                                : Quantifier::kSome;
    at_ += 2;
    quantified->value = std::move(left);
    STRATUS_ASSIGN_OR_RETURN(quantified->query, ParseQuery());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    return ExpressionPtr(std::move(quantified));
  }
  STRATUS_ASSIGN_OR_RETURN(ExpressionPtr right, ParseValue(0));
  return MakeBinary(op, std::move(left), std::move(right));
}

Result<ExpressionPtr> Parser::ParseInPredicate(ExpressionPtr value,
                                               bool negated,
                                               SourcePosition position) {
  const bool query = Is(TokenKind::kLeftParen) && IsQueryInParentheses(0);
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  if (query) {
    auto in = std::make_unique<InSubqueryExpression>(position);
    in->value = std::move(value);
    in->negated = negated;
    STRATUS_ASSIGN_OR_RETURN(in->query, ParseQuery());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    return ExpressionPtr(std::move(in));
  }
  auto in = std::make_unique<InListExpression>(position);
  in->value = std::move(value);
  in->negated = negated;
  STRATUS_ASSIGN_OR_RETURN(in->list, ParseExpressionList());
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
  return ExpressionPtr(std::move(in));
}

Result<ExpressionPtr> Parser::ParseIsPredicate(ExpressionPtr value, SourcePosition position) {
  const bool negated = AcceptKeyword("NOT");
  if (AcceptKeyword("NULL")) {
    auto is_null = std::make_unique<IsNullExpression>(position);
    is_null->value = std::move(value);
    is_null->negated = negated;
    return ExpressionPtr(std::move(is_null));
  }
  if (AcceptSequence({"DISTINCT", "FROM"})) {
    STRATUS_ASSIGN_OR_RETURN(ExpressionPtr right, ParseValue(0));
    return MakeBinary(
        negated ? BinaryOperator::kIsNotDistinctFrom : BinaryOperator::kIsDistinctFrom,
        std::move(value), std::move(right));
  }
  return Mismatch(negated ? "'NULL', 'DISTINCT'" : "'NOT', 'NULL', 'DISTINCT'");
}

Result<ExpressionPtr> Parser::ParseValue(int min_precedence) {
  Nesting nesting(*this);
  STRATUS_RETURN_IF_ERROR(Deeper());
  STRATUS_ASSIGN_OR_RETURN(ExpressionPtr left, ParseUnary());
  while (true) {
    const std::optional<ArithmeticOperator> op = ArithmeticAt(Current());
    if (!op.has_value() || op->precedence < min_precedence) {
      return left;
    }
    Advance();
    STRATUS_RETURN_IF_ERROR(Deeper());
    STRATUS_ASSIGN_OR_RETURN(ExpressionPtr right, ParseValue(op->precedence + 1));
    left = MakeBinary(op->op, std::move(left), std::move(right));
  }
}

Result<ExpressionPtr> Parser::ParseUnary() {
  if (!Is(TokenKind::kMinus) && !Is(TokenKind::kPlus)) {
    return ParseAtTimeZone();
  }
  Nesting nesting(*this);
  STRATUS_RETURN_IF_ERROR(Deeper());
  const Token& sign = Advance();
  auto unary = std::make_unique<UnaryExpression>(sign.position);
  unary->op = sign.kind == TokenKind::kMinus ? UnaryOperator::kMinus : UnaryOperator::kPlus;
  STRATUS_ASSIGN_OR_RETURN(unary->operand, ParseUnary());
  return ExpressionPtr(std::move(unary));
}

Result<ExpressionPtr> Parser::ParseAtTimeZone() {
  Nesting nesting(*this);
  STRATUS_ASSIGN_OR_RETURN(ExpressionPtr value, ParsePostfix());
  while (AcceptSequence({"AT", "TIME", "ZONE"})) {
    STRATUS_RETURN_IF_ERROR(Deeper());
    auto at = std::make_unique<AtTimeZoneExpression>(value->position);
    at->value = std::move(value);
    if (IsKeyword("INTERVAL")) {
      STRATUS_ASSIGN_OR_RETURN(at->zone, ParseInterval());
    } else if (Is(TokenKind::kString) || Is(TokenKind::kUnicodeString)) {
      STRATUS_ASSIGN_OR_RETURN(at->zone, ParseStringLiteral());
    } else {
      return Mismatch("<string>, 'INTERVAL'");
    }
    value = std::move(at);
  }
  return value;
}

Result<ExpressionPtr> Parser::ParsePostfix() {
  Nesting nesting(*this);
  STRATUS_ASSIGN_OR_RETURN(ExpressionPtr base, ParsePrimary());
  while (true) {
    if (Accept(TokenKind::kLeftBracket)) {
      STRATUS_RETURN_IF_ERROR(Deeper());
      auto subscript = std::make_unique<SubscriptExpression>(base->position);
      subscript->base = std::move(base);
      STRATUS_ASSIGN_OR_RETURN(subscript->index, ParseExpression());
      STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightBracket, "']'"));
      base = std::move(subscript);
    } else if (Is(TokenKind::kDot) && IsIdentifierStart(1)) {
      Advance();
      STRATUS_RETURN_IF_ERROR(Deeper());
      auto dereference = std::make_unique<DereferenceExpression>(base->position);
      dereference->base = std::move(base);
      STRATUS_ASSIGN_OR_RETURN(dereference->field, ParseIdentifier());
      base = std::move(dereference);
    } else {
      return base;
    }
  }
}

}  // namespace stratus::sql::parser::internal
