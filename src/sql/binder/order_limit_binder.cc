// ORDER BY, DISTINCT, OFFSET and LIMIT of a query level.

#include <utility>

#include "sql/binder/binder_internal.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::binder {
namespace {

plan::SortKey MakeSortKey(const parser::SortItem& item, plan::ExprPtr key) {
  return {.key = std::move(key),
          .ascending = item.order != parser::SortOrder::kDescending,
          .nulls_first = item.nulls == parser::NullOrdering::kFirst};
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

// Finds a bare name among the output names: the column, nullopt, or an error when ambiguous.
Result<std::optional<size_t>> FindOutputName(const parser::Expression& expression,
                                             const std::vector<std::string>& names,
                                             size_t visible) {
  if (expression.kind != parser::ExpressionKind::kIdentifier) {
    return std::optional<size_t>();
  }
  const std::string& name = expression.As<parser::IdentifierExpression>().identifier.name;
  std::optional<size_t> found;
  for (size_t i = 0; i < visible; ++i) {
    if (names[i] == name) {
      if (found.has_value()) {
        return ErrorAt(kAmbiguousName, expression.position,
                       "'" + name + "' in ORDER BY is ambiguous");
      }
      found = i;
    }
  }
  return found;
}

// Replaces references to output columns by the outputs' expressions.
plan::ExprPtr InlineOutputs(const plan::ExprPtr& expr, const std::vector<plan::ExprPtr>& outputs) {
  if (expr->kind == plan::ExprKind::kColumn) {
    return outputs[expr->column];
  }
  if (expr->args.empty()) {
    return expr;
  }
  auto copy = std::make_shared<plan::Expr>(*expr);
  for (plan::ExprPtr& arg : copy->args) {
    arg = InlineOutputs(arg, outputs);
  }
  return copy;
}

plan::NodePtr MakeSort(plan::NodePtr input, std::vector<plan::SortKey> keys) {
  auto sort = std::make_shared<plan::SortNode>();
  sort->columns = input->columns;
  sort->keys = std::move(keys);
  sort->inputs.push_back(std::move(input));
  return sort;
}

RelationPlan WithOutputScope(plan::NodePtr node) {
  Scope scope;
  for (const plan::Column& column : node->columns) {
    scope.fields.push_back({.database = {},
                            .qualifier = {},
                            .name = column.name,
                            .type = column.type,
                            .qualified_only = false,
                            .hidden = false});
  }
  return RelationPlan{.node = std::move(node), .scope = std::move(scope)};
}

}  // namespace

Result<RelationPlan> QueryBinder::FinishSelect(const parser::Query* query,
                                               RelationPlan post,
                                               SelectState* state,
                                               const Scope* from_scope,
                                               SelectOutput output) {
  std::vector<plan::SortKey> keys;
  size_t num_outputs = output.outputs.size();
  if (query != nullptr) {
    for (const parser::SortItem& item : query->order_by) {
      std::optional<int64_t> ordinal = IntegerLiteral(*item.key);
      if (ordinal.has_value()) {
        if (*ordinal < 1 || static_cast<size_t>(*ordinal) > output.visible) {
          return ErrorAt(
              kGenericUserError, item.key->position,
              "ORDER BY position " + std::to_string(*ordinal) + " is not in select list");
        }
        size_t column = static_cast<size_t>(*ordinal - 1);
        keys.push_back(MakeSortKey(item, plan::MakeColumn(column, output.outputs[column]->type)));
        continue;
      }
      STRATUS_ASSIGN_OR_RETURN(std::optional<size_t> named,
                               FindOutputName(*item.key, output.names, output.visible));
      if (named.has_value()) {
        keys.push_back(MakeSortKey(item, plan::MakeColumn(*named, output.outputs[*named]->type)));
        continue;
      }
      ExpressionBinder binder(*this, *from_scope, &post.node);
      binder.set_select(state);
      Result<plan::ExprPtr> attempt = binder.Bind(*item.key);
      if (!attempt.ok() && SqlErrorName(attempt.status()) == kColumnNotFound) {
        // An expression over output aliases (ORDER BY total * 2): inline them.
        Scope outputs;
        for (size_t i = 0; i < output.visible; ++i) {
          outputs.fields.push_back({.database = {},
                                    .qualifier = {},
                                    .name = output.names[i],
                                    .type = output.outputs[i]->type,
                                    .qualified_only = false,
                                    .hidden = false,
                                    .lateral = false});
        }
        ExpressionBinder over_outputs(*this, outputs, nullptr);
        auto aliased = over_outputs.Bind(*item.key);
        if (aliased.ok()) {
          attempt = InlineOutputs(*aliased, output.outputs);
        }
      }
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, std::move(attempt));
      size_t column = 0;
      while (column < output.outputs.size() && !ExprEquals(*bound, *output.outputs[column])) {
        ++column;
      }
      if (column == output.outputs.size()) {
        if (output.distinct) {
          return ErrorAt(kGenericUserError, item.key->position,
                         "For SELECT DISTINCT, ORDER BY expressions must appear in select list");
        }
        output.outputs.push_back(bound);
        output.names.push_back("$order" + std::to_string(column));
      }
      keys.push_back(MakeSortKey(item, plan::MakeColumn(column, bound->type)));
    }
  }
  plan::NodePtr node = MakeProject(post.node, output.outputs, output.names);
  if (output.distinct) {
    auto distinct = std::make_shared<plan::DistinctNode>();
    distinct->columns = node->columns;
    distinct->inputs.push_back(node);
    node = distinct;
  }
  if (!keys.empty()) {
    node = MakeSort(node, std::move(keys));
  }
  if (query != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(node, ApplyLimit(*query, node));
  }
  if (node->columns.size() != num_outputs) {
    std::vector<plan::ExprPtr> kept;
    std::vector<std::string> names;
    for (size_t i = 0; i < num_outputs; ++i) {
      kept.push_back(ColumnOf(*node, i));
      names.push_back(node->columns[i].name);
    }
    node = MakeProject(node, std::move(kept), std::move(names));
  }
  return WithOutputScope(node);
}

Result<plan::NodePtr> QueryBinder::ApplyLimit(const parser::Query& query, plan::NodePtr node) {
  if (query.limit == nullptr && query.offset == nullptr) {
    return node;
  }
  if (query.limit_with_ties) {
    return ErrorAt(kNotSupported, query.limit->position,
                   "FETCH FIRST ... WITH TIES is not supported");
  }
  Scope empty;
  ExpressionBinder binder(*this, empty, nullptr);
  auto count_of = [&](const parser::Expression& expression,
                      std::string_view what) -> Result<uint64_t> {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, binder.Bind(expression));
    if (bound->kind != plan::ExprKind::kConstant || bound->constant.is_null() ||
        !bound->type.is_integer() || bound->constant.int64_value() < 0) {
      return ErrorAt(kGenericUserError, expression.position,
                     std::string(what) + " must be a non-negative integer");
    }
    return static_cast<uint64_t>(bound->constant.int64_value());
  };
  auto limit = std::make_shared<plan::LimitNode>();
  limit->columns = node->columns;
  if (query.offset != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(limit->offset, count_of(*query.offset, "OFFSET row count"));
  }
  if (query.limit != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(uint64_t count, count_of(*query.limit, "LIMIT row count"));
    limit->limit = count;
  }
  limit->inputs.push_back(std::move(node));
  return plan::NodePtr(limit);
}

Result<RelationPlan> QueryBinder::BindOrderAndLimit(const parser::Query& query,
                                                    RelationPlan plan,
                                                    SelectState* /*select*/) {
  plan::NodePtr node = plan.node;
  if (!query.order_by.empty()) {
    std::vector<plan::SortKey> keys;
    std::vector<std::string> names;
    for (const plan::Column& column : node->columns) {
      names.push_back(column.name);
    }
    for (const parser::SortItem& item : query.order_by) {
      std::optional<int64_t> ordinal = IntegerLiteral(*item.key);
      if (ordinal.has_value()) {
        if (*ordinal < 1 || static_cast<size_t>(*ordinal) > node->columns.size()) {
          return ErrorAt(
              kGenericUserError, item.key->position,
              "ORDER BY position " + std::to_string(*ordinal) + " is not in select list");
        }
        keys.push_back(MakeSortKey(item, ColumnOf(*node, static_cast<size_t>(*ordinal - 1))));
        continue;
      }
      ExpressionBinder binder(*this, plan.scope, nullptr);
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, binder.Bind(*item.key));
      keys.push_back(MakeSortKey(item, std::move(bound)));
    }
    node = MakeSort(node, std::move(keys));
  }
  STRATUS_ASSIGN_OR_RETURN(node, ApplyLimit(query, node));
  plan.node = node;
  return plan;
}

}  // namespace stratus::sql::binder
