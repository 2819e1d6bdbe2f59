// Queries: WITH, set operations (INTERSECT binds tighter than UNION and
// EXCEPT, all left-associative), SELECT with its clauses, VALUES, TABLE, and
// ORDER BY / OFFSET / LIMIT / FETCH FIRST.

#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "sql/parser/parser_internal.h"

namespace stratus::sql::parser::internal {

bool Parser::IsQueryStart(size_t ahead) const {
  return IsAnyKeyword({"SELECT", "WITH", "VALUES", "TABLE"}, ahead) ||
         (Is(TokenKind::kLeftParen, ahead) && IsQueryInParentheses(ahead));
}

size_t Parser::MatchingParenthesis(size_t ahead) const {
  const size_t index = at_ + ahead;
  if (index >= tokens_.size() || matching_parenthesis_[index] >= tokens_.size()) {
    return std::string_view::npos;
  }
  return matching_parenthesis_[index] - at_;
}

bool Parser::IsQueryInParentheses(size_t ahead) const {
  if (IsAnyKeyword({"SELECT", "WITH", "VALUES", "TABLE"}, ahead + 1)) {
    return true;
  }
  // "((SELECT 1) UNION ...)" is a query, "((SELECT 1) + 1)" an expression and
  // "((SELECT 1) AS s JOIN t ON c)" a relation: what follows the inner group decides.
  const size_t first = at_ + ahead + 1;
  const size_t inner = first < tokens_.size() ? after_parentheses_[first] - at_ : ahead + 1;
  if (inner == ahead + 1 || !IsAnyKeyword({"SELECT", "WITH", "VALUES", "TABLE"}, inner)) {
    return false;
  }
  const size_t close = MatchingParenthesis(ahead + 1);
  if (close == std::string_view::npos) {
    return false;
  }
  return Is(TokenKind::kRightParen, close + 1) ||
         IsAnyKeyword({"UNION", "INTERSECT", "EXCEPT", "ORDER", "LIMIT", "OFFSET", "FETCH"},
                      close + 1);
}

Result<std::unique_ptr<Query>> Parser::ParseQuery() {
  Nesting nesting(*this);
  STRATUS_RETURN_IF_ERROR(Deeper());
  auto query = std::make_unique<Query>();
  query->position = Current().position;
  if (IsKeyword("WITH")) {
    STRATUS_RETURN_IF_ERROR(ParseWith(*query));
  }
  STRATUS_ASSIGN_OR_RETURN(query->body, ParseSetOperations());
  if (AcceptSequence({"ORDER", "BY"})) {
    STRATUS_ASSIGN_OR_RETURN(query->order_by, ParseSortItems());
  }
  STRATUS_RETURN_IF_ERROR(ParseLimitClauses(*query));
  return query;
}

Status Parser::ParseWith(Query& query) {
  Advance();  // WITH
  query.with_recursive = AcceptKeyword("RECURSIVE");
  do {
    CommonTableExpression cte;
    STRATUS_ASSIGN_OR_RETURN(cte.name, ParseIdentifier());
    if (Is(TokenKind::kLeftParen)) {
      STRATUS_ASSIGN_OR_RETURN(cte.column_names, ParseIdentifierList());
    }
    STRATUS_RETURN_IF_ERROR(ExpectKeyword("AS"));
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
    STRATUS_ASSIGN_OR_RETURN(cte.query, ParseQuery());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    query.with.push_back(std::move(cte));
  } while (Accept(TokenKind::kComma));
  return Status::Ok();
}

Result<ExpressionPtr> Parser::ParseRowCount() {
  if (Is(TokenKind::kInteger) || Is(TokenKind::kQuestion)) {
    return ParsePrimary();
  }
  return Mismatch("<integer>, '?'");
}

Status Parser::ParseLimitClauses(Query& query) {
  if (AcceptKeyword("OFFSET")) {
    STRATUS_ASSIGN_OR_RETURN(query.offset, ParseRowCount());
    if (!AcceptKeyword("ROWS")) {
      AcceptKeyword("ROW");
    }
  }
  if (AcceptKeyword("LIMIT")) {
    if (!AcceptKeyword("ALL")) {
      STRATUS_ASSIGN_OR_RETURN(query.limit, ParseRowCount());
    }
  } else if (IsKeyword("FETCH") && IsAnyKeyword({"FIRST", "NEXT"}, 1)) {
    at_ += 2;
    if (Is(TokenKind::kInteger) || Is(TokenKind::kQuestion)) {
      STRATUS_ASSIGN_OR_RETURN(query.limit, ParseRowCount());
    } else {
      auto one = std::make_unique<LiteralExpression>(Current().position);
      one->literal_kind = LiteralKind::kInteger;
      one->value = "1";
      query.limit = std::move(one);
    }
    if (!AcceptKeyword("ROWS") && !AcceptKeyword("ROW")) {
      return Mismatch("'ROW', 'ROWS'");
    }
    if (AcceptSequence({"WITH", "TIES"})) {
      query.limit_with_ties = true;
    } else {
      STRATUS_RETURN_IF_ERROR(ExpectKeyword("ONLY"));
    }
  }
  return Status::Ok();
}

Result<std::unique_ptr<QueryBody>> Parser::ParseSetOperations() {
  Nesting nesting(*this);
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<QueryBody> left, ParseIntersections());
  while (IsKeyword("UNION") || IsKeyword("EXCEPT")) {
    STRATUS_RETURN_IF_ERROR(Deeper());
    auto operation = std::make_unique<SetOperationBody>(left->position);
    operation->op = IsKeyword("UNION") ? SetOperator::kUnion : SetOperator::kExcept;
    Advance();
    operation->all = AcceptKeyword("ALL");
    if (!operation->all) {
      AcceptKeyword("DISTINCT");
    }
    operation->left = std::move(left);
    STRATUS_ASSIGN_OR_RETURN(operation->right, ParseIntersections());
    left = std::move(operation);
  }
  return left;
}

Result<std::unique_ptr<QueryBody>> Parser::ParseIntersections() {
  Nesting nesting(*this);
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<QueryBody> left, ParseQueryPrimary());
  while (IsKeyword("INTERSECT")) {
    STRATUS_RETURN_IF_ERROR(Deeper());
    auto operation = std::make_unique<SetOperationBody>(left->position);
    operation->op = SetOperator::kIntersect;
    Advance();
    operation->all = AcceptKeyword("ALL");
    if (!operation->all) {
      AcceptKeyword("DISTINCT");
    }
    operation->left = std::move(left);
    STRATUS_ASSIGN_OR_RETURN(operation->right, ParseQueryPrimary());
    left = std::move(operation);
  }
  return left;
}

Result<std::unique_ptr<QueryBody>> Parser::ParseQueryPrimary() {
  if (IsKeyword("SELECT")) {
    return ParseSelect();
  }
  if (IsKeyword("VALUES")) {
    return ParseValues();
  }
  if (IsKeyword("TABLE")) {
    auto table = std::make_unique<TableBody>(Advance().position);
    STRATUS_ASSIGN_OR_RETURN(table->name, ParseQualifiedName());
    return std::unique_ptr<QueryBody>(std::move(table));
  }
  if (Is(TokenKind::kLeftParen)) {
    auto parenthesized = std::make_unique<ParenthesizedBody>(Advance().position);
    STRATUS_ASSIGN_OR_RETURN(parenthesized->query, ParseQuery());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    return std::unique_ptr<QueryBody>(std::move(parenthesized));
  }
  return Mismatch("'SELECT', 'VALUES', 'TABLE', '('");
}

Result<std::unique_ptr<QueryBody>> Parser::ParseValues() {
  auto values = std::make_unique<ValuesBody>(Advance().position);
  STRATUS_ASSIGN_OR_RETURN(values->rows, ParseExpressionList());
  return std::unique_ptr<QueryBody>(std::move(values));
}

Result<std::unique_ptr<QueryBody>> Parser::ParseSelect() {
  auto select = std::make_unique<SelectBody>(Advance().position);
  if (AcceptKeyword("DISTINCT")) {
    select->distinct = true;
  } else {
    AcceptKeyword("ALL");
  }
  do {
    STRATUS_ASSIGN_OR_RETURN(SelectItem item, ParseSelectItem());
    select->select_items.push_back(std::move(item));
  } while (Accept(TokenKind::kComma));
  if (AcceptKeyword("FROM")) {
    STRATUS_ASSIGN_OR_RETURN(select->from, ParseRelation());
  }
  if (AcceptKeyword("WHERE")) {
    STRATUS_ASSIGN_OR_RETURN(select->where, ParseExpression());
  }
  if (AcceptSequence({"GROUP", "BY"})) {
    STRATUS_ASSIGN_OR_RETURN(GroupBy group_by, ParseGroupBy());
    select->group_by = std::move(group_by);
  }
  if (AcceptKeyword("HAVING")) {
    STRATUS_ASSIGN_OR_RETURN(select->having, ParseExpression());
  }
  if (IsKeyword("WINDOW") && IsIdentifierStart(1) && IsKeyword("AS", 2)) {
    STRATUS_ASSIGN_OR_RETURN(select->windows, ParseWindowClause());
  }
  return std::unique_ptr<QueryBody>(std::move(select));
}

bool Parser::IsAllColumnsStart() const {
  // name(.name)* . *
  size_t ahead = 0;
  while (IsIdentifierStart(ahead) && Is(TokenKind::kDot, ahead + 1)) {
    if (Is(TokenKind::kStar, ahead + 2)) {
      return true;
    }
    ahead += 2;
  }
  return false;
}

Result<SelectItem> Parser::ParseSelectItem() {
  SelectItem item;
  item.position = Current().position;
  if (Accept(TokenKind::kStar)) {
    item.kind = SelectItemKind::kAllColumns;
    return item;
  }
  if (IsAllColumnsStart()) {
    item.kind = SelectItemKind::kAllColumns;
    STRATUS_ASSIGN_OR_RETURN(Identifier first, ParseIdentifier());
    auto prefix_position = first.position;
    ExpressionPtr prefix = std::make_unique<IdentifierExpression>(prefix_position);
    static_cast<IdentifierExpression&>(*prefix).identifier = std::move(first);
    while (Accept(TokenKind::kDot) && !Accept(TokenKind::kStar)) {
      auto dereference = std::make_unique<DereferenceExpression>(prefix_position);
      dereference->base = std::move(prefix);
      STRATUS_ASSIGN_OR_RETURN(dereference->field, ParseIdentifier());
      prefix = std::move(dereference);
    }
    item.expression = std::move(prefix);
    if (IsKeyword("AS") && Is(TokenKind::kLeftParen, 1)) {
      Advance();
      STRATUS_ASSIGN_OR_RETURN(item.column_aliases, ParseIdentifierList());
    }
    return item;
  }
  STRATUS_ASSIGN_OR_RETURN(item.expression, ParseExpression());
  STRATUS_ASSIGN_OR_RETURN(item.alias, ParseOptionalAlias());
  return item;
}

Result<GroupBy> Parser::ParseGroupBy() {
  GroupBy group_by;
  if (AcceptKeyword("DISTINCT")) {
    group_by.distinct = true;
  } else if (IsKeyword("ALL") && !Is(TokenKind::kComma, 1) && !Is(TokenKind::kEnd, 1) &&
             !Is(TokenKind::kSemicolon, 1) && !Is(TokenKind::kRightParen, 1)) {
    Advance();
  }
  do {
    STRATUS_ASSIGN_OR_RETURN(GroupingElement element, ParseGroupingElement());
    group_by.elements.push_back(std::move(element));
  } while (Accept(TokenKind::kComma));
  return group_by;
}

Result<GroupingElement> Parser::ParseGroupingElement() {
  GroupingElement element;
  if ((IsKeyword("ROLLUP") || IsKeyword("CUBE")) && Is(TokenKind::kLeftParen, 1)) {
    element.kind = IsKeyword("ROLLUP") ? GroupingKind::kRollup : GroupingKind::kCube;
    at_ += 2;
    if (!Accept(TokenKind::kRightParen)) {
      STRATUS_ASSIGN_OR_RETURN(element.expressions, ParseExpressionList());
      STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
    }
    return element;
  }
  if (AcceptSequence({"GROUPING", "SETS"})) {
    element.kind = GroupingKind::kGroupingSets;
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
    do {
      std::vector<ExpressionPtr> set;
      if (Is(TokenKind::kLeftParen) && Is(TokenKind::kRightParen, 1)) {
        at_ += 2;
      } else {
        STRATUS_ASSIGN_OR_RETURN(ExpressionPtr expression, ParseExpression());
        if (expression->kind == ExpressionKind::kRow &&
            !expression->As<RowExpression>().explicit_row) {
          auto& row = static_cast<RowExpression&>(*expression);
          set = std::move(row.elements);
        } else {
          set.push_back(std::move(expression));
        }
      }
      element.sets.push_back(std::move(set));
    } while (Accept(TokenKind::kComma));
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
    return element;
  }
  if (Is(TokenKind::kLeftParen) && Is(TokenKind::kRightParen, 1)) {
    at_ += 2;
    return element;
  }
  STRATUS_ASSIGN_OR_RETURN(ExpressionPtr expression, ParseExpression());
  if (expression->kind == ExpressionKind::kRow && !expression->As<RowExpression>().explicit_row) {
    element.expressions = std::move(static_cast<RowExpression&>(*expression).elements);
  } else {
    element.expressions.push_back(std::move(expression));
  }
  return element;
}

Result<std::vector<NamedWindow>> Parser::ParseWindowClause() {
  Advance();  // WINDOW
  std::vector<NamedWindow> windows;
  do {
    NamedWindow window;
    STRATUS_ASSIGN_OR_RETURN(window.name, ParseIdentifier());
    STRATUS_RETURN_IF_ERROR(ExpectKeyword("AS"));
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
    STRATUS_ASSIGN_OR_RETURN(window.specification, ParseWindowSpecification());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    windows.push_back(std::move(window));
  } while (Accept(TokenKind::kComma));
  return windows;
}

}  // namespace stratus::sql::parser::internal
