// Aggregates, window calls and grouping() inside a SELECT's expressions.

#include <algorithm>
#include <utility>

#include "sql/binder/binder_internal.h"
#include "sql/functions/function.h"
#include "sql/parser/to_sql.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::binder {
namespace {

std::string KeyOf(std::string_view name, const std::vector<plan::ExprPtr>& args) {
  std::string key(name);
  key += "(";
  for (const plan::ExprPtr& arg : args) {
    key += plan::ToString(*arg) + ",";
  }
  return key + ")";
}

plan::FrameBound ConvertBound(const parser::FrameBound& bound, plan::ExprPtr offset) {
  plan::FrameBound out;
  switch (bound.kind) {
    case parser::FrameBoundKind::kUnboundedPreceding:
      out.kind = plan::FrameBoundKind::kUnboundedPreceding;
      break;
    case parser::FrameBoundKind::kPreceding:
      out.kind = plan::FrameBoundKind::kPreceding;
      break;
    case parser::FrameBoundKind::kCurrentRow:
      out.kind = plan::FrameBoundKind::kCurrentRow;
      break;
    case parser::FrameBoundKind::kFollowing:
      out.kind = plan::FrameBoundKind::kFollowing;
      break;
    case parser::FrameBoundKind::kUnboundedFollowing:
      out.kind = plan::FrameBoundKind::kUnboundedFollowing;
      break;
  }
  out.offset = std::move(offset);
  return out;
}

bool IsCountLike(std::string_view name) {
  return name == "count" || name == "count_if" || name == "approx_distinct";
}

}  // namespace

Result<plan::ExprPtr> ExpressionBinder::BindSelectAware(const parser::Expression& expression,
                                                        bool* handled) {
  SelectState& state = *select_;
  *handled = false;
  if (state.aggregated && !state.group_keys.empty() &&
      expression.kind != parser::ExpressionKind::kLiteral) {
    ExpressionBinder plain(query_, *state.from_scope, nullptr);
    auto bound = plain.Bind(expression);
    if (bound.ok()) {
      for (size_t i = 0; i < state.group_keys.size(); ++i) {
        if (ExprEquals(**bound, *state.group_keys[i])) {
          *handled = true;
          return plan::MakeColumn(i, state.group_keys[i]->type, (*bound)->name);
        }
      }
    }
  }
  if (expression.kind == parser::ExpressionKind::kIdentifier ||
      expression.kind == parser::ExpressionKind::kDereference) {
    bool outer = false;
    STRATUS_ASSIGN_OR_RETURN(std::optional<size_t> position, ResolveColumn(expression, &outer));
    if (position.has_value() && !outer) {
      if (state.aggregated && !state.collecting) {
        return ErrorAt(kMissingGroupBy, expression.position,
                       "'" + parser::ToSql(expression) +
                           "' must be an aggregate expression or appear in GROUP BY clause");
      }
      *handled = true;
      const Field& field = scope_.fields[*position];
      return plan::MakeColumn(*position, field.type, field.name);
    }
  }
  return plan::ExprPtr();
}

Result<plan::ExprPtr> ExpressionBinder::BindAggregate(const parser::FunctionCallExpression& call) {
  SelectState& state = *select_;
  std::string name = call.name.parts.back().name;
  ExpressionBinder plain(query_, *state.from_scope, nullptr);
  std::vector<plan::ExprPtr> args;
  std::vector<LogicalType> types;
  for (const auto& argument : call.arguments) {
    auto bound = plain.Bind(*argument);
    if (!bound.ok()) {
      if (bound.status().message().find("Aggregate functions are not allowed") !=
          std::string::npos) {
        return ErrorAt(kNestedAggregation, call.position,
                       "Cannot nest aggregations inside aggregation '" + name + "': [" +
                           parser::ToSql(*argument) + "]");
      }
      return bound.status();
    }
    types.push_back((*bound)->type);
    args.push_back(std::move(*bound));
  }
  auto binding = functions::FunctionRegistry::Default().ResolveAggregate(name, types);
  if (!binding.ok()) {
    return WithPosition(binding.status(), call.position);
  }
  for (size_t i = 0; i < args.size() && i < (*binding)->argument_types.size(); ++i) {
    auto cast = CastTo(args[i], (*binding)->argument_types[i]);
    if (!cast.ok()) {
      return WithPosition(cast.status(), call.position);
    }
    args[i] = Fold(*cast);
  }
  plan::AggregateCall aggregate;
  aggregate.function = *binding;
  aggregate.distinct = call.distinct;
  std::string key = KeyOf(name, args) + (call.distinct ? "D" : "");
  aggregate.args = std::move(args);
  if (call.filter != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(aggregate.filter, plain.BindPredicate(*call.filter, "FILTER clause"));
    key += " F" + plan::ToString(*aggregate.filter);
  }
  for (const parser::SortItem& item : call.order_by) {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr sort_key, plain.Bind(*item.key));
    bool ascending = item.order != parser::SortOrder::kDescending;
    key += " O" + plan::ToString(*sort_key) + (ascending ? "A" : "D");
    aggregate.order_by.push_back({.key = std::move(sort_key),
                                  .ascending = ascending,
                                  .nulls_first = item.nulls == parser::NullOrdering::kFirst});
  }
  state.aggregated = true;
  size_t index = 0;
  while (index < state.aggregate_keys.size() && state.aggregate_keys[index] != key) {
    ++index;
  }
  if (index == state.aggregate_keys.size()) {
    if (!state.collecting) {
      return ErrorAt(kGenericInternalError, call.position,
                     "Aggregate first seen after planning: " + parser::ToSql(call));
    }
    state.aggregate_keys.push_back(key);
    state.aggregates.push_back(std::move(aggregate));
  }
  return plan::MakeColumn(state.aggregate_base + index,
                          state.aggregates[index].function->return_type, name);
}

Result<plan::ExprPtr> ExpressionBinder::BindWindow(const parser::FunctionCallExpression& call) {
  SelectState& state = *select_;
  std::string name = call.name.parts.back().name;
  // Resolves OVER w and OVER (w ...) against the WINDOW clause.
  const parser::WindowSpecification* spec = call.window.get();
  const parser::WindowSpecification* base = nullptr;
  auto find_named =
      [&](const parser::Identifier& window_name) -> Result<const parser::WindowSpecification*> {
    if (state.named_windows != nullptr) {
      for (const parser::NamedWindow& named : *state.named_windows) {
        if (named.name.name == window_name.name) {
          return &named.specification;
        }
      }
    }
    return ErrorAt(kGenericUserError, window_name.position,
                   "Cannot resolve WINDOW name " + window_name.name);
  };
  if (call.window_name.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(spec, find_named(*call.window_name));
  }
  if (spec != nullptr && spec->existing_window.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(base, find_named(*spec->existing_window));
  }
  const auto& partition_by =
      (base != nullptr && spec->partition_by.empty()) ? base->partition_by : spec->partition_by;
  const auto& order_by =
      (base != nullptr && spec->order_by.empty()) ? base->order_by : spec->order_by;
  const auto& frame = spec->frame.has_value() || base == nullptr ? spec->frame : base->frame;

  plan::WindowCall window;
  std::vector<LogicalType> types;
  for (const auto& argument : call.arguments) {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, Bind(*argument));
    types.push_back(bound->type);
    window.args.push_back(std::move(bound));
  }
  const auto& registry = functions::FunctionRegistry::Default();
  const std::vector<LogicalType>* argument_types = nullptr;
  LogicalType return_type;
  if (registry.IsWindow(name)) {
    auto binding = registry.ResolveWindow(name, types);
    if (!binding.ok()) {
      return WithPosition(binding.status(), call.position);
    }
    window.window_function = *binding;
    argument_types = &(*binding)->argument_types;
    return_type = (*binding)->return_type;
  } else if (registry.IsAggregate(name)) {
    auto binding = registry.ResolveAggregate(name, types);
    if (!binding.ok()) {
      return WithPosition(binding.status(), call.position);
    }
    window.aggregate = *binding;
    argument_types = &(*binding)->argument_types;
    return_type = (*binding)->return_type;
  } else {
    return ErrorAt(kFunctionNotFound, call.position, "Not a window function: " + name);
  }
  for (size_t i = 0; i < window.args.size() && i < argument_types->size(); ++i) {
    STRATUS_ASSIGN_OR_RETURN(window.args[i], CastTo(window.args[i], (*argument_types)[i]));
  }
  window.ignore_nulls = call.null_treatment == parser::NullTreatment::kIgnoreNulls;
  std::string key = KeyOf(name, window.args) + (window.ignore_nulls ? "I" : "") + " P";
  for (const auto& expression : partition_by) {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, Bind(*expression));
    key += plan::ToString(*bound) + ",";
    window.partition_by.push_back(std::move(bound));
  }
  key += " O";
  for (const parser::SortItem& item : order_by) {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, Bind(*item.key));
    bool ascending = item.order != parser::SortOrder::kDescending;
    key += plan::ToString(*bound) + (ascending ? "A" : "D") +
           (item.nulls == parser::NullOrdering::kFirst ? "F," : "L,");
    window.order_by.push_back({.key = std::move(bound),
                               .ascending = ascending,
                               .nulls_first = item.nulls == parser::NullOrdering::kFirst});
  }
  if (frame.has_value()) {
    window.frame.unit = frame->unit == parser::FrameUnit::kRows    ? plan::FrameUnit::kRows
                        : frame->unit == parser::FrameUnit::kRange ? plan::FrameUnit::kRange
                                                                   : plan::FrameUnit::kGroups;
    ExpressionBinder constant(query_, *state.from_scope, nullptr);
    plan::ExprPtr start_offset;
    if (frame->start.offset != nullptr) {
      STRATUS_ASSIGN_OR_RETURN(start_offset, constant.Bind(*frame->start.offset));
    }
    window.frame.start = ConvertBound(frame->start, start_offset);
    if (frame->end.has_value()) {
      plan::ExprPtr end_offset;
      if (frame->end->offset != nullptr) {
        STRATUS_ASSIGN_OR_RETURN(end_offset, constant.Bind(*frame->end->offset));
      }
      window.frame.end = ConvertBound(*frame->end, end_offset);
    } else {
      window.frame.end = {.kind = plan::FrameBoundKind::kCurrentRow, .offset = nullptr};
    }
    key += " F" + std::to_string(static_cast<int>(window.frame.unit)) +
           std::to_string(static_cast<int>(window.frame.start.kind)) +
           (start_offset ? plan::ToString(*start_offset) : "") +
           std::to_string(static_cast<int>(window.frame.end.kind)) +
           (window.frame.end.offset ? plan::ToString(*window.frame.end.offset) : "");
  }
  size_t index = 0;
  while (index < state.window_keys.size() && state.window_keys[index] != key) {
    ++index;
  }
  if (index == state.window_keys.size()) {
    if (!state.collecting) {
      return ErrorAt(kGenericInternalError, call.position,
                     "Window call first seen after planning: " + parser::ToSql(call));
    }
    state.window_keys.push_back(key);
    state.windows.push_back(std::move(window));
  }
  return plan::MakeColumn(state.window_base + index, return_type, name);
}

Result<plan::ExprPtr> ExpressionBinder::BindGrouping(const parser::FunctionCallExpression& call) {
  if (select_ == nullptr || !select_->aggregated) {
    return ErrorAt(kGenericUserError, call.position, "grouping() may only be used with GROUP BY");
  }
  SelectState& state = *select_;
  ExpressionBinder plain(query_, *state.from_scope, nullptr);
  std::vector<size_t> keys;
  for (const auto& argument : call.arguments) {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, plain.Bind(*argument));
    size_t i = 0;
    while (i < state.group_keys.size() && !ExprEquals(*bound, *state.group_keys[i])) {
      ++i;
    }
    if (i == state.group_keys.size()) {
      return ErrorAt(kGenericUserError, argument->position,
                     "The arguments to GROUPING() must be expressions referenced by the GROUP BY "
                     "at the associated query level");
    }
    keys.push_back(i);
  }
  if (state.grouping_sets.size() <= 1) {
    return plan::MakeConstant(Value::Integer(0));
  }
  size_t num_keys = state.group_keys.size();
  plan::ExprPtr id = plan::MakeColumn(num_keys, LogicalType::Bigint(), "$grouping_id");
  auto out = std::make_shared<plan::Expr>();
  out->kind = plan::ExprKind::kCase;
  out->type = LogicalType::Integer();
  out->has_else = true;
  for (const std::vector<size_t>& set : state.grouping_sets) {
    int64_t id_value = 0;
    for (size_t i = 0; i < num_keys; ++i) {
      if (std::find(set.begin(), set.end(), i) == set.end()) {
        id_value |= int64_t{1} << (num_keys - 1 - i);
      }
    }
    int32_t result = 0;
    for (size_t j = 0; j < keys.size(); ++j) {
      if (std::find(set.begin(), set.end(), keys[j]) == set.end()) {
        result |= 1 << (keys.size() - 1 - j);
      }
    }
    STRATUS_ASSIGN_OR_RETURN(
        plan::ExprPtr equal,
        Call(functions::kEqualOperator, {id, plan::MakeConstant(Value::Bigint(id_value))},
             call.position));
    out->args.push_back(equal);
    out->args.push_back(plan::MakeConstant(Value::Integer(result)));
  }
  out->args.push_back(plan::MakeConstant(Value::Integer(0)));
  return plan::ExprPtr(out);
}

bool IsCountAggregate(const plan::AggregateCall& call) {
  return IsCountLike(call.function->name);
}

}  // namespace stratus::sql::binder
