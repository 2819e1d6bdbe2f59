// Subqueries in expressions: scalar, EXISTS, IN and quantified comparisons,
// planned as joins onto the expression's input (never run per row).

#include <algorithm>
#include <utility>

#include "sql/binder/binder_internal.h"
#include "sql/functions/coercion.h"
#include "sql/functions/function.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::binder {
namespace {

const LogicalType kBoolean = LogicalType::Boolean();

// Rewrites a correlation conjunct into a join condition: outer columns are
// the join's left input, the subquery's columns follow at `right_base`.
plan::ExprPtr ToJoinCondition(const plan::ExprPtr& expr, size_t right_base) {
  if (expr->kind == plan::ExprKind::kColumn) {
    size_t column =
        expr->column >= kOuterBase ? expr->column - kOuterBase : right_base + expr->column;
    return plan::MakeColumn(column, expr->type, expr->name);
  }
  if (expr->args.empty()) {
    return expr;
  }
  auto copy = std::make_shared<plan::Expr>(*expr);
  for (plan::ExprPtr& arg : copy->args) {
    arg = ToJoinCondition(arg, right_base);
  }
  return copy;
}

// Renumbers outer references (kOuterBase + p becomes kOuterBase + mapping[p]).
plan::ExprPtr RemapOuter(const plan::ExprPtr& expr, const std::vector<size_t>& mapping) {
  if (expr->kind == plan::ExprKind::kColumn) {
    if (expr->column < kOuterBase) {
      return expr;
    }
    return plan::MakeColumn(kOuterBase + mapping[expr->column - kOuterBase], expr->type,
                            expr->name);
  }
  if (expr->args.empty()) {
    return expr;
  }
  auto copy = std::make_shared<plan::Expr>(*expr);
  for (plan::ExprPtr& arg : copy->args) {
    arg = RemapOuter(arg, mapping);
  }
  return copy;
}

// True when `node` yields at most one row per value of its columns `keys`
// (a global aggregate, one grouped by a subset of the keys, ...).
bool UniquePerKeys(const plan::Node& node, std::vector<size_t> keys) {
  auto is_key = [&](size_t column) {
    return std::find(keys.begin(), keys.end(), column) != keys.end();
  };
  switch (node.kind) {
    case plan::NodeKind::kProject: {
      const auto& project = node.As<plan::ProjectNode>();
      for (size_t& key : keys) {
        const plan::Expr& expr = *project.expressions[key];
        if (expr.kind != plan::ExprKind::kColumn) {
          return false;
        }
        key = expr.column;
      }
      return UniquePerKeys(*node.inputs[0], std::move(keys));
    }
    case plan::NodeKind::kFilter:
    case plan::NodeKind::kSort:
    case plan::NodeKind::kLimit:
      return UniquePerKeys(*node.inputs[0], std::move(keys));
    case plan::NodeKind::kEnforceSingleRow:
      return true;
    case plan::NodeKind::kAggregate: {
      const auto& aggregate = node.As<plan::AggregateNode>();
      if (aggregate.grouping_sets.size() > 1) {
        return false;
      }
      for (size_t g = 0; g < aggregate.group_keys.size(); ++g) {
        if (!is_key(g)) {
          return false;
        }
      }
      return true;
    }
    case plan::NodeKind::kDistinct:
      for (size_t c = 0; c < node.columns.size(); ++c) {
        if (!is_key(c)) {
          return false;
        }
      }
      return true;
    default:
      return false;
  }
}

// The subquery's columns its correlation equates with outer expressions.
std::vector<size_t> EqualityKeys(const Correlation& correlation) {
  std::vector<size_t> keys;
  for (const plan::ExprPtr& conjunct : correlation.conjuncts) {
    if (conjunct->kind != plan::ExprKind::kCall ||
        conjunct->function->name != functions::kEqualOperator) {
      continue;
    }
    for (size_t side = 0; side < 2; ++side) {
      const plan::Expr& inner = *conjunct->args[side];
      const plan::Expr& other = *conjunct->args[1 - side];
      if (inner.kind == plan::ExprKind::kColumn && inner.column < kOuterBase &&
          HasOuterReference(other)) {
        std::vector<size_t> read;
        plan::CollectColumns(other, &read);
        if (std::all_of(read.begin(), read.end(), [](size_t c) { return c >= kOuterBase; })) {
          keys.push_back(inner.column);
        }
      }
    }
  }
  return keys;
}

// Groups a correlated scalar subquery's rows by the columns its correlation
// reads, keeping the node's column layout (column 0: any value of the group;
// the correlation's columns; NULL elsewhere) and appending the group's row
// count, which $single_row checks on the rows an outer row matches (Trino's
// SUBQUERY_MULTIPLE_ROWS happens only where an outer row sees two rows).
Result<plan::NodePtr> CountRowsPerKey(const plan::NodePtr& sub, const Correlation& correlation) {
  std::vector<size_t> keys;
  for (const plan::ExprPtr& conjunct : correlation.conjuncts) {
    std::vector<size_t> read;
    plan::CollectColumns(*conjunct, &read);
    for (size_t column : read) {
      if (column < kOuterBase && std::find(keys.begin(), keys.end(), column) == keys.end()) {
        keys.push_back(column);
      }
    }
  }
  std::sort(keys.begin(), keys.end());
  const auto& registry = functions::FunctionRegistry::Default();
  const LogicalType& value_type = sub->columns[0].type;
  const std::vector<LogicalType> value_types = {value_type};
  STRATUS_ASSIGN_OR_RETURN(std::shared_ptr<const functions::AggregateBinding> arbitrary,
                           registry.ResolveAggregate("arbitrary", value_types));
  STRATUS_ASSIGN_OR_RETURN(std::shared_ptr<const functions::AggregateBinding> count,
                           registry.ResolveAggregate("count", std::vector<LogicalType>()));
  auto aggregate = std::make_shared<plan::AggregateNode>();
  for (size_t key : keys) {
    aggregate->group_keys.push_back(ColumnOf(*sub, key));
    aggregate->columns.push_back(sub->columns[key]);
  }
  plan::AggregateCall any_value;
  any_value.function = std::move(arbitrary);
  any_value.args = {ColumnOf(*sub, 0)};
  aggregate->aggregates.push_back(std::move(any_value));
  plan::AggregateCall rows;
  rows.function = std::move(count);
  aggregate->aggregates.push_back(std::move(rows));
  aggregate->columns.push_back({.name = sub->columns[0].name, .type = value_type});
  aggregate->columns.push_back({.name = "$rows", .type = LogicalType::Bigint()});
  aggregate->inputs.push_back(sub);
  std::vector<plan::ExprPtr> expressions;
  std::vector<std::string> names;
  for (size_t c = 0; c < sub->columns.size(); ++c) {
    auto key = std::find(keys.begin(), keys.end(), c);
    if (key != keys.end()) {
      expressions.push_back(ColumnOf(*aggregate, static_cast<size_t>(key - keys.begin())));
    } else if (c == 0) {
      expressions.push_back(ColumnOf(*aggregate, keys.size()));
    } else {
      expressions.push_back(plan::MakeConstant(Value::Null(sub->columns[c].type)));
    }
    names.push_back(sub->columns[c].name);
  }
  expressions.push_back(ColumnOf(*aggregate, keys.size() + 1));
  names.emplace_back("$rows");
  return MakeProject(aggregate, std::move(expressions), std::move(names));
}

const parser::Query* SubqueryOf(const parser::Expression& expression) {
  switch (expression.kind) {
    case parser::ExpressionKind::kExists:
      return expression.As<parser::ExistsExpression>().query.get();
    case parser::ExpressionKind::kSubquery:
      return expression.As<parser::SubqueryExpression>().query.get();
    case parser::ExpressionKind::kInSubquery:
      return expression.As<parser::InSubqueryExpression>().query.get();
    case parser::ExpressionKind::kQuantifiedComparison:
      return expression.As<parser::QuantifiedComparisonExpression>().query.get();
    default:
      return nullptr;
  }
}

}  // namespace

Result<RelationPlan> QueryBinder::BindSubquery(const parser::Query& query,
                                               const Scope& scope,
                                               Correlation* correlation) {
  QueryBinder child(context_, &scope);
  Result<RelationPlan> bound = child.BindQuery(query);
  *correlation = child.correlation();
  STRATUS_ASSIGN_OR_RETURN(RelationPlan plan, std::move(bound));
  if (PlanHasOuterReference(*plan.node)) {
    return ErrorAt(kNotSupported, query.position, "Given correlated subquery is not supported");
  }
  if (correlation->conjuncts.empty()) {
    correlation->visible_columns = plan.node->columns.size();
  }
  return plan;
}

Result<plan::ExprPtr> ExpressionBinder::BindLateralSubquery(const parser::Query& query,
                                                            const Correlation& discovered) {
  // Distinct values of the outer columns the subquery reads, joined into its FROM.
  std::vector<plan::ExprPtr> keys;
  std::vector<std::string> names;
  RelationPlan lateral;
  for (size_t position : discovered.outer_columns) {
    Field field = scope_.fields[position];
    field.lateral = true;
    field.hidden = true;
    keys.push_back(plan::MakeColumn(position, field.type, field.name));
    names.push_back(field.name);
    lateral.scope.fields.push_back(std::move(field));
  }
  plan::NodePtr project = MakeProject(*input_, keys, names);
  auto distinct = std::make_shared<plan::DistinctNode>();
  distinct->columns = project->columns;
  distinct->inputs.push_back(project);
  lateral.node = distinct;
  QueryBinder child(query_.context(), nullptr);
  child.set_lateral(std::move(lateral));
  STRATUS_ASSIGN_OR_RETURN(RelationPlan sub, child.BindQuery(query));
  const Correlation& correlation = child.correlation();
  if (correlation.visible_columns != 1) {
    return ErrorAt(kNotSupported, query.position,
                   "Multiple columns returned by subquery are not yet supported. Found " +
                       std::to_string(correlation.visible_columns));
  }
  size_t base = (*input_)->columns.size();
  std::vector<plan::ExprPtr> conditions;
  for (size_t i = 0; i < keys.size(); ++i) {
    plan::ExprPtr inner = plan::MakeColumn(base + 1 + i, keys[i]->type);
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr equal,
                             Call(functions::kEqualOperator, {keys[i], inner}, query.position));
    conditions.push_back(std::move(equal));
  }
  *input_ =
      MakeJoin(*input_, sub.node, plan::JoinKind::kLeft, MakeConjunction(std::move(conditions)));
  LogicalType type = sub.node->columns[0].type;
  plan::ExprPtr value = plan::MakeColumn(base, type, sub.node->columns[0].name);
  if (!correlation.is_count.empty() && correlation.is_count[0]) {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr zero,
                             CastTo(plan::MakeConstant(Value::Bigint(0)), type));
    value = plan::MakeSpecial(plan::ExprKind::kCoalesce, type, {value, zero});
  }
  return value;
}

Result<plan::ExprPtr> ExpressionBinder::BindQuantifiedComparison(
    const parser::QuantifiedComparisonExpression& quantified, const RelationPlan& sub) {
  parser::SourcePosition position = quantified.position;
  if (sub.node->columns.size() != 1) {
    return ErrorAt(kNotSupported, position,
                   "Multiple columns returned by subquery are not yet supported. Found " +
                       std::to_string(sub.node->columns.size()));
  }
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr value, Bind(*quantified.value));
  auto common = functions::CommonSuperType(value->type, sub.node->columns[0].type);
  if (!common.has_value()) {
    return ErrorAt(kTypeMismatch, position,
                   "Value expression and result of subquery must be of the same type: " +
                       value->type.ToString() + " vs " + sub.node->columns[0].type.ToString());
  }
  STRATUS_ASSIGN_OR_RETURN(value, CastTo(value, *common));
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr item, CastTo(ColumnOf(*sub.node, 0), *common));
  // One row of min, max, count(*) and count(item) over the subquery.
  const auto& registry = functions::FunctionRegistry::Default();
  auto aggregate = std::make_shared<plan::AggregateNode>();
  auto add = [&](std::string_view name, std::vector<plan::ExprPtr> args) -> Status {
    std::vector<LogicalType> types;
    types.reserve(args.size());
    for (const plan::ExprPtr& arg : args) {
      types.push_back(arg->type);
    }
    auto binding = registry.ResolveAggregate(name, types);
    if (!binding.ok()) {
      return WithPosition(binding.status(), position);
    }
    aggregate->columns.push_back({.name = std::string(name), .type = (*binding)->return_type});
    aggregate->aggregates.push_back({.function = *binding,
                                     .args = std::move(args),
                                     .distinct = false,
                                     .filter = nullptr,
                                     .order_by = {}});
    return Status::Ok();
  };
  STRATUS_RETURN_IF_ERROR(add("min", {item}));
  STRATUS_RETURN_IF_ERROR(add("max", {item}));
  STRATUS_RETURN_IF_ERROR(add("count", {}));
  STRATUS_RETURN_IF_ERROR(add("count", {item}));
  aggregate->inputs.push_back(sub.node);
  size_t base = (*input_)->columns.size();
  *input_ = MakeJoin(*input_, aggregate, plan::JoinKind::kCross, nullptr);
  plan::ExprPtr minimum = plan::MakeColumn(base, aggregate->columns[0].type);
  plan::ExprPtr maximum = plan::MakeColumn(base + 1, aggregate->columns[1].type);
  plan::ExprPtr count = plan::MakeColumn(base + 2, aggregate->columns[2].type);
  plan::ExprPtr count_values = plan::MakeColumn(base + 3, aggregate->columns[3].type);

  bool all = quantified.quantifier == parser::Quantifier::kAll;
  std::string_view op;
  plan::ExprPtr extreme;
  switch (quantified.op) {
    case parser::BinaryOperator::kLess:
      op = functions::kLessThanOperator;
      extreme = all ? minimum : maximum;
      break;
    case parser::BinaryOperator::kLessOrEqual:
      op = functions::kLessThanOrEqualOperator;
      extreme = all ? minimum : maximum;
      break;
    case parser::BinaryOperator::kGreater:
      op = functions::kGreaterThanOperator;
      extreme = all ? maximum : minimum;
      break;
    case parser::BinaryOperator::kGreaterOrEqual:
      op = functions::kGreaterThanOrEqualOperator;
      extreme = all ? maximum : minimum;
      break;
    default:
      break;
  }
  // Decides the rows whose answer does not depend on NULLs in the subquery.
  plan::ExprPtr decisive;
  if (!op.empty()) {
    STRATUS_ASSIGN_OR_RETURN(decisive, Call(op, {value, extreme}, position));
    if (all) {
      decisive = plan::MakeSpecial(plan::ExprKind::kNot, LogicalType::Boolean(), {decisive});
    }
  } else {
    // = ALL fails, and <> ANY holds, when some value differs.
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr low,
                             Call(functions::kNotEqualOperator, {minimum, value}, position));
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr high,
                             Call(functions::kNotEqualOperator, {maximum, value}, position));
    decisive = plan::MakeSpecial(plan::ExprKind::kOr, LogicalType::Boolean(), {low, high});
  }
  STRATUS_ASSIGN_OR_RETURN(
      plan::ExprPtr empty,
      Call(functions::kEqualOperator, {count, plan::MakeConstant(Value::Bigint(0))}, position));
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr has_nulls,
                           Call(functions::kLessThanOperator, {count_values, count}, position));
  plan::ExprPtr value_null =
      plan::MakeSpecial(plan::ExprKind::kIsNull, LogicalType::Boolean(), {value});
  plan::ExprPtr no_rows = plan::MakeConstant(Value::Boolean(all));
  plan::ExprPtr decided = plan::MakeConstant(Value::Boolean(!all));
  plan::ExprPtr unknown = plan::MakeConstant(Value::Null(LogicalType::Boolean()));
  auto out = std::make_shared<plan::Expr>();
  out->kind = plan::ExprKind::kCase;
  out->type = LogicalType::Boolean();
  out->has_else = true;
  out->args = {empty,     no_rows,  value_null,
               unknown,   decisive, decided,
               has_nulls, unknown,  plan::MakeConstant(Value::Boolean(all))};
  return plan::ExprPtr(out);
}

Result<plan::ExprPtr> ExpressionBinder::BindInSubquery(const parser::Expression& expression,
                                                       const RelationPlan& sub,
                                                       const Correlation& correlation) {
  size_t visible = correlation.visible_columns;
  bool correlated = !correlation.conjuncts.empty();
  size_t base = (*input_)->columns.size();
  std::vector<plan::ExprPtr> conditions;
  for (const plan::ExprPtr& conjunct : correlation.conjuncts) {
    conditions.push_back(ToJoinCondition(conjunct, base));
  }
  const parser::Expression* value_ast = nullptr;
  bool negated = false;
  if (expression.kind == parser::ExpressionKind::kInSubquery) {
    const auto& in = expression.As<parser::InSubqueryExpression>();
    value_ast = in.value.get();
    negated = in.negated;
  } else {
    const auto& quantified = expression.As<parser::QuantifiedComparisonExpression>();
    value_ast = quantified.value.get();
    bool any = quantified.quantifier != parser::Quantifier::kAll;
    if (quantified.op == parser::BinaryOperator::kEqual && any) {
      negated = false;
    } else if (quantified.op == parser::BinaryOperator::kNotEqual && !any) {
      negated = true;
    } else {
      if (correlated) {
        return ErrorAt(kNotSupported, expression.position,
                       "Given correlated subquery is not supported");
      }
      return BindQuantifiedComparison(quantified, sub);
    }
  }
  if (visible != 1) {
    return ErrorAt(kTypeMismatch, expression.position,
                   "Multiple columns returned by subquery are not yet supported. Found " +
                       std::to_string(visible));
  }
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr value, Bind(*value_ast));
  // The value may have grown the input (a subquery inside it).
  size_t right_base = (*input_)->columns.size();
  if (right_base != base) {
    conditions.clear();
    for (const plan::ExprPtr& conjunct : correlation.conjuncts) {
      conditions.push_back(ToJoinCondition(conjunct, right_base));
    }
  }
  plan::ExprPtr item = plan::MakeColumn(right_base, sub.node->columns[0].type);
  auto common = functions::CommonSuperType(value->type, item->type);
  if (!common.has_value()) {
    return ErrorAt(kTypeMismatch, expression.position,
                   "Value expression and result of subquery must be of the same type: " +
                       value->type.ToString() + " vs " + item->type.ToString());
  }
  STRATUS_ASSIGN_OR_RETURN(value, CastTo(value, *common));
  STRATUS_ASSIGN_OR_RETURN(item, CastTo(item, *common));
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr equal,
                           Call(functions::kEqualOperator, {value, item}, expression.position));
  conditions.insert(conditions.begin(), equal);
  *input_ = MakeJoin(*input_, sub.node, plan::JoinKind::kMark,
                     MakeConjunction(std::move(conditions)), /*null_aware=*/true);
  plan::ExprPtr mark = plan::MakeColumn(right_base, kBoolean, "$in");
  if (negated) {
    mark = plan::MakeSpecial(plan::ExprKind::kNot, kBoolean, {mark});
  }
  return mark;
}

Result<plan::ExprPtr> ExpressionBinder::BindSubquery(const parser::Expression& expression) {
  const parser::Query* query = SubqueryOf(expression);
  Correlation correlation;
  Result<RelationPlan> bound = query_.BindSubquery(*query, scope_, &correlation);
  if (!bound.ok() && expression.kind == parser::ExpressionKind::kSubquery &&
      SqlErrorName(bound.status()) == kNotSupported && !correlation.outer_columns.empty()) {
    if (input_ == nullptr) {
      if (select_ != nullptr && select_->collecting) {
        return plan::MakeConstant(Value::Null(LogicalType::Unknown()));
      }
      return ErrorAt(kNotSupported, expression.position,
                     "Subqueries are not supported in this context");
    }
    if (select_ != nullptr && select_->aggregated) {
      return bound.status();
    }
    return BindLateralSubquery(*query, correlation);
  }
  STRATUS_ASSIGN_OR_RETURN(RelationPlan sub, std::move(bound));
  size_t visible = correlation.visible_columns;
  bool correlated = !correlation.conjuncts.empty();
  if (input_ == nullptr) {
    if (select_ != nullptr && select_->collecting) {
      LogicalType type = expression.kind == parser::ExpressionKind::kSubquery && visible > 0
                             ? sub.node->columns[0].type
                             : kBoolean;
      return plan::MakeConstant(Value::Null(type));
    }
    return ErrorAt(kNotSupported, expression.position,
                   "Subqueries are not supported in this context");
  }
  if (correlated && select_ != nullptr && select_->aggregated) {
    // The outer columns are the SELECT's input: each must be a group key,
    // read from the aggregated rows.
    std::vector<size_t> mapping;
    for (size_t p : correlation.outer_columns) {
      size_t key = 0;
      while (key < select_->group_keys.size() &&
             !(select_->group_keys[key]->kind == plan::ExprKind::kColumn &&
               select_->group_keys[key]->column == p)) {
        ++key;
      }
      if (key == select_->group_keys.size()) {
        return ErrorAt(kNotSupported, expression.position,
                       "Given correlated subquery is not supported");
      }
      if (mapping.size() <= p) {
        mapping.resize(p + 1, 0);
      }
      mapping[p] = key;
    }
    for (plan::ExprPtr& conjunct : correlation.conjuncts) {
      conjunct = RemapOuter(conjunct, mapping);
    }
  }
  size_t base = (*input_)->columns.size();
  std::vector<plan::ExprPtr> conditions;
  for (const plan::ExprPtr& conjunct : correlation.conjuncts) {
    conditions.push_back(ToJoinCondition(conjunct, base));
  }
  switch (expression.kind) {
    case parser::ExpressionKind::kSubquery: {
      if (visible != 1) {
        return ErrorAt(kNotSupported, expression.position,
                       "Multiple columns returned by subquery are not yet supported. Found " +
                           std::to_string(visible));
      }
      LogicalType type = sub.node->columns[0].type;
      if (!correlated) {
        auto single = std::make_shared<plan::EnforceSingleRowNode>();
        single->columns = sub.node->columns;
        single->inputs.push_back(sub.node);
        *input_ = MakeJoin(*input_, single, plan::JoinKind::kCross, nullptr);
        return plan::MakeColumn(base, type, sub.node->columns[0].name);
      }
      plan::NodePtr right = sub.node;
      bool checked = false;
      if (!UniquePerKeys(*sub.node, EqualityKeys(correlation))) {
        // A value type arbitrary() cannot hold keeps the join unchecked.
        auto counted = CountRowsPerKey(sub.node, correlation);
        checked = counted.ok();
        right = checked ? *counted : right;
      }
      *input_ =
          MakeJoin(*input_, right, plan::JoinKind::kLeft, MakeConjunction(std::move(conditions)));
      plan::ExprPtr value = plan::MakeColumn(base, type, sub.node->columns[0].name);
      if (checked) {
        const size_t rows = base + sub.node->columns.size();
        value = plan::MakeCall(functions::SingleRowCheckBinding(type),
                               {plan::MakeColumn(rows, LogicalType::Bigint(), "$rows"), value});
      }
      if (!correlation.is_count.empty() && correlation.is_count[0]) {
        STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr zero,
                                 CastTo(plan::MakeConstant(Value::Bigint(0)), type));
        value = plan::MakeSpecial(plan::ExprKind::kCoalesce, type, {value, zero});
      }
      return value;
    }
    case parser::ExpressionKind::kExists: {
      *input_ = MakeJoin(*input_, sub.node, plan::JoinKind::kMark,
                         MakeConjunction(std::move(conditions)));
      return plan::MakeColumn(base, kBoolean, "$exists");
    }
    case parser::ExpressionKind::kInSubquery:
    case parser::ExpressionKind::kQuantifiedComparison:
      return BindInSubquery(expression, sub, correlation);
    default:
      break;
  }
  return ErrorAt(kNotSupported, expression.position, "Unsupported subquery");
}

Status QueryBinder::BindWhereSubquery(const parser::Expression& conjunct,
                                      RelationPlan* plan,
                                      bool* handled) {
  *handled = false;
  const parser::Expression* expression = &conjunct;
  bool negated = false;
  if (expression->kind == parser::ExpressionKind::kUnary &&
      expression->As<parser::UnaryExpression>().op == parser::UnaryOperator::kNot) {
    expression = expression->As<parser::UnaryExpression>().operand.get();
    negated = true;
  }
  if (expression->kind == parser::ExpressionKind::kExists) {
    Correlation correlation;
    STRATUS_ASSIGN_OR_RETURN(
        RelationPlan sub,
        BindSubquery(*expression->As<parser::ExistsExpression>().query, plan->scope, &correlation));
    size_t base = plan->node->columns.size();
    std::vector<plan::ExprPtr> conditions;
    for (const plan::ExprPtr& item : correlation.conjuncts) {
      conditions.push_back(ToJoinCondition(item, base));
    }
    plan->node =
        MakeJoin(plan->node, sub.node, negated ? plan::JoinKind::kAnti : plan::JoinKind::kSemi,
                 MakeConjunction(std::move(conditions)));
    *handled = true;
    return Status::Ok();
  }
  if (expression->kind == parser::ExpressionKind::kInSubquery) {
    const auto& in = expression->As<parser::InSubqueryExpression>();
    if (in.negated) {
      negated = !negated;
    }
    Correlation correlation;
    STRATUS_ASSIGN_OR_RETURN(RelationPlan sub, BindSubquery(*in.query, plan->scope, &correlation));
    if (correlation.visible_columns != 1) {
      return ErrorAt(kNotSupported, in.position,
                     "Multiple columns returned by subquery are not yet supported. Found " +
                         std::to_string(correlation.visible_columns));
    }
    ExpressionBinder binder(*this, plan->scope, nullptr);
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr value, binder.Bind(*in.value));
    size_t base = plan->node->columns.size();
    plan::ExprPtr item = plan::MakeColumn(base, sub.node->columns[0].type);
    auto common = functions::CommonSuperType(value->type, item->type);
    if (!common.has_value()) {
      return ErrorAt(kTypeMismatch, in.position,
                     "Value expression and result of subquery must be of the same type: " +
                         value->type.ToString() + " vs " + item->type.ToString());
    }
    STRATUS_ASSIGN_OR_RETURN(value, CastTo(value, *common));
    STRATUS_ASSIGN_OR_RETURN(item, CastTo(item, *common));
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr equal,
                             binder.Call(functions::kEqualOperator, {value, item}, in.position));
    std::vector<plan::ExprPtr> conditions = {equal};
    for (const plan::ExprPtr& conjunct_expr : correlation.conjuncts) {
      conditions.push_back(ToJoinCondition(conjunct_expr, base));
    }
    plan->node =
        MakeJoin(plan->node, sub.node, negated ? plan::JoinKind::kAnti : plan::JoinKind::kSemi,
                 MakeConjunction(std::move(conditions)), /*null_aware=*/negated);
    *handled = true;
    return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace stratus::sql::binder
