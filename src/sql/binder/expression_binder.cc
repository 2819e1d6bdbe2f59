// The expression binder: names, operators, special forms and function calls.

#include <algorithm>
#include <cctype>
#include <utility>

#include "sql/binder/binder_internal.h"
#include "sql/functions/coercion.h"
#include "sql/functions/function.h"
#include "sql/parser/parser.h"
#include "sql/parser/to_sql.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::binder {
namespace {

using parser::ExpressionKind;

const LogicalType kBoolean = LogicalType::Boolean();

bool IsBooleanOrNull(const LogicalType& type) {
  return type.kind() == TypeKind::kBoolean || type.kind() == TypeKind::kUnknown;
}

std::string_view OperatorName(parser::BinaryOperator op) {
  switch (op) {
    case parser::BinaryOperator::kAdd:
      return functions::kAddOperator;
    case parser::BinaryOperator::kSubtract:
      return functions::kSubtractOperator;
    case parser::BinaryOperator::kMultiply:
      return functions::kMultiplyOperator;
    case parser::BinaryOperator::kDivide:
      return functions::kDivideOperator;
    case parser::BinaryOperator::kModulo:
      return functions::kModulusOperator;
    case parser::BinaryOperator::kConcat:
      return "concat";
    case parser::BinaryOperator::kEqual:
      return functions::kEqualOperator;
    case parser::BinaryOperator::kNotEqual:
      return functions::kNotEqualOperator;
    case parser::BinaryOperator::kLess:
      return functions::kLessThanOperator;
    case parser::BinaryOperator::kLessOrEqual:
      return functions::kLessThanOrEqualOperator;
    case parser::BinaryOperator::kGreater:
      return functions::kGreaterThanOperator;
    case parser::BinaryOperator::kGreaterOrEqual:
      return functions::kGreaterThanOrEqualOperator;
    case parser::BinaryOperator::kIsDistinctFrom:
    case parser::BinaryOperator::kIsNotDistinctFrom:
      return functions::kIsDistinctFromOperator;
    default:
      return "";
  }
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::string ExtractFunction(const std::string& field) {
  if (field == "DOW") {
    return "day_of_week";
  }
  if (field == "DOY") {
    return "day_of_year";
  }
  if (field == "YOW") {
    return "year_of_week";
  }
  std::string out;
  for (char c : field) {
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  return out;
}

}  // namespace

ExpressionBinder::ExpressionBinder(QueryBinder& query, const Scope& scope, plan::NodePtr* input)
    : query_(query), scope_(scope), input_(input) {}

plan::ExprPtr ExpressionBinder::Fold(plan::ExprPtr expr) {
  const ConstantFolder& folder = query_.context().options.folder;
  if (folder == nullptr || expr->kind == plan::ExprKind::kConstant ||
      !plan::IsConstantFoldable(*expr)) {
    return expr;
  }
  auto value = folder(*expr);
  if (!value.ok() || value->type() != expr->type) {
    return expr;
  }
  return plan::MakeConstant(std::move(*value));
}

Result<plan::ExprPtr> ExpressionBinder::Call(std::string_view name,
                                             std::vector<plan::ExprPtr> args,
                                             parser::SourcePosition position) {
  std::vector<LogicalType> types;
  types.reserve(args.size());
  for (const plan::ExprPtr& arg : args) {
    types.push_back(arg->type);
  }
  auto binding = functions::FunctionRegistry::Default().ResolveScalar(name, types);
  if (!binding.ok()) {
    return WithPosition(binding.status(), position);
  }
  const auto& argument_types = (*binding)->argument_types;
  for (size_t i = 0; i < args.size() && i < argument_types.size(); ++i) {
    auto cast = CastTo(args[i], argument_types[i]);
    if (!cast.ok()) {
      return WithPosition(cast.status(), position);
    }
    args[i] = Fold(*cast);
  }
  return Fold(plan::MakeCall(std::move(*binding), std::move(args)));
}

Result<std::vector<plan::ExprPtr>> ExpressionBinder::CoerceToCommon(std::vector<plan::ExprPtr> args,
                                                                    parser::SourcePosition position,
                                                                    std::string_view what,
                                                                    LogicalType* common) {
  LogicalType type = LogicalType::Unknown();
  for (const plan::ExprPtr& arg : args) {
    auto super = functions::CommonSuperType(type, arg->type);
    if (!super.has_value()) {
      return ErrorAt(
          kTypeMismatch, position,
          std::string(what) + " must be the same type or coercible to a common type. " +
              "Cannot find common type between " + type.ToString() + " and " +
              arg->type.ToString() + ", all types (without duplicates): [" +
              [&] {
                std::string list;
                for (size_t i = 0; i < args.size(); ++i) {
                  list += (i > 0 ? ", " : "") + args[i]->type.ToString();
                }
                return list;
              }() +
              "]");
    }
    type = *super;
  }
  for (plan::ExprPtr& arg : args) {
    auto cast = CastTo(arg, type);
    if (!cast.ok()) {
      return WithPosition(cast.status(), position);
    }
    arg = Fold(*cast);
  }
  *common = type;
  return args;
}

Result<plan::ExprPtr> ExpressionBinder::BindPredicate(const parser::Expression& expression,
                                                      std::string_view clause) {
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, Bind(expression));
  if (!IsBooleanOrNull(bound->type)) {
    return ErrorAt(
        kTypeMismatch, expression.position,
        std::string(clause) + " must evaluate to a boolean: actual type " + bound->type.ToString());
  }
  return CastTo(bound, kBoolean);
}

Result<plan::ExprPtr> ExpressionBinder::Bind(const parser::Expression& expression) {
  if (!lambda_scopes_.empty()) {
    if (plan::ExprPtr variable = ResolveLambdaVariable(expression); variable != nullptr) {
      return variable;
    }
  }
  if (select_ != nullptr) {
    bool handled = false;
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, BindSelectAware(expression, &handled));
    if (handled) {
      return bound;
    }
  }
  return BindPlain(expression);
}

Result<plan::ExprPtr> ExpressionBinder::BindPlain(const parser::Expression& expression) {
  switch (expression.kind) {
    case ExpressionKind::kLiteral:
      return BindLiteral(expression.As<parser::LiteralExpression>());
    case ExpressionKind::kIdentifier:
    case ExpressionKind::kDereference:
      return BindName(expression);
    case ExpressionKind::kParameter:
      return BindParameter(expression.As<parser::ParameterExpression>());
    case ExpressionKind::kUnary:
      return BindUnary(expression.As<parser::UnaryExpression>());
    case ExpressionKind::kBinary:
      return BindBinary(expression.As<parser::BinaryExpression>());
    case ExpressionKind::kIsNull: {
      const auto& is_null = expression.As<parser::IsNullExpression>();
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr value, Bind(*is_null.value));
      plan::ExprPtr out = plan::MakeSpecial(plan::ExprKind::kIsNull, kBoolean, {value});
      if (is_null.negated) {
        out = plan::MakeSpecial(plan::ExprKind::kNot, kBoolean, {out});
      }
      return Fold(out);
    }
    case ExpressionKind::kBetween: {
      const auto& between = expression.As<parser::BetweenExpression>();
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr value, Bind(*between.value));
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr low, Bind(*between.low));
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr high, Bind(*between.high));
      LogicalType common;
      STRATUS_ASSIGN_OR_RETURN(auto args, CoerceToCommon({value, low, high}, expression.position,
                                                         "BETWEEN operands", &common));
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr lower, Call(functions::kGreaterThanOrEqualOperator,
                                                         {args[0], args[1]}, expression.position));
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr upper, Call(functions::kLessThanOrEqualOperator,
                                                         {args[0], args[2]}, expression.position));
      plan::ExprPtr out = plan::MakeSpecial(plan::ExprKind::kAnd, kBoolean, {lower, upper});
      if (between.negated) {
        out = plan::MakeSpecial(plan::ExprKind::kNot, kBoolean, {out});
      }
      return Fold(out);
    }
    case ExpressionKind::kInList:
      return BindInList(expression.As<parser::InListExpression>());
    case ExpressionKind::kLike: {
      const auto& like = expression.As<parser::LikeExpression>();
      std::vector<const parser::Expression*> args = {like.value.get(), like.pattern.get()};
      if (like.escape != nullptr) {
        args.push_back(like.escape.get());
      }
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr out, BindArgumentsAndCall(functions::kLikeOperator,
                                                                       args, expression.position));
      if (like.negated) {
        out = Fold(plan::MakeSpecial(plan::ExprKind::kNot, kBoolean, {out}));
      }
      return out;
    }
    case ExpressionKind::kExists:
    case ExpressionKind::kSubquery:
    case ExpressionKind::kInSubquery:
    case ExpressionKind::kQuantifiedComparison:
      return BindSubquery(expression);
    case ExpressionKind::kCase:
      return BindCase(expression.As<parser::CaseExpression>());
    case ExpressionKind::kCast:
      return BindCast(expression.As<parser::CastExpression>());
    case ExpressionKind::kFunctionCall:
      return BindFunction(expression.As<parser::FunctionCallExpression>());
    case ExpressionKind::kExtract:
      return BindExtract(expression.As<parser::ExtractExpression>());
    case ExpressionKind::kLambda:
      return ErrorAt(kGenericUserError, expression.position,
                     "Lambda expression is not allowed here: " + parser::ToSql(expression));
    case ExpressionKind::kArray: {
      const auto& array = expression.As<parser::ArrayExpression>();
      std::vector<plan::ExprPtr> elements;
      for (const auto& element : array.elements) {
        STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, Bind(*element));
        elements.push_back(std::move(bound));
      }
      LogicalType common;
      STRATUS_ASSIGN_OR_RETURN(elements, CoerceToCommon(std::move(elements), expression.position,
                                                        "All ARRAY elements", &common));
      return Call("array_constructor", std::move(elements), expression.position);
    }
    case ExpressionKind::kRow: {
      const auto& row = expression.As<parser::RowExpression>();
      std::vector<plan::ExprPtr> fields;
      for (const auto& element : row.elements) {
        STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, Bind(*element));
        fields.push_back(std::move(bound));
      }
      return Call("row_constructor", std::move(fields), expression.position);
    }
    case ExpressionKind::kSubscript: {
      const auto& subscript = expression.As<parser::SubscriptExpression>();
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr base, Bind(*subscript.base));
      if (base->type.kind() == TypeKind::kRow) {
        return BindRowSubscript(base, *subscript.index, expression.position);
      }
      return BindArgumentsAndCall(functions::kSubscriptOperator,
                                  {subscript.base.get(), subscript.index.get()},
                                  expression.position);
    }
    case ExpressionKind::kAtTimeZone: {
      const auto& at = expression.As<parser::AtTimeZoneExpression>();
      return BindArgumentsAndCall("at_timezone", {at.value.get(), at.zone.get()},
                                  expression.position);
    }
    case ExpressionKind::kCurrentValue:
      return BindCurrentValue(expression.As<parser::CurrentValueExpression>());
  }
  return ErrorAt(kNotSupported, expression.position, "Unsupported expression");
}

Result<plan::ExprPtr> ExpressionBinder::BindArgumentsAndCall(
    std::string_view name,
    const std::vector<const parser::Expression*>& args,
    parser::SourcePosition position) {
  std::vector<plan::ExprPtr> bound;
  for (const parser::Expression* arg : args) {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr expr, Bind(*arg));
    bound.push_back(std::move(expr));
  }
  return Call(name, std::move(bound), position);
}

Result<std::optional<size_t>> ExpressionBinder::ResolveColumn(const parser::Expression& expression,
                                                              bool* outer) {
  // Collects the dotted parts: a, t.a, db.t.a.
  std::vector<const parser::Identifier*> parts;
  const parser::Expression* current = &expression;
  while (current->kind == ExpressionKind::kDereference) {
    const auto& dereference = current->As<parser::DereferenceExpression>();
    parts.insert(parts.begin(), &dereference.field);
    current = dereference.base.get();
  }
  if (current->kind != ExpressionKind::kIdentifier) {
    return std::optional<size_t>();
  }
  parts.insert(parts.begin(), &current->As<parser::IdentifierExpression>().identifier);
  if (parts.size() > 3) {
    return std::optional<size_t>();
  }
  bool lateral_pass = false;
  auto search = [&](const Scope& scope) -> Result<std::optional<size_t>> {
    std::optional<size_t> found;
    const std::string& name = parts.back()->name;
    for (size_t i = 0; i < scope.fields.size(); ++i) {
      const Field& field = scope.fields[i];
      if (field.name != name || field.lateral != lateral_pass) {
        continue;
      }
      if (parts.size() == 1 && field.qualified_only) {
        continue;
      }
      if (parts.size() >= 2 && field.qualifier != parts[parts.size() - 2]->name) {
        continue;
      }
      if (parts.size() == 3 && field.database != parts[0]->name) {
        continue;
      }
      if (found.has_value()) {
        return ErrorAt(kAmbiguousName, expression.position,
                       "Column '" + parser::ToSql(expression) + "' is ambiguous");
      }
      found = i;
    }
    return found;
  };
  STRATUS_ASSIGN_OR_RETURN(std::optional<size_t> found, search(scope_));
  if (!found.has_value()) {
    lateral_pass = true;
    STRATUS_ASSIGN_OR_RETURN(found, search(scope_));
    lateral_pass = false;
  }
  if (found.has_value()) {
    *outer = false;
    return found;
  }
  if (query_.outer() != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(found, search(*query_.outer()));
    if (found.has_value()) {
      *outer = true;
      std::vector<size_t>& used = query_.correlation().outer_columns;
      if (std::find(used.begin(), used.end(), *found) == used.end()) {
        used.insert(std::upper_bound(used.begin(), used.end(), *found), *found);
      }
      return found;
    }
  }
  return std::optional<size_t>();
}

Result<plan::ExprPtr> ExpressionBinder::BindName(const parser::Expression& expression) {
  bool outer = false;
  STRATUS_ASSIGN_OR_RETURN(std::optional<size_t> position, ResolveColumn(expression, &outer));
  if (position.has_value()) {
    const Field& field = outer ? query_.outer()->fields[*position] : scope_.fields[*position];
    return plan::MakeColumn(outer ? kOuterBase + *position : *position, field.type, field.name);
  }
  if (expression.kind == ExpressionKind::kDereference) {
    // Trino: a name that is no column is a row field of its prefix, `base.field`.
    const auto& dereference = expression.As<parser::DereferenceExpression>();
    Result<plan::ExprPtr> base = Bind(*dereference.base);
    if (!base.ok()) {
      const bool name_chain = dereference.base->kind == ExpressionKind::kIdentifier ||
                              dereference.base->kind == ExpressionKind::kDereference;
      if (!name_chain || SqlErrorName(base.status()) != kColumnNotFound) {
        return base.status();
      }
    } else {
      return BindRowField(*base, dereference.field.name, expression);
    }
  }
  return ErrorAt(kColumnNotFound, expression.position,
                 "Column '" + parser::ToSql(expression) + "' cannot be resolved");
}

Result<plan::ExprPtr> ExpressionBinder::BindRowField(const plan::ExprPtr& base,
                                                     const std::string& field,
                                                     const parser::Expression& expression) {
  if (base->type.kind() != TypeKind::kRow) {
    const auto& dereference = expression.As<parser::DereferenceExpression>();
    return ErrorAt(kTypeMismatch, expression.position,
                   "Expression " + parser::ToSql(*dereference.base) + " is not of type ROW");
  }
  const auto& fields = base->type.children();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (EqualsIgnoreCase(fields[i].name, field)) {
      return RowField(base, i);
    }
  }
  return ErrorAt(kColumnNotFound, expression.position,
                 "Column '" + parser::ToSql(expression) + "' cannot be resolved");
}

plan::ExprPtr ExpressionBinder::RowField(const plan::ExprPtr& base, size_t field) {
  return Fold(
      plan::MakeCall(functions::RowFieldBinding(base->type, field),
                     {base, plan::MakeConstant(Value::Integer(static_cast<int32_t>(field + 1)))}));
}

Result<plan::ExprPtr> ExpressionBinder::BindParameter(
    const parser::ParameterExpression& parameter) {
  Binder::Context& context = query_.context();
  if (parameter.index < 0 ||
      static_cast<size_t>(parameter.index) >= context.options.parameters.size()) {
    return ErrorAt(kGenericUserError, parameter.position,
                   "Incorrect number of parameters: expected at least " +
                       std::to_string(parameter.index + 1) + " but found " +
                       std::to_string(context.options.parameters.size()));
  }
  auto& slot = context.parameters[parameter.index];
  if (slot == nullptr) {
    auto parsed = parser::ParseExpression(context.options.parameters[parameter.index]);
    if (!parsed.ok()) {
      return parsed.status();
    }
    slot = std::shared_ptr<parser::Expression>(std::move(*parsed));
  }
  Scope empty;
  ExpressionBinder constant(query_, empty, nullptr);
  return constant.Bind(*slot);
}

Result<plan::ExprPtr> ExpressionBinder::BindUnary(const parser::UnaryExpression& unary) {
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr operand, Bind(*unary.operand));
  switch (unary.op) {
    case parser::UnaryOperator::kPlus:
      return operand;
    case parser::UnaryOperator::kMinus:
      if (operand->kind == plan::ExprKind::kConstant && !operand->constant.is_null()) {
        const Value& value = operand->constant;
        if (value.type().kind() == TypeKind::kInteger) {
          return plan::MakeConstant(Value::Integer(static_cast<int32_t>(-value.int64_value())));
        }
        if (value.type().kind() == TypeKind::kBigint && value.int64_value() != INT64_MIN) {
          return plan::MakeConstant(Value::Bigint(-value.int64_value()));
        }
        if (value.type().kind() == TypeKind::kDecimal) {
          return plan::MakeConstant(Value::Decimal(value.type(), -value.decimal_value()));
        }
        if (value.type().kind() == TypeKind::kDouble) {
          return plan::MakeConstant(Value::Double(-value.double_value()));
        }
      }
      return Call(functions::kNegateOperator, {operand}, unary.position);
    case parser::UnaryOperator::kNot:
      if (!IsBooleanOrNull(operand->type)) {
        return ErrorAt(kTypeMismatch, unary.position,
                       "Value of logical NOT expression must evaluate to a boolean (actual: " +
                           operand->type.ToString() + ")");
      }
      STRATUS_ASSIGN_OR_RETURN(operand, CastTo(operand, kBoolean));
      return Fold(plan::MakeSpecial(plan::ExprKind::kNot, kBoolean, {operand}));
  }
  return ErrorAt(kNotSupported, unary.position, "Unsupported unary operator");
}

Result<plan::ExprPtr> ExpressionBinder::BindBinary(const parser::BinaryExpression& binary) {
  if (binary.op == parser::BinaryOperator::kAnd || binary.op == parser::BinaryOperator::kOr) {
    // Flattens chains so deep AND/OR trees stay shallow.
    plan::ExprKind kind =
        binary.op == parser::BinaryOperator::kAnd ? plan::ExprKind::kAnd : plan::ExprKind::kOr;
    std::vector<const parser::Expression*> operands;
    std::vector<const parser::Expression*> stack = {&binary};
    while (!stack.empty()) {
      const parser::Expression* current = stack.back();
      stack.pop_back();
      if (current->kind == ExpressionKind::kBinary &&
          current->As<parser::BinaryExpression>().op == binary.op) {
        const auto& inner = current->As<parser::BinaryExpression>();
        stack.push_back(inner.right.get());
        stack.push_back(inner.left.get());
      } else {
        operands.push_back(current);
      }
    }
    std::vector<plan::ExprPtr> args;
    for (size_t i = 0; i < operands.size(); ++i) {
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr arg, Bind(*operands[i]));
      if (!IsBooleanOrNull(arg->type)) {
        return ErrorAt(kTypeMismatch, operands[i]->position,
                       std::string(i == 0 ? "Left" : "Right") +
                           " side of logical expression must evaluate to a boolean (actual: " +
                           arg->type.ToString() + ")");
      }
      STRATUS_ASSIGN_OR_RETURN(arg, CastTo(arg, kBoolean));
      args.push_back(std::move(arg));
    }
    return Fold(plan::MakeSpecial(kind, kBoolean, std::move(args)));
  }
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr left, Bind(*binary.left));
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr right, Bind(*binary.right));
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr out,
                           Call(OperatorName(binary.op), {left, right}, binary.position));
  if (binary.op == parser::BinaryOperator::kIsNotDistinctFrom) {
    out = Fold(plan::MakeSpecial(plan::ExprKind::kNot, kBoolean, {out}));
  }
  return out;
}

Result<plan::ExprPtr> ExpressionBinder::BindInList(const parser::InListExpression& in) {
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr value, Bind(*in.value));
  std::vector<plan::ExprPtr> args = {value};
  for (const auto& item : in.list) {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, Bind(*item));
    args.push_back(std::move(bound));
  }
  LogicalType common;
  auto coerced = CoerceToCommon(std::move(args), in.position, "IN value and list items", &common);
  if (!coerced.ok()) {
    return ErrorAt(kTypeMismatch, in.position,
                   "IN value and list items must be the same type: " + value->type.ToString());
  }
  plan::ExprPtr out = plan::MakeSpecial(plan::ExprKind::kIn, kBoolean, std::move(*coerced));
  if (in.negated) {
    out = plan::MakeSpecial(plan::ExprKind::kNot, kBoolean, {out});
  }
  return Fold(out);
}

Result<plan::ExprPtr> ExpressionBinder::BindCase(const parser::CaseExpression& expression) {
  std::vector<plan::ExprPtr> conditions;
  std::vector<plan::ExprPtr> results;
  plan::ExprPtr operand;
  if (expression.operand != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(operand, Bind(*expression.operand));
  }
  for (const parser::WhenClause& when : expression.whens) {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr condition, Bind(*when.condition));
    if (operand != nullptr) {
      STRATUS_ASSIGN_OR_RETURN(condition, Call(functions::kEqualOperator, {operand, condition},
                                               when.condition->position));
    } else if (!IsBooleanOrNull(condition->type)) {
      return ErrorAt(
          kTypeMismatch, when.condition->position,
          "WHEN clause must evaluate to a boolean: actual type " + condition->type.ToString());
    }
    STRATUS_ASSIGN_OR_RETURN(condition, CastTo(condition, kBoolean));
    conditions.push_back(std::move(condition));
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr result, Bind(*when.result));
    results.push_back(std::move(result));
  }
  bool has_else = expression.else_result != nullptr;
  if (has_else) {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr result, Bind(*expression.else_result));
    results.push_back(std::move(result));
  }
  LogicalType common;
  STRATUS_ASSIGN_OR_RETURN(results, CoerceToCommon(std::move(results), expression.position,
                                                   "All CASE results", &common));
  std::vector<plan::ExprPtr> args;
  for (size_t i = 0; i < conditions.size(); ++i) {
    args.push_back(conditions[i]);
    args.push_back(results[i]);
  }
  if (has_else) {
    args.push_back(results.back());
  }
  auto out = std::make_shared<plan::Expr>();
  out->kind = plan::ExprKind::kCase;
  out->type = common;
  out->has_else = has_else;
  out->args = std::move(args);
  return Fold(out);
}

Result<plan::ExprPtr> ExpressionBinder::BindCast(const parser::CastExpression& cast) {
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr value, Bind(*cast.value));
  STRATUS_ASSIGN_OR_RETURN(LogicalType type, ResolveDataType(cast.type));
  if (value->type == type) {
    return value;
  }
  if (value->kind == plan::ExprKind::kConstant && value->constant.is_null()) {
    return plan::MakeConstant(Value::Null(type));
  }
  auto binding = functions::ResolveCast(value->type, type, cast.is_try);
  if (!binding.ok()) {
    return WithPosition(binding.status(), cast.position);
  }
  return Fold(plan::MakeCast(std::move(*binding), value, cast.is_try));
}

Result<plan::ExprPtr> ExpressionBinder::BindRowSubscript(const plan::ExprPtr& base,
                                                         const parser::Expression& index,
                                                         parser::SourcePosition position) {
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, Bind(index));
  const TypeKind kind = bound->type.kind();
  if (bound->kind != plan::ExprKind::kConstant || bound->constant.is_null() ||
      (kind != TypeKind::kInteger && kind != TypeKind::kBigint && kind != TypeKind::kSmallint &&
       kind != TypeKind::kTinyint)) {
    return ErrorAt(kInvalidFunctionArgument, position,
                   "Subscript expression on ROW requires a constant index");
  }
  const int64_t value = bound->constant.int64_value();
  const auto fields = static_cast<int64_t>(base->type.num_children());
  if (value < 1 || value > fields) {
    return ErrorAt(kInvalidFunctionArgument, position,
                   "Invalid subscript index: " + std::to_string(value) + ", ROW type has " +
                       std::to_string(fields) + " fields");
  }
  return RowField(base, static_cast<size_t>(value - 1));
}

Result<plan::ExprPtr> ExpressionBinder::BindExtract(const parser::ExtractExpression& extract) {
  return BindArgumentsAndCall(ExtractFunction(extract.field), {extract.value.get()},
                              extract.position);
}

Result<plan::ExprPtr> ExpressionBinder::BindCurrentValue(
    const parser::CurrentValueExpression& value) {
  switch (value.value) {
    case parser::CurrentValue::kCurrentDate:
      return Call("current_date", {}, value.position);
    case parser::CurrentValue::kCurrentTime:
      return Call("current_time", {}, value.position);
    case parser::CurrentValue::kCurrentTimestamp:
      return Call("current_timestamp", {}, value.position);
    case parser::CurrentValue::kLocalTime:
      return Call("localtime", {}, value.position);
    case parser::CurrentValue::kLocalTimestamp:
      return Call("localtimestamp", {}, value.position);
    case parser::CurrentValue::kCurrentUser:
      return plan::MakeConstant(Value::Varchar(query_.context().options.current_user));
    case parser::CurrentValue::kCurrentCatalog:
      return plan::MakeConstant(Value::Varchar(query_.context().options.catalog_name));
    case parser::CurrentValue::kCurrentSchema:
      return plan::MakeConstant(Value::Varchar(query_.context().options.database));
    case parser::CurrentValue::kCurrentPath:
      return plan::MakeConstant(Value::Varchar(""));
  }
  return ErrorAt(kNotSupported, value.position, "Unsupported special value");
}

Result<plan::ExprPtr> ExpressionBinder::BindSpecialFunction(
    const parser::FunctionCallExpression& call, const std::string& name, bool* handled) {
  *handled = true;
  std::vector<plan::ExprPtr> args;
  for (const auto& argument : call.arguments) {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, Bind(*argument));
    args.push_back(std::move(bound));
  }
  auto arity_error = [&](const std::string& expected) {
    return ErrorAt(kGenericUserError, call.position,
                   "Invalid number of arguments for " + name + ": expected " + expected);
  };
  if (name == "coalesce") {
    if (args.empty()) {
      return arity_error("at least 1");
    }
    LogicalType common;
    STRATUS_ASSIGN_OR_RETURN(
        args, CoerceToCommon(std::move(args), call.position, "All COALESCE operands", &common));
    if (args.size() == 1) {
      return args[0];
    }
    return Fold(plan::MakeSpecial(plan::ExprKind::kCoalesce, common, std::move(args)));
  }
  if (name == "if") {
    if (args.size() < 2 || args.size() > 3) {
      return arity_error("2 or 3");
    }
    if (!IsBooleanOrNull(args[0]->type)) {
      return ErrorAt(
          kTypeMismatch, call.arguments[0]->position,
          "IF condition must evaluate to a boolean: actual type " + args[0]->type.ToString());
    }
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr condition, CastTo(args[0], kBoolean));
    std::vector<plan::ExprPtr> results(args.begin() + 1, args.end());
    LogicalType common;
    STRATUS_ASSIGN_OR_RETURN(
        results, CoerceToCommon(std::move(results), call.position, "IF results", &common));
    auto out = std::make_shared<plan::Expr>();
    out->kind = plan::ExprKind::kCase;
    out->type = common;
    out->has_else = results.size() == 2;
    out->args = {condition, results[0]};
    if (results.size() == 2) {
      out->args.push_back(results[1]);
    }
    return Fold(out);
  }
  if (name == "nullif") {
    if (args.size() != 2) {
      return arity_error("2");
    }
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr equal,
                             Call(functions::kEqualOperator, {args[0], args[1]}, call.position));
    auto out = std::make_shared<plan::Expr>();
    out->kind = plan::ExprKind::kCase;
    out->type = args[0]->type;
    out->has_else = true;
    out->args = {equal, plan::MakeConstant(Value::Null(args[0]->type)), args[0]};
    return Fold(out);
  }
  if (name == "date" && !functions::FunctionRegistry::Default().Exists("date")) {
    // Trino's date(x) is CAST(x AS date).
    if (args.size() != 1) {
      return arity_error("1");
    }
    if (args[0]->type == LogicalType::Date()) {
      return args[0];
    }
    auto cast = functions::ResolveCast(args[0]->type, LogicalType::Date(), false);
    if (!cast.ok()) {
      return WithPosition(cast.status(), call.position);
    }
    return Fold(plan::MakeCast(std::move(*cast), args[0], false));
  }
  if (name == "try") {
    if (args.size() != 1) {
      return arity_error("1");
    }
    return plan::MakeSpecial(plan::ExprKind::kTry, args[0]->type, {args[0]});
  }
  *handled = false;
  return plan::ExprPtr();
}

Result<plan::ExprPtr> ExpressionBinder::BindFunction(const parser::FunctionCallExpression& call) {
  std::string name = call.name.parts.empty() ? "" : call.name.parts.back().name;
  const auto& registry = functions::FunctionRegistry::Default();
  if (call.window != nullptr || call.window_name.has_value()) {
    if (select_ == nullptr) {
      return ErrorAt(kNotSupported, call.position,
                     "Window functions are not allowed here: " + parser::ToSql(call));
    }
    return BindWindow(call);
  }
  if (registry.IsAggregate(name)) {
    if (select_ == nullptr) {
      return ErrorAt(kGenericUserError, call.position,
                     "Aggregate functions are not allowed here: " + parser::ToSql(call));
    }
    return BindAggregate(call);
  }
  if (name == "grouping") {
    return BindGrouping(call);
  }
  if ((call.distinct || call.filter != nullptr || !call.order_by.empty()) &&
      !registry.Exists(name)) {
    return ErrorAt(kFunctionNotFound, call.position, "Function '" + name + "' not registered");
  }
  if (call.distinct || call.filter != nullptr || !call.order_by.empty()) {
    return ErrorAt(kGenericUserError, call.position,
                   "DISTINCT, FILTER and ORDER BY apply only to aggregate functions: " + name);
  }
  bool handled = false;
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr with_lambdas, BindLambdaCall(call, name, &handled));
  if (handled) {
    return with_lambdas;
  }
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr special, BindSpecialFunction(call, name, &handled));
  if (handled) {
    return special;
  }
  if (registry.IsWindow(name)) {
    return ErrorAt(kGenericUserError, call.position,
                   "Window function " + name + " requires an OVER clause");
  }
  std::vector<const parser::Expression*> args;
  for (const auto& argument : call.arguments) {
    args.push_back(argument.get());
  }
  return BindArgumentsAndCall(name, args, call.position);
}

}  // namespace stratus::sql::binder
