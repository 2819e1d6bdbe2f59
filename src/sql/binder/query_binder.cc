// Query levels: WITH, SELECT (WHERE, GROUP BY, HAVING, windows, DISTINCT),
// ORDER BY, OFFSET/LIMIT, VALUES and set operations.

#include <algorithm>
#include <set>
#include <utility>

#include "sql/binder/binder_internal.h"
#include "sql/functions/coercion.h"
#include "sql/functions/function.h"
#include "sql/parser/to_sql.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::binder {
namespace {

// One select-list entry after `*` expansion.
struct SelectItem {
  const parser::Expression* expression = nullptr;  // Null: a column of the FROM scope.
  size_t column = 0;
  std::string name = {};
};

std::string NameOf(const parser::Expression& expression, size_t index) {
  if (expression.kind == parser::ExpressionKind::kIdentifier) {
    return expression.As<parser::IdentifierExpression>().identifier.name;
  }
  if (expression.kind == parser::ExpressionKind::kDereference) {
    return expression.As<parser::DereferenceExpression>().field.name;
  }
  return "_col" + std::to_string(index);
}

std::optional<int64_t> IntegerLiteral(const parser::Expression& expression) {
  if (expression.kind != parser::ExpressionKind::kLiteral) {
    return std::nullopt;
  }
  const auto& literal = expression.As<parser::LiteralExpression>();
  if (literal.literal_kind != parser::LiteralKind::kInteger) {
    return std::nullopt;
  }
  return std::strtoll(literal.value.c_str(), nullptr, 10);
}

Scope OutputScope(const plan::Node& node) {
  Scope scope;
  for (const plan::Column& column : node.columns) {
    scope.fields.push_back({.database = {},
                            .qualifier = {},
                            .name = column.name,
                            .type = column.type,
                            .qualified_only = false,
                            .hidden = false});
  }
  return scope;
}

// Expands the select list: `*`, `t.*` and expressions with their names.
Result<std::vector<SelectItem>> ExpandSelectItems(const parser::SelectBody& select,
                                                  const Scope& scope) {
  std::vector<SelectItem> items;
  for (const parser::SelectItem& item : select.select_items) {
    if (item.kind == parser::SelectItemKind::kExpression) {
      std::string name =
          item.alias.has_value() ? item.alias->name : NameOf(*item.expression, items.size());
      items.push_back({.expression = item.expression.get(), .column = 0, .name = name});
      continue;
    }
    std::vector<std::string> prefix;
    for (const parser::Expression* part = item.expression.get(); part != nullptr;) {
      if (part->kind == parser::ExpressionKind::kDereference) {
        const auto& dereference = part->As<parser::DereferenceExpression>();
        prefix.insert(prefix.begin(), dereference.field.name);
        part = dereference.base.get();
      } else {
        prefix.insert(prefix.begin(), part->As<parser::IdentifierExpression>().identifier.name);
        part = nullptr;
      }
    }
    size_t before = items.size();
    for (size_t i = 0; i < scope.fields.size(); ++i) {
      const Field& field = scope.fields[i];
      // A USING join's key columns are hidden from `*` but not from `t.*`.
      bool using_key = field.qualified_only && !field.name.empty() && !field.lateral;
      if (field.hidden && !(using_key && !prefix.empty())) {
        continue;
      }
      if (!prefix.empty()) {
        if (field.qualifier != prefix.back() ||
            (prefix.size() == 2 && field.database != prefix[0])) {
          continue;
        }
      }
      std::string name = field.name.empty() ? "_col" + std::to_string(items.size()) : field.name;
      items.push_back({.expression = nullptr, .column = i, .name = name});
    }
    if (!prefix.empty() && items.size() == before) {
      std::string text;
      for (const std::string& part : prefix) {
        text += (text.empty() ? "" : ".") + part;
      }
      return ErrorAt(kTableNotFound, item.position, "Table '" + text + "' not found");
    }
    if (!item.column_aliases.empty()) {
      if (item.column_aliases.size() != items.size() - before) {
        return ErrorAt(kMismatchedColumnAliases, item.position,
                       "Column alias list has " + std::to_string(item.column_aliases.size()) +
                           " entries but relation has " + std::to_string(items.size() - before) +
                           " columns");
      }
      for (size_t i = 0; i < item.column_aliases.size(); ++i) {
        items[before + i].name = item.column_aliases[i].name;
      }
    }
  }
  return items;
}

// Returns the cross product of grouping elements' sets, as key positions.
std::vector<std::vector<size_t>> CombineSets(
    const std::vector<std::vector<std::vector<size_t>>>& per_element) {
  std::vector<std::vector<size_t>> acc = {{}};
  for (const auto& sets : per_element) {
    std::vector<std::vector<size_t>> next;
    for (const auto& left : acc) {
      for (const auto& right : sets) {
        std::vector<size_t> merged = left;
        for (size_t key : right) {
          if (std::find(merged.begin(), merged.end(), key) == merged.end()) {
            merged.push_back(key);
          }
        }
        std::sort(merged.begin(), merged.end());
        next.push_back(std::move(merged));
      }
    }
    acc = std::move(next);
  }
  return acc;
}

// Renumbers a correlation conjunct's inner columns; outer ones stay.
plan::ExprPtr RemapInner(const plan::ExprPtr& expr, const std::vector<size_t>& mapping) {
  if (expr->kind == plan::ExprKind::kColumn) {
    if (expr->column >= kOuterBase) {
      return expr;
    }
    return plan::MakeColumn(mapping[expr->column], expr->type, expr->name);
  }
  if (expr->args.empty()) {
    return expr;
  }
  auto copy = std::make_shared<plan::Expr>(*expr);
  for (plan::ExprPtr& arg : copy->args) {
    arg = RemapInner(arg, mapping);
  }
  return copy;
}

}  // namespace

QueryBinder::QueryBinder(Binder::Context& context, const Scope* outer)
    : context_(context), outer_(outer) {}

Result<RelationPlan> QueryBinder::BindQuery(const parser::Query& query) {
  size_t ctes_before = context_.ctes.size();
  for (const parser::CommonTableExpression& cte : query.with) {
    context_.ctes.emplace_back(cte.name.name, &cte);
    if (query.with_recursive) {
      context_.recursive_ctes.insert(&cte);
    }
  }
  Result<RelationPlan> result = [&]() -> Result<RelationPlan> {
    if (query.body->kind == parser::QueryBodyKind::kSelect) {
      // SELECT binds its own ORDER BY and LIMIT: keys may read unselected columns.
      return BindSelectQuery(query.body->As<parser::SelectBody>(), &query);
    }
    STRATUS_ASSIGN_OR_RETURN(RelationPlan plan, BindBody(*query.body));
    return BindOrderAndLimit(query, std::move(plan), nullptr);
  }();
  context_.ctes.resize(ctes_before);
  return result;
}

Result<RelationPlan> QueryBinder::BindBody(const parser::QueryBody& body) {
  switch (body.kind) {
    case parser::QueryBodyKind::kSelect:
      return BindSelectQuery(body.As<parser::SelectBody>(), nullptr);
    case parser::QueryBodyKind::kSetOperation:
      return BindSetOperation(body.As<parser::SetOperationBody>());
    case parser::QueryBodyKind::kValues:
      return BindValues(body.As<parser::ValuesBody>());
    case parser::QueryBodyKind::kTable: {
      STRATUS_ASSIGN_OR_RETURN(RelationPlan plan, BindTableName(body.As<parser::TableBody>().name));
      std::vector<plan::ExprPtr> columns;
      std::vector<std::string> names;
      for (size_t i = 0; i < plan.scope.fields.size(); ++i) {
        if (!plan.scope.fields[i].hidden) {
          columns.push_back(
              plan::MakeColumn(i, plan.scope.fields[i].type, plan.scope.fields[i].name));
          names.push_back(plan.scope.fields[i].name);
        }
      }
      plan::NodePtr node = MakeProject(plan.node, std::move(columns), std::move(names));
      return RelationPlan{.node = node, .scope = OutputScope(*node)};
    }
    case parser::QueryBodyKind::kParenthesized: {
      QueryBinder inner(context_, outer_);
      STRATUS_ASSIGN_OR_RETURN(RelationPlan plan,
                               inner.BindQuery(*body.As<parser::ParenthesizedBody>().query));
      correlation_ = inner.correlation();
      return plan;
    }
  }
  return ErrorAt(kNotSupported, body.position, "Unsupported query");
}

Status QueryBinder::BindWhere(const parser::Expression& where, RelationPlan* plan) {
  std::vector<const parser::Expression*> conjuncts;
  std::vector<const parser::Expression*> stack = {&where};
  while (!stack.empty()) {
    const parser::Expression* current = stack.back();
    stack.pop_back();
    if (current->kind == parser::ExpressionKind::kBinary &&
        current->As<parser::BinaryExpression>().op == parser::BinaryOperator::kAnd) {
      stack.push_back(current->As<parser::BinaryExpression>().right.get());
      stack.push_back(current->As<parser::BinaryExpression>().left.get());
    } else {
      conjuncts.push_back(current);
    }
  }
  std::vector<plan::ExprPtr> filters;
  for (const parser::Expression* conjunct : conjuncts) {
    bool handled = false;
    STRATUS_RETURN_IF_ERROR(BindWhereSubquery(*conjunct, plan, &handled));
    if (handled) {
      continue;
    }
    ExpressionBinder binder(*this, plan->scope, &plan->node);
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, binder.BindPredicate(*conjunct, "WHERE clause"));
    if (outer_ != nullptr && HasOuterReference(*bound)) {
      correlation_.conjuncts.push_back(std::move(bound));
    } else {
      filters.push_back(std::move(bound));
    }
  }
  if (!filters.empty()) {
    plan->node = MakeFilter(plan->node, MakeConjunction(std::move(filters)));
  }
  return Status::Ok();
}

Status QueryBinder::BindGroupBy(const parser::SelectBody& select,
                                const RelationPlan& from,
                                SelectState* state) {
  ExpressionBinder binder(*this, from.scope, nullptr);
  auto key_of = [&](const parser::Expression& expression) -> Result<size_t> {
    const parser::Expression* target = &expression;
    std::optional<int64_t> ordinal = IntegerLiteral(expression);
    if (ordinal.has_value()) {
      if (*ordinal < 1 || static_cast<size_t>(*ordinal) > select.select_items.size() ||
          select.select_items[*ordinal - 1].kind != parser::SelectItemKind::kExpression) {
        return ErrorAt(kGenericUserError, expression.position,
                       "GROUP BY position " + std::to_string(*ordinal) + " is not in select list");
      }
      target = select.select_items[*ordinal - 1].expression.get();
    }
    auto bound = binder.Bind(*target);
    if (!bound.ok()) {
      if (bound.status().message().find("not allowed here") != std::string::npos) {
        return ErrorAt(kGenericUserError, expression.position,
                       "GROUP BY clause cannot contain aggregations or window functions: [" +
                           parser::ToSql(*target) + "]");
      }
      return bound.status();
    }
    for (size_t i = 0; i < state->group_keys.size(); ++i) {
      if (ExprEquals(**bound, *state->group_keys[i])) {
        return i;
      }
    }
    state->group_keys.push_back(std::move(*bound));
    return state->group_keys.size() - 1;
  };
  std::vector<std::vector<std::vector<size_t>>> per_element;
  for (const parser::GroupingElement& element : select.group_by->elements) {
    std::vector<size_t> keys;
    for (const auto& expression : element.expressions) {
      STRATUS_ASSIGN_OR_RETURN(size_t key, key_of(*expression));
      keys.push_back(key);
    }
    std::vector<std::vector<size_t>> sets;
    switch (element.kind) {
      case parser::GroupingKind::kExpressions:
        sets.push_back(keys);
        break;
      case parser::GroupingKind::kRollup:
        for (size_t n = keys.size() + 1; n-- > 0;) {
          sets.emplace_back(keys.begin(), keys.begin() + static_cast<ptrdiff_t>(n));
        }
        break;
      case parser::GroupingKind::kCube:
        for (size_t mask = (size_t{1} << keys.size()); mask-- > 0;) {
          std::vector<size_t> set;
          for (size_t i = 0; i < keys.size(); ++i) {
            if ((mask >> (keys.size() - 1 - i)) & 1) {
              set.push_back(keys[i]);
            }
          }
          sets.push_back(std::move(set));
        }
        break;
      case parser::GroupingKind::kGroupingSets:
        for (const auto& listed : element.sets) {
          std::vector<size_t> set;
          for (const auto& expression : listed) {
            STRATUS_ASSIGN_OR_RETURN(size_t key, key_of(*expression));
            set.push_back(key);
          }
          sets.push_back(std::move(set));
        }
        break;
    }
    per_element.push_back(std::move(sets));
  }
  std::vector<std::vector<size_t>> sets = CombineSets(per_element);
  if (sets.size() > 1) {
    state->grouping_sets = std::move(sets);
  }
  state->aggregated = true;
  return Status::Ok();
}

Result<RelationPlan> QueryBinder::BindFrom(const parser::SelectBody& select) {
  RelationPlan from;
  if (select.from != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(from, BindRelation(*select.from));
  } else {
    auto values = std::make_shared<plan::ValuesNode>();
    values->rows.emplace_back();
    from.node = values;
  }
  if (!lateral_.has_value()) {
    return from;
  }
  RelationPlan combined;
  combined.node = MakeJoin(lateral_->node, from.node, plan::JoinKind::kCross, nullptr);
  combined.scope = lateral_->scope;
  while (from.scope.fields.size() < from.node->columns.size()) {
    from.scope.fields.push_back({.database = {},
                                 .qualifier = {},
                                 .name = {},
                                 .type = {},
                                 .qualified_only = true,
                                 .hidden = true,
                                 .lateral = false});
  }
  combined.scope.fields.insert(combined.scope.fields.end(), from.scope.fields.begin(),
                               from.scope.fields.end());
  return combined;
}

namespace {

// Pass one over a SELECT's expressions: finds its aggregates and window calls.
Status CollectAggregates(QueryBinder& query_binder,
                         const parser::SelectBody& select,
                         const parser::Query* query,
                         const Scope& scope,
                         const std::vector<SelectItem>& items,
                         SelectState* state) {
  ExpressionBinder collector(query_binder, scope, nullptr);
  collector.set_select(state);
  for (const SelectItem& item : items) {
    if (item.expression != nullptr) {
      STRATUS_RETURN_IF_ERROR(collector.Bind(*item.expression).status());
    }
  }
  if (select.having != nullptr) {
    STRATUS_RETURN_IF_ERROR(collector.Bind(*select.having).status());
    state->aggregated = true;
  }
  if (query != nullptr) {
    for (const parser::SortItem& item : query->order_by) {
      if (!IntegerLiteral(*item.key).has_value()) {
        (void)collector.Bind(*item.key);
      }
    }
  }
  state->collecting = false;
  return Status::Ok();
}

// Plans GROUP BY (with HAVING) and the window calls over `current`.
Result<plan::NodePtr> PlanAggregateAndWindows(QueryBinder& query_binder,
                                              const parser::SelectBody& select,
                                              const Scope& scope,
                                              plan::NodePtr current,
                                              SelectState* state) {
  if (state->aggregated) {
    auto aggregate = std::make_shared<plan::AggregateNode>();
    for (size_t i = 0; i < state->group_keys.size(); ++i) {
      std::string name = state->group_keys[i]->name.empty() ? "_key" + std::to_string(i)
                                                            : state->group_keys[i]->name;
      aggregate->columns.push_back({.name = name, .type = state->group_keys[i]->type});
    }
    if (state->grouping_sets.size() > 1) {
      aggregate->columns.push_back({.name = "$grouping_id", .type = LogicalType::Bigint()});
    }
    for (const plan::AggregateCall& call : state->aggregates) {
      aggregate->columns.push_back(
          {.name = call.function->name, .type = call.function->return_type});
    }
    aggregate->group_keys = state->group_keys;
    aggregate->grouping_sets = state->grouping_sets;
    aggregate->aggregates = state->aggregates;
    aggregate->inputs.push_back(current);
    current = aggregate;
    if (select.having != nullptr) {
      ExpressionBinder binder(query_binder, scope, &current);
      binder.set_select(state);
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr having,
                               binder.BindPredicate(*select.having, "HAVING clause"));
      current = MakeFilter(current, having);
    }
  }
  if (!state->windows.empty()) {
    state->window_base = current->columns.size();
    auto window = std::make_shared<plan::WindowNode>();
    window->columns = current->columns;
    for (size_t i = 0; i < state->windows.size(); ++i) {
      const plan::WindowCall& call = state->windows[i];
      LogicalType type = call.window_function != nullptr ? call.window_function->return_type
                                                         : call.aggregate->return_type;
      window->columns.push_back({.name = "$window" + std::to_string(i), .type = type});
    }
    window->calls = state->windows;
    window->inputs.push_back(current);
    current = window;
  }
  return current;
}

// Pass two: the select list over the aggregated and windowed input *post.
Status BindSelectList(QueryBinder& query_binder,
                      const parser::SelectBody& select,
                      const Scope& scope,
                      const std::vector<SelectItem>& items,
                      SelectState* state,
                      plan::NodePtr* post,
                      SelectOutput* output) {
  ExpressionBinder binder(query_binder, scope, post);
  binder.set_select(state);
  for (const SelectItem& item : items) {
    plan::ExprPtr bound;
    if (item.expression == nullptr && state->aggregated) {
      // SELECT * with GROUP BY: each column must be a group key.
      plan::ExprPtr column = plan::MakeColumn(item.column, scope.fields[item.column].type);
      size_t i = 0;
      while (i < state->group_keys.size() && !ExprEquals(*column, *state->group_keys[i])) {
        ++i;
      }
      if (i == state->group_keys.size()) {
        return ErrorAt(kMissingGroupBy, select.position,
                       "'" + scope.fields[item.column].name +
                           "' must be an aggregate expression or appear in GROUP BY clause");
      }
      bound = plan::MakeColumn(i, column->type, item.name);
    } else if (item.expression == nullptr) {
      bound = plan::MakeColumn(item.column, scope.fields[item.column].type, item.name);
    } else {
      STRATUS_ASSIGN_OR_RETURN(bound, binder.Bind(*item.expression));
    }
    output->outputs.push_back(std::move(bound));
    output->names.push_back(item.name);
  }
  output->visible = output->outputs.size();
  output->distinct = select.distinct;
  return Status::Ok();
}

// Marks the visible outputs that are count-like aggregates.
std::vector<bool> CountFlags(const SelectState& state, const SelectOutput& output) {
  std::vector<bool> flags;
  for (size_t i = 0; i < output.visible; ++i) {
    const plan::ExprPtr& value = output.outputs[i];
    flags.push_back(state.aggregated && value->kind == plan::ExprKind::kColumn &&
                    value->column >= state.aggregate_base &&
                    value->column < state.aggregate_base + state.aggregates.size() &&
                    IsCountAggregate(state.aggregates[value->column - state.aggregate_base]));
  }
  return flags;
}

}  // namespace

Status QueryBinder::GroupByCorrelation(const parser::SelectBody& select,
                                       const Scope& scope,
                                       SelectState* state,
                                       CorrelationKeys* keys) {
  // A decorrelated subquery groups by (or passes through) the lateral columns.
  size_t lateral_width = lateral_.has_value() ? lateral_->node->columns.size() : 0;
  if (lateral_width > 0) {
    if (state->aggregated && !state->grouping_sets.empty()) {
      return ErrorAt(kNotSupported, select.position, "Given correlated subquery is not supported");
    }
    for (size_t i = 0; i < lateral_width; ++i) {
      if (state->aggregated) {
        state->group_keys.push_back(plan::MakeColumn(i, scope.fields[i].type));
        keys->lateral.push_back(state->group_keys.size() - 1);
      } else {
        keys->lateral.push_back(i);
      }
    }
    state->aggregate_base = state->group_keys.size();
  }
  // Correlated conjuncts of an aggregated subquery group it by their inner sides.
  if (correlation_.conjuncts.empty() || !state->aggregated) {
    return Status::Ok();
  }
  if (!state->group_keys.empty()) {
    return ErrorAt(kNotSupported, select.position, "Given correlated subquery is not supported");
  }
  auto only_outer = [](const plan::ExprPtr& expr) {
    std::vector<size_t> columns;
    plan::CollectColumns(*expr, &columns);
    return std::all_of(columns.begin(), columns.end(), [](size_t c) { return c >= kOuterBase; });
  };
  for (const plan::ExprPtr& conjunct : correlation_.conjuncts) {
    bool is_equal = conjunct->kind == plan::ExprKind::kCall &&
                    conjunct->function->name == functions::kEqualOperator;
    if (!is_equal) {
      return ErrorAt(kNotSupported, select.position, "Given correlated subquery is not supported");
    }
    const plan::ExprPtr& a = conjunct->args[0];
    const plan::ExprPtr& b = conjunct->args[1];
    bool a_outer = HasOuterReference(*a);
    bool b_outer = HasOuterReference(*b);
    if (a_outer == b_outer || (a_outer && !only_outer(a)) || (b_outer && !only_outer(b))) {
      return ErrorAt(kNotSupported, select.position, "Given correlated subquery is not supported");
    }
    state->group_keys.push_back(a_outer ? b : a);
    keys->outer.push_back(a_outer ? a : b);
  }
  state->aggregate_base = state->group_keys.size();
  return Status::Ok();
}

Status QueryBinder::ExposeCorrelation(const parser::SelectBody& select,
                                      const RelationPlan& from,
                                      const SelectState& state,
                                      const CorrelationKeys& keys,
                                      SelectOutput* output) {
  size_t visible = output->visible;
  for (size_t i = 0; i < keys.lateral.size(); ++i) {
    output->outputs.push_back(plan::MakeColumn(keys.lateral[i], from.scope.fields[i].type));
    output->names.push_back("$lateral" + std::to_string(i));
  }
  if (!keys.lateral.empty()) {
    correlation_.visible_columns = visible;
    correlation_.is_count = CountFlags(state, *output);
  }
  if (correlation_.conjuncts.empty()) {
    return Status::Ok();
  }
  // A correlated subquery exposes its correlation keys after the visible columns.
  std::vector<plan::ExprPtr> conjuncts;
  if (!keys.outer.empty()) {
    ExpressionBinder binder(*this, from.scope, nullptr);
    for (size_t i = 0; i < keys.outer.size(); ++i) {
      output->outputs.push_back(plan::MakeColumn(i, state.group_keys[i]->type));
      output->names.push_back("$key" + std::to_string(i));
      plan::ExprPtr inner = plan::MakeColumn(visible + i, state.group_keys[i]->type);
      STRATUS_ASSIGN_OR_RETURN(
          plan::ExprPtr equal,
          binder.Call(functions::kEqualOperator, {inner, keys.outer[i]}, select.position));
      conjuncts.push_back(equal);
    }
  } else {
    std::vector<size_t> inner_columns;
    for (const plan::ExprPtr& conjunct : correlation_.conjuncts) {
      plan::CollectColumns(*conjunct, &inner_columns);
    }
    std::vector<size_t> mapping(from.node->columns.size(), 0);
    std::set<size_t> seen;
    for (size_t column : inner_columns) {
      if (column >= kOuterBase || !seen.insert(column).second) {
        continue;
      }
      mapping[column] = output->outputs.size();
      output->outputs.push_back(plan::MakeColumn(column, from.node->columns[column].type));
      output->names.push_back("$key" + std::to_string(column));
    }
    for (const plan::ExprPtr& conjunct : correlation_.conjuncts) {
      conjuncts.push_back(RemapInner(conjunct, mapping));
    }
  }
  correlation_.conjuncts = std::move(conjuncts);
  correlation_.visible_columns = visible;
  correlation_.is_count = CountFlags(state, *output);
  return Status::Ok();
}

Result<RelationPlan> QueryBinder::BindSelectQuery(const parser::SelectBody& select,
                                                  const parser::Query* query) {
  STRATUS_ASSIGN_OR_RETURN(RelationPlan from, BindFrom(select));
  if (select.where != nullptr) {
    STRATUS_RETURN_IF_ERROR(BindWhere(*select.where, &from));
  }
  SelectState state;
  state.from_scope = &from.scope;
  state.named_windows = &select.windows;
  if (select.group_by.has_value()) {
    STRATUS_RETURN_IF_ERROR(BindGroupBy(select, from, &state));
  }
  state.aggregate_base = state.group_keys.size() + (state.grouping_sets.size() > 1 ? 1 : 0);
  STRATUS_ASSIGN_OR_RETURN(std::vector<SelectItem> items, ExpandSelectItems(select, from.scope));
  STRATUS_RETURN_IF_ERROR(CollectAggregates(*this, select, query, from.scope, items, &state));
  CorrelationKeys keys;
  STRATUS_RETURN_IF_ERROR(GroupByCorrelation(select, from.scope, &state, &keys));
  RelationPlan post;
  STRATUS_ASSIGN_OR_RETURN(post.node,
                           PlanAggregateAndWindows(*this, select, from.scope, from.node, &state));
  SelectOutput output;
  STRATUS_RETURN_IF_ERROR(
      BindSelectList(*this, select, from.scope, items, &state, &post.node, &output));
  STRATUS_RETURN_IF_ERROR(ExposeCorrelation(select, from, state, keys, &output));
  return FinishSelect(query, std::move(post), &state, &from.scope, std::move(output));
}

}  // namespace stratus::sql::binder
