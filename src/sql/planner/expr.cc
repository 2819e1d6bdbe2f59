#include "sql/planner/expr.h"

#include <utility>

#include "sql/functions/function.h"

namespace stratus::sql::plan {
namespace {

const char* SpecialName(ExprKind kind) {
  switch (kind) {
    case ExprKind::kAnd:
      return "AND";
    case ExprKind::kOr:
      return "OR";
    case ExprKind::kNot:
      return "NOT";
    case ExprKind::kIsNull:
      return "IS_NULL";
    case ExprKind::kCase:
      return "CASE";
    case ExprKind::kCoalesce:
      return "COALESCE";
    case ExprKind::kIn:
      return "IN";
    case ExprKind::kTry:
      return "TRY";
    default:
      return "?";
  }
}

void AppendArgs(const Expr& expr, std::string* out) {
  out->push_back('(');
  for (size_t i = 0; i < expr.args.size(); ++i) {
    if (i > 0) {
      out->append(", ");
    }
    out->append(ToString(*expr.args[i]));
  }
  out->push_back(')');
}

}  // namespace

ExprPtr MakeColumn(size_t column, LogicalType type, std::string name) {
  auto expr = std::make_shared<Expr>();
  expr->kind = ExprKind::kColumn;
  expr->type = std::move(type);
  expr->column = column;
  expr->name = std::move(name);
  return expr;
}

ExprPtr MakeConstant(Value value) {
  auto expr = std::make_shared<Expr>();
  expr->kind = ExprKind::kConstant;
  expr->type = value.type();
  expr->constant = std::move(value);
  return expr;
}

ExprPtr MakeCall(std::shared_ptr<const functions::ScalarBinding> function,
                 std::vector<ExprPtr> args) {
  auto expr = std::make_shared<Expr>();
  expr->kind = ExprKind::kCall;
  expr->type = function->return_type;
  expr->function = std::move(function);
  expr->args = std::move(args);
  return expr;
}

ExprPtr MakeCast(std::shared_ptr<const functions::ScalarBinding> cast, ExprPtr arg, bool try_cast) {
  auto expr = std::make_shared<Expr>();
  expr->kind = ExprKind::kCast;
  expr->type = cast->return_type;
  expr->function = std::move(cast);
  expr->try_cast = try_cast;
  expr->args.push_back(std::move(arg));
  return expr;
}

ExprPtr MakeSpecial(ExprKind kind, LogicalType type, std::vector<ExprPtr> args) {
  auto expr = std::make_shared<Expr>();
  expr->kind = kind;
  expr->type = std::move(type);
  expr->args = std::move(args);
  return expr;
}

std::string ToString(const Expr& expr) {
  std::string out;
  switch (expr.kind) {
    case ExprKind::kColumn:
      out = "#" + std::to_string(expr.column);
      if (!expr.name.empty()) {
        out += ":" + expr.name;
      }
      return out;
    case ExprKind::kConstant:
      if (expr.constant.is_null()) {
        return "NULL";
      }
      if (expr.type.kind() == TypeKind::kVarchar || expr.type.kind() == TypeKind::kChar) {
        return "'" + expr.constant.ToString() + "'";
      }
      return expr.constant.ToString();
    case ExprKind::kCall:
      out = expr.function->name;
      AppendArgs(expr, &out);
      return out;
    case ExprKind::kCast:
      out = expr.try_cast ? "TRY_CAST(" : "CAST(";
      out += ToString(*expr.args[0]) + " AS " + expr.type.ToString() + ")";
      return out;
    case ExprKind::kLambdaVariable:
      return "$" + std::to_string(expr.column);
    case ExprKind::kLambda:
      return "lambda/" + std::to_string(expr.column) + "(" + ToString(*expr.args[0]) + ")";
    case ExprKind::kLambdaCall:
      out = expr.name;
      AppendArgs(expr, &out);
      return out;
    default:
      out = SpecialName(expr.kind);
      AppendArgs(expr, &out);
      return out;
  }
}

namespace {

// Lambda variables are constant inside a lambda whose call is folded whole.
bool IsFoldable(const Expr& expr, bool in_lambda) {
  switch (expr.kind) {
    case ExprKind::kColumn:
      return false;
    case ExprKind::kLambdaVariable:
      return in_lambda;
    case ExprKind::kLambda:
      return IsFoldable(*expr.args[0], true);
    case ExprKind::kCall:
    case ExprKind::kCast:
      if (!expr.function->deterministic) {
        return false;
      }
      break;
    default:
      break;
  }
  for (const ExprPtr& arg : expr.args) {
    if (!IsFoldable(*arg, in_lambda)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsConstantFoldable(const Expr& expr) {
  return expr.kind != ExprKind::kLambda && IsFoldable(expr, false);
}

void CollectColumns(const Expr& expr, std::vector<size_t>* columns) {
  if (expr.kind == ExprKind::kColumn) {
    columns->push_back(expr.column);
    return;
  }
  for (const ExprPtr& arg : expr.args) {
    CollectColumns(*arg, columns);
  }
}

ExprPtr RemapColumns(const ExprPtr& expr, const std::vector<size_t>& mapping) {
  if (expr->kind == ExprKind::kColumn) {
    if (mapping[expr->column] == expr->column) {
      return expr;
    }
    return MakeColumn(mapping[expr->column], expr->type, expr->name);
  }
  if (expr->args.empty()) {
    return expr;
  }
  auto copy = std::make_shared<Expr>(*expr);
  for (ExprPtr& arg : copy->args) {
    arg = RemapColumns(arg, mapping);
  }
  return copy;
}

}  // namespace stratus::sql::plan
