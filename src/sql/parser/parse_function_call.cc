// Function calls and windows: f([DISTINCT|ALL] args [ORDER BY ...]),
// count(*), substring(s FROM a FOR b), FILTER (WHERE ...), IGNORE|RESPECT
// NULLS and OVER (name | specification).

#include <memory>
#include <utility>
#include <vector>

#include "sql/parser/keywords.h"
#include "sql/parser/parser_internal.h"

namespace stratus::sql::parser::internal {

Result<ExpressionPtr> Parser::ParseFunctionCall(QualifiedName name) {
  auto call = std::make_unique<FunctionCallExpression>(name.position());
  call->name = std::move(name);
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  STRATUS_RETURN_IF_ERROR(ParseFunctionArguments(*call));
  STRATUS_RETURN_IF_ERROR(ParseFunctionSuffix(*call));
  return ExpressionPtr(std::move(call));
}

Status Parser::ParseFunctionArguments(FunctionCallExpression& call) {
  if (Accept(TokenKind::kStar)) {
    call.star_argument = true;
    return Expect(TokenKind::kRightParen, "')'");
  }
  if (Accept(TokenKind::kRightParen)) {
    return Status::Ok();
  }
  if (AcceptKeyword("DISTINCT")) {
    call.distinct = true;
  } else if (IsKeyword("ALL") && !Is(TokenKind::kRightParen, 1) && !Is(TokenKind::kComma, 1)) {
    Advance();
  }
  STRATUS_ASSIGN_OR_RETURN(ExpressionPtr first, ParseExpression());
  call.arguments.push_back(std::move(first));
  const bool is_substring = call.name.parts.size() == 1 && call.name.parts[0].name == "substring";
  if (is_substring && AcceptKeyword("FROM")) {
    // substring(s FROM start [FOR length]) is substring(s, start [, length]).
    STRATUS_ASSIGN_OR_RETURN(ExpressionPtr start, ParseExpression());
    call.arguments.push_back(std::move(start));
    if (AcceptKeyword("FOR")) {
      STRATUS_ASSIGN_OR_RETURN(ExpressionPtr length, ParseExpression());
      call.arguments.push_back(std::move(length));
    }
    return Expect(TokenKind::kRightParen, "')'");
  }
  while (Accept(TokenKind::kComma)) {
    STRATUS_ASSIGN_OR_RETURN(ExpressionPtr argument, ParseExpression());
    call.arguments.push_back(std::move(argument));
  }
  if (AcceptSequence({"ORDER", "BY"})) {
    STRATUS_ASSIGN_OR_RETURN(call.order_by, ParseSortItems());
  }
  return Expect(TokenKind::kRightParen, "')', ','");
}

Status Parser::ParseFunctionSuffix(FunctionCallExpression& call) {
  if (IsKeyword("FILTER") && Is(TokenKind::kLeftParen, 1) && IsKeyword("WHERE", 2)) {
    at_ += 3;
    STRATUS_ASSIGN_OR_RETURN(call.filter, ParseExpression());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
  }
  if (IsSequence({"IGNORE", "NULLS"}) || IsSequence({"RESPECT", "NULLS"})) {
    call.null_treatment =
        IsKeyword("IGNORE") ? NullTreatment::kIgnoreNulls : NullTreatment::kRespectNulls;
    at_ += 2;
  }
  if (IsKeyword("OVER") && (Is(TokenKind::kLeftParen, 1) || IsIdentifierStart(1))) {
    Advance();
    if (Accept(TokenKind::kLeftParen)) {
      STRATUS_ASSIGN_OR_RETURN(WindowSpecification window, ParseWindowSpecification());
      call.window = std::make_unique<WindowSpecification>(std::move(window));
      return Expect(TokenKind::kRightParen, "')'");
    }
    STRATUS_ASSIGN_OR_RETURN(Identifier name, ParseIdentifier());
    call.window_name = std::move(name);
  }
  return Status::Ok();
}

Result<WindowSpecification> Parser::ParseWindowSpecification() {
  // Called after '('; stops before ')'.
  WindowSpecification window;
  if (IsIdentifierStart() &&
      !IsAnyKeyword({"PARTITION", "ORDER", "ROWS", "RANGE", "GROUPS", "MEASURES"})) {
    STRATUS_ASSIGN_OR_RETURN(Identifier existing, ParseIdentifier());
    window.existing_window = std::move(existing);
  }
  if (AcceptSequence({"PARTITION", "BY"})) {
    STRATUS_ASSIGN_OR_RETURN(window.partition_by, ParseExpressionList());
  }
  if (AcceptSequence({"ORDER", "BY"})) {
    STRATUS_ASSIGN_OR_RETURN(window.order_by, ParseSortItems());
  }
  if (IsAnyKeyword({"ROWS", "RANGE", "GROUPS"})) {
    STRATUS_ASSIGN_OR_RETURN(WindowFrame frame, ParseWindowFrame());
    window.frame = std::move(frame);
  }
  return window;
}

Result<WindowFrame> Parser::ParseWindowFrame() {
  WindowFrame frame;
  frame.unit = IsKeyword("ROWS")    ? FrameUnit::kRows
               : IsKeyword("RANGE") ? FrameUnit::kRange
                                    : FrameUnit::kGroups;
  Advance();
  if (AcceptKeyword("BETWEEN")) {
    STRATUS_ASSIGN_OR_RETURN(frame.start, ParseFrameBound());
    STRATUS_RETURN_IF_ERROR(ExpectKeyword("AND"));
    STRATUS_ASSIGN_OR_RETURN(FrameBound end, ParseFrameBound());
    frame.end = std::move(end);
  } else {
    STRATUS_ASSIGN_OR_RETURN(frame.start, ParseFrameBound());
  }
  return frame;
}

Result<FrameBound> Parser::ParseFrameBound() {
  FrameBound bound;
  if (AcceptSequence({"UNBOUNDED", "PRECEDING"})) {
    bound.kind = FrameBoundKind::kUnboundedPreceding;
  } else if (AcceptSequence({"UNBOUNDED", "FOLLOWING"})) {
    bound.kind = FrameBoundKind::kUnboundedFollowing;
  } else if (AcceptSequence({"CURRENT", "ROW"})) {
    bound.kind = FrameBoundKind::kCurrentRow;
  } else {
    STRATUS_ASSIGN_OR_RETURN(bound.offset, ParseExpression());
    if (AcceptKeyword("PRECEDING")) {
      bound.kind = FrameBoundKind::kPreceding;
    } else if (AcceptKeyword("FOLLOWING")) {
      bound.kind = FrameBoundKind::kFollowing;
    } else {
      return Mismatch("'PRECEDING', 'FOLLOWING'");
    }
  }
  return bound;
}

Result<std::vector<SortItem>> Parser::ParseSortItems() {
  std::vector<SortItem> items;
  do {
    SortItem item;
    STRATUS_ASSIGN_OR_RETURN(item.key, ParseExpression());
    if (AcceptKeyword("ASC")) {
      item.order = SortOrder::kAscending;
    } else if (AcceptKeyword("DESC")) {
      item.order = SortOrder::kDescending;
    }
    if (AcceptSequence({"NULLS", "FIRST"})) {
      item.nulls = NullOrdering::kFirst;
    } else if (AcceptSequence({"NULLS", "LAST"})) {
      item.nulls = NullOrdering::kLast;
    }
    items.push_back(std::move(item));
  } while (Accept(TokenKind::kComma));
  return items;
}

}  // namespace stratus::sql::parser::internal
