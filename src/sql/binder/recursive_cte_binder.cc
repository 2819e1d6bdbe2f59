// WITH RECURSIVE, as Trino plans it: the entry's query is `anchor UNION ALL
// step`, where the step reads the entry itself. The binder unrolls it: level
// 0 is the anchor, level k the step over level k-1, up to the recursion depth
// limit (Trino's max_recursion_depth, 10); the result is the UNION ALL of the
// levels. One more level, which must be empty, is planned under a check that
// fails at run time with Trino's error when any row reaches it.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sql/binder/binder_internal.h"
#include "sql/functions/coercion.h"
#include "sql/functions/function.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::binder {
namespace {

// Trino's default max_recursion_depth.
constexpr int kMaxRecursionDepth = 10;

// Casts the step's columns to the anchor's types (Trino: the step's types
// must coerce to the anchor's).
Result<plan::NodePtr> CoerceStep(const plan::NodePtr& step,
                                 const plan::Node& anchor,
                                 parser::SourcePosition position) {
  const size_t width = anchor.columns.size();
  if (step->columns.size() != width) {
    return ErrorAt(kTypeMismatch, position,
                   "base and recursion relations have different number of fields: " +
                       std::to_string(width) + ", " + std::to_string(step->columns.size()));
  }
  bool same = true;
  for (size_t c = 0; c < width; ++c) {
    const LogicalType& from = step->columns[c].type;
    const LogicalType& to = anchor.columns[c].type;
    if (from != to && !functions::CanCoerce(from, to)) {
      return ErrorAt(kTypeMismatch, position,
                     "recursion step relation output type (" + from.ToString() +
                         ") is not coercible to recursion base relation output type (" +
                         to.ToString() + ") at column " + std::to_string(c + 1));
    }
    same = same && from == to;
  }
  if (same) {
    return step;
  }
  std::vector<plan::ExprPtr> expressions;
  std::vector<std::string> names;
  for (size_t c = 0; c < width; ++c) {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr cast,
                             CastTo(ColumnOf(*step, c), anchor.columns[c].type));
    expressions.push_back(std::move(cast));
    names.push_back(anchor.columns[c].name);
  }
  return MakeProject(step, std::move(expressions), std::move(names));
}

// Wraps the level past the limit: no rows, or the depth error at run time.
plan::NodePtr FailOnAnyRow(const plan::NodePtr& level) {
  std::vector<plan::ExprPtr> expressions = ColumnsOf(*level);
  std::vector<std::string> names;
  for (const plan::Column& column : level->columns) {
    names.push_back(column.name);
  }
  const size_t width = expressions.size();
  expressions.push_back(
      plan::MakeCall(functions::RecursionLimitBinding(level->columns[0].type, kMaxRecursionDepth),
                     {ColumnOf(*level, 0)}));
  names.emplace_back("$recursion_limit");
  plan::NodePtr checked = MakeProject(level, std::move(expressions), names);
  plan::NodePtr filtered = MakeFilter(checked, ColumnOf(*checked, width));
  std::vector<plan::ExprPtr> outputs = ColumnsOf(*filtered);
  outputs.pop_back();
  names.pop_back();
  return MakeProject(filtered, std::move(outputs), std::move(names));
}

plan::NodePtr UnionAll(plan::NodePtr left, plan::NodePtr right) {
  auto node = std::make_shared<plan::SetOperationNode>();
  node->op = plan::SetOperator::kUnion;
  node->all = true;
  node->columns = left->columns;
  node->inputs = {std::move(left), std::move(right)};
  return node;
}

}  // namespace

Result<std::optional<RelationPlan>> QueryBinder::BindRecursiveCte(size_t index) {
  const std::string name = context_.ctes[index].first;
  const parser::CommonTableExpression& cte = *context_.ctes[index].second;
  auto level = context_.recursion_levels.find(&cte);
  if (level != context_.recursion_levels.end()) {
    // The step's reference to its own entry: the level before.
    level->second.referenced = true;
    return std::optional<RelationPlan>(level->second.plan);
  }
  const parser::QueryBody& body = *cte.query->body;
  if (body.kind != parser::QueryBodyKind::kSetOperation ||
      body.As<parser::SetOperationBody>().op != parser::SetOperator::kUnion) {
    return std::optional<RelationPlan>();
  }
  const auto& set = body.As<parser::SetOperationBody>();
  // The anchor sees the entries before this one; the step sees this one too.
  std::vector<std::pair<std::string, const parser::CommonTableExpression*>> saved = context_.ctes;
  auto restore = [&]() {
    context_.ctes = saved;
    context_.recursion_levels.erase(&cte);
  };
  context_.ctes.resize(index);
  Result<RelationPlan> anchor = QueryBinder(context_, nullptr).BindBody(*set.left);
  if (!anchor.ok()) {
    restore();
    return anchor.status();
  }
  auto scope_of = [&](const plan::Node& node) {
    Scope scope;
    for (size_t c = 0; c < node.columns.size(); ++c) {
      scope.fields.push_back(Field{
          .qualifier = name,
          .name = c < cte.column_names.size() ? cte.column_names[c].name : node.columns[c].name,
          .type = node.columns[c].type});
    }
    return scope;
  };
  context_.ctes = saved;
  context_.ctes.resize(index + 1);
  std::vector<plan::NodePtr> levels = {anchor->node};
  for (int depth = 0; depth <= kMaxRecursionDepth; ++depth) {
    const plan::NodePtr& previous = levels.back();
    context_.recursion_levels[&cte] = {.plan = {.node = previous, .scope = scope_of(*previous)}};
    Result<RelationPlan> step = QueryBinder(context_, nullptr).BindBody(*set.right);
    const bool referenced = context_.recursion_levels[&cte].referenced;
    if (!step.ok()) {
      restore();
      return step.status();
    }
    if (!referenced) {
      // Not recursive after all: an ordinary entry.
      restore();
      return std::optional<RelationPlan>();
    }
    if (depth == 0) {
      if (!set.all) {
        restore();
        return ErrorAt(kNotSupported, set.position,
                       "recursion step must be a UNION ALL of the base and recursion relations");
      }
      if (cte.column_names.empty()) {
        restore();
        return ErrorAt("MISSING_COLUMN_ALIASES", cte.name.position,
                       "missing column aliases in recursive WITH query");
      }
      if (cte.column_names.size() != anchor->node->columns.size()) {
        restore();
        return ErrorAt(kMismatchedColumnAliases, cte.name.position,
                       "WITH column alias list has " + std::to_string(cte.column_names.size()) +
                           " entries but WITH query(" + name + ") has " +
                           std::to_string(anchor->node->columns.size()) + " columns");
      }
    }
    Result<plan::NodePtr> coerced = CoerceStep(step->node, *anchor->node, set.position);
    if (!coerced.ok()) {
      restore();
      return coerced.status();
    }
    levels.push_back(*coerced);
  }
  restore();
  levels.back() = FailOnAnyRow(levels.back());
  plan::NodePtr result = levels[0];
  for (size_t i = 1; i < levels.size(); ++i) {
    result = UnionAll(result, levels[i]);
  }
  return std::optional<RelationPlan>(RelationPlan{.node = result, .scope = scope_of(*result)});
}

}  // namespace stratus::sql::binder
