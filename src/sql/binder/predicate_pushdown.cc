// Rule 1 and 2 of the optimizer: predicate push-down, join ordering and
// equi-key extraction, partition pruning.

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "sql/binder/binder_internal.h"
#include "sql/binder/optimizer_internal.h"
#include "sql/functions/function.h"

namespace stratus::sql::binder {
namespace {

using plan::ExprPtr;
using plan::NodePtr;

std::vector<size_t> ColumnsOfExpr(const ExprPtr& expr) {
  std::vector<size_t> columns;
  plan::CollectColumns(*expr, &columns);
  return columns;
}

bool IsDeterministic(const plan::Expr& expr) {
  if ((expr.kind == plan::ExprKind::kCall || expr.kind == plan::ExprKind::kCast) &&
      !expr.function->deterministic) {
    return false;
  }
  return std::all_of(expr.args.begin(), expr.args.end(),
                     [](const ExprPtr& arg) { return IsDeterministic(*arg); });
}

// Replaces column references by the expressions they name (a projection's).
ExprPtr Inline(const ExprPtr& expr, const std::vector<ExprPtr>& expressions) {
  if (expr->kind == plan::ExprKind::kColumn) {
    return expressions[expr->column];
  }
  if (expr->args.empty()) {
    return expr;
  }
  auto copy = std::make_shared<plan::Expr>(*expr);
  for (ExprPtr& arg : copy->args) {
    arg = Inline(arg, expressions);
  }
  return copy;
}

ExprPtr Shift(const ExprPtr& expr, size_t from, int64_t delta) {
  if (expr->kind == plan::ExprKind::kColumn) {
    if (expr->column < from) {
      return expr;
    }
    return plan::MakeColumn(static_cast<size_t>(static_cast<int64_t>(expr->column) + delta),
                            expr->type, expr->name);
  }
  if (expr->args.empty()) {
    return expr;
  }
  auto copy = std::make_shared<plan::Expr>(*expr);
  for (ExprPtr& arg : copy->args) {
    arg = Shift(arg, from, delta);
  }
  return copy;
}

NodePtr Wrap(NodePtr node, std::vector<ExprPtr> predicates) {
  if (predicates.empty()) {
    return node;
  }
  return MakeFilter(std::move(node), MakeConjunction(std::move(predicates)));
}

bool IsTrueConstant(const ExprPtr& expr) {
  return expr->kind == plan::ExprKind::kConstant && !expr->constant.is_null() &&
         expr->constant.type().kind() == TypeKind::kBoolean && expr->constant.boolean_value();
}

// Moves equalities between the two sides of a join into its key lists.
void ExtractKeys(plan::JoinNode* join, size_t left_width) {
  std::vector<ExprPtr> conjuncts;
  SplitConjuncts(join->condition, &conjuncts);
  std::vector<ExprPtr> residual;
  for (const ExprPtr& conjunct : conjuncts) {
    if (IsTrueConstant(conjunct)) {
      continue;
    }
    bool is_equal = conjunct->kind == plan::ExprKind::kCall &&
                    conjunct->function->name == functions::kEqualOperator &&
                    conjunct->args.size() == 2;
    if (is_equal) {
      std::vector<size_t> a = ColumnsOfExpr(conjunct->args[0]);
      std::vector<size_t> b = ColumnsOfExpr(conjunct->args[1]);
      // A side that reads no column (a constant) evaluates on the left.
      auto all_left = [&](const std::vector<size_t>& c) {
        return std::all_of(c.begin(), c.end(), [&](size_t x) { return x < left_width; });
      };
      auto all_right = [&](const std::vector<size_t>& c) {
        return !c.empty() &&
               std::all_of(c.begin(), c.end(), [&](size_t x) { return x >= left_width; });
      };
      if (all_left(a) && all_right(b)) {
        join->left_keys.push_back(conjunct->args[0]);
        join->right_keys.push_back(Shift(conjunct->args[1], 0, -static_cast<int64_t>(left_width)));
        continue;
      }
      if (all_right(a) && all_left(b)) {
        join->left_keys.push_back(conjunct->args[1]);
        join->right_keys.push_back(Shift(conjunct->args[0], 0, -static_cast<int64_t>(left_width)));
        continue;
      }
    }
    residual.push_back(conjunct);
  }
  join->condition = MakeConjunction(std::move(residual));
  if (join->join_kind == plan::JoinKind::kCross &&
      (!join->left_keys.empty() || join->condition != nullptr)) {
    join->join_kind = plan::JoinKind::kInner;
  }
  if (join->join_kind == plan::JoinKind::kInner && join->left_keys.empty() &&
      join->condition == nullptr) {
    join->join_kind = plan::JoinKind::kCross;
  }
}

// Re-expresses a key back into condition form (for re-planning a join).
std::vector<ExprPtr> ConditionConjuncts(const plan::JoinNode& join, size_t left_width) {
  std::vector<ExprPtr> out;
  SplitConjuncts(join.condition, &out);
  for (size_t i = 0; i < join.left_keys.size(); ++i) {
    auto equal = std::make_shared<plan::Expr>();
    equal->kind = plan::ExprKind::kCall;
    equal->type = LogicalType::Boolean();
    auto binding = functions::FunctionRegistry::Default().ResolveScalar(
        functions::kEqualOperator,
        std::vector<LogicalType>{join.left_keys[i]->type, join.right_keys[i]->type});
    if (!binding.ok()) {
      continue;
    }
    equal->function = *binding;
    equal->args = {join.left_keys[i],
                   Shift(join.right_keys[i], 0, static_cast<int64_t>(left_width))};
    out.push_back(equal);
  }
  return out;
}

struct JoinLeaf {
  NodePtr node;
  size_t offset = 0;
};

bool IsReorderable(const plan::Node& node) {
  if (node.kind != plan::NodeKind::kJoin) {
    return false;
  }
  plan::JoinKind kind = node.As<plan::JoinNode>().join_kind;
  return kind == plan::JoinKind::kInner || kind == plan::JoinKind::kCross;
}

// Flattens a tree of inner and cross joins into leaves and conjuncts over
// the concatenation of the leaves' columns.
void Flatten(const NodePtr& node,
             size_t offset,
             std::vector<JoinLeaf>* leaves,
             std::vector<ExprPtr>* conjuncts) {
  if (!IsReorderable(*node)) {
    leaves->push_back({.node = node, .offset = offset});
    return;
  }
  const auto& join = node->As<plan::JoinNode>();
  size_t left_width = join.inputs[0]->columns.size();
  Flatten(join.inputs[0], offset, leaves, conjuncts);
  Flatten(join.inputs[1], offset + left_width, leaves, conjuncts);
  for (const ExprPtr& conjunct : ConditionConjuncts(join, left_width)) {
    conjuncts->push_back(Shift(conjunct, 0, static_cast<int64_t>(offset)));
  }
}

size_t LeafOf(const std::vector<JoinLeaf>& leaves, size_t column) {
  size_t leaf = 0;
  while (leaf + 1 < leaves.size() && leaves[leaf + 1].offset <= column) {
    ++leaf;
  }
  return leaf;
}

std::set<size_t> LeavesOf(const std::vector<JoinLeaf>& leaves, const ExprPtr& expr) {
  std::set<size_t> out;
  for (size_t column : ColumnsOfExpr(expr)) {
    out.insert(LeafOf(leaves, column));
  }
  return out;
}

// True when the conjunct is an equality whose sides read different leaves.
bool Connects(const std::vector<JoinLeaf>& leaves, const ExprPtr& conjunct) {
  return conjunct->kind == plan::ExprKind::kCall &&
         conjunct->function->name == functions::kEqualOperator &&
         LeavesOf(leaves, conjunct).size() >= 2;
}

NodePtr ReorderJoins(const NodePtr& node,
                     const std::vector<ExprPtr>& predicates,
                     const OptimizerOptions& options) {
  std::vector<JoinLeaf> leaves;
  std::vector<ExprPtr> conjuncts;
  Flatten(node, 0, &leaves, &conjuncts);
  for (const ExprPtr& predicate : predicates) {
    SplitConjuncts(predicate, &conjuncts);
  }
  // Single-leaf and constant conjuncts go down (or stay on top).
  std::vector<std::vector<ExprPtr>> local(leaves.size());
  std::vector<ExprPtr> multi;
  std::vector<ExprPtr> top;
  for (const ExprPtr& conjunct : conjuncts) {
    std::set<size_t> used = LeavesOf(leaves, conjunct);
    if (used.empty()) {
      top.push_back(conjunct);
    } else if (used.size() == 1 && IsDeterministic(*conjunct)) {
      size_t leaf = *used.begin();
      local[leaf].push_back(Shift(conjunct, 0, -static_cast<int64_t>(leaves[leaf].offset)));
    } else {
      multi.push_back(conjunct);
    }
  }
  for (size_t i = 0; i < leaves.size(); ++i) {
    leaves[i].node = PushPredicates(leaves[i].node, std::move(local[i]), options);
  }
  size_t total = 0;
  for (const JoinLeaf& leaf : leaves) {
    total += leaf.node->columns.size();
  }
  // Greedy order: always join a leaf connected by an equality when one exists.
  std::vector<bool> joined(leaves.size(), false);
  std::vector<size_t> position(total, kDropped);
  auto place = [&](size_t leaf, size_t base) {
    for (size_t c = 0; c < leaves[leaf].node->columns.size(); ++c) {
      position[leaves[leaf].offset + c] = base + c;
    }
    joined[leaf] = true;
  };
  // The largest input (when sizes are known) is the probe side of every join.
  size_t first = 0;
  std::optional<double> largest;
  for (size_t i = 0; i < leaves.size(); ++i) {
    std::optional<double> size = EstimateSize(*leaves[i].node, options);
    if (!size.has_value()) {
      largest.reset();
      first = 0;
      break;
    }
    if (!largest.has_value() || *size > *largest) {
      largest = size;
      first = i;
    }
  }
  NodePtr current = leaves[first].node;
  place(first, 0);
  for (size_t step = 1; step < leaves.size(); ++step) {
    size_t next = leaves.size();
    for (size_t leaf = 0; leaf < leaves.size() && next == leaves.size(); ++leaf) {
      if (joined[leaf]) {
        continue;
      }
      for (const ExprPtr& conjunct : multi) {
        std::set<size_t> used = LeavesOf(leaves, conjunct);
        if (!Connects(leaves, conjunct) || !used.contains(leaf)) {
          continue;
        }
        bool ready =
            std::all_of(used.begin(), used.end(), [&](size_t l) { return l == leaf || joined[l]; });
        if (ready) {
          next = leaf;
          break;
        }
      }
    }
    if (next == leaves.size()) {
      next = static_cast<size_t>(std::find(joined.begin(), joined.end(), false) - joined.begin());
    }
    size_t left_width = current->columns.size();
    place(next, left_width);
    std::vector<ExprPtr> condition;
    std::vector<ExprPtr> remaining;
    for (const ExprPtr& conjunct : multi) {
      std::set<size_t> used = LeavesOf(leaves, conjunct);
      bool ready = std::all_of(used.begin(), used.end(), [&](size_t l) { return joined[l]; });
      if (ready) {
        condition.push_back(Remap(conjunct, position));
      } else {
        remaining.push_back(conjunct);
      }
    }
    multi = std::move(remaining);
    NodePtr join = MakeJoin(current, leaves[next].node, plan::JoinKind::kInner,
                            MakeConjunction(std::move(condition)));
    auto copy = std::static_pointer_cast<plan::JoinNode>(CopyNode(*join, join->inputs));
    ExtractKeys(copy.get(), left_width);
    current = copy;
  }
  for (ExprPtr& conjunct : top) {
    conjunct = Remap(conjunct, position);
  }
  current = Wrap(current, std::move(top));
  // Restores the original column order.
  bool identity = true;
  for (size_t i = 0; i < total; ++i) {
    identity = identity && position[i] == i;
  }
  if (identity) {
    return current;
  }
  std::vector<ExprPtr> exprs;
  std::vector<std::string> names;
  for (size_t i = 0; i < total; ++i) {
    exprs.push_back(ColumnOf(*current, position[i]));
    names.push_back(current->columns[position[i]].name);
  }
  return MakeProject(current, std::move(exprs), std::move(names));
}

NodePtr PushIntoJoin(const NodePtr& node,
                     const std::vector<ExprPtr>& predicates,
                     const OptimizerOptions& options) {
  const auto& join = node->As<plan::JoinNode>();
  if (join.join_kind == plan::JoinKind::kInner || join.join_kind == plan::JoinKind::kCross) {
    return ReorderJoins(node, predicates, options);
  }
  size_t left_width = join.inputs[0]->columns.size();
  std::vector<ExprPtr> left;
  std::vector<ExprPtr> right;
  std::vector<ExprPtr> above;
  std::vector<ExprPtr> condition;
  plan::JoinKind kind = join.join_kind;
  bool left_preserved = kind == plan::JoinKind::kLeft || kind == plan::JoinKind::kSemi ||
                        kind == plan::JoinKind::kAnti || kind == plan::JoinKind::kMark;
  for (const ExprPtr& predicate : predicates) {
    std::vector<size_t> columns = ColumnsOfExpr(predicate);
    bool only_left =
        std::all_of(columns.begin(), columns.end(), [&](size_t c) { return c < left_width; });
    bool only_right = !columns.empty() && std::all_of(columns.begin(), columns.end(),
                                                      [&](size_t c) { return c >= left_width; });
    if (only_left && !columns.empty() && left_preserved && IsDeterministic(*predicate)) {
      left.push_back(predicate);
    } else if (only_right && kind == plan::JoinKind::kRight && IsDeterministic(*predicate)) {
      right.push_back(Shift(predicate, 0, -static_cast<int64_t>(left_width)));
    } else {
      above.push_back(predicate);
    }
  }
  for (const ExprPtr& conjunct : ConditionConjuncts(join, left_width)) {
    std::vector<size_t> columns = ColumnsOfExpr(conjunct);
    bool only_left = !columns.empty() && std::all_of(columns.begin(), columns.end(),
                                                     [&](size_t c) { return c < left_width; });
    bool only_right = !columns.empty() && std::all_of(columns.begin(), columns.end(),
                                                      [&](size_t c) { return c >= left_width; });
    // `constant = right column` is a join key (IN's value may be a constant), not a filter.
    bool constant_key =
        conjunct->kind == plan::ExprKind::kCall &&
        conjunct->function->name == functions::kEqualOperator &&
        (ColumnsOfExpr(conjunct->args[0]).empty() || ColumnsOfExpr(conjunct->args[1]).empty());
    if (only_right && !constant_key && kind != plan::JoinKind::kRight &&
        kind != plan::JoinKind::kFull && IsDeterministic(*conjunct)) {
      right.push_back(Shift(conjunct, 0, -static_cast<int64_t>(left_width)));
    } else if (only_left && kind == plan::JoinKind::kRight && IsDeterministic(*conjunct)) {
      left.push_back(conjunct);
    } else {
      condition.push_back(conjunct);
    }
  }
  NodePtr new_left = PushPredicates(join.inputs[0], std::move(left), options);
  NodePtr new_right = PushPredicates(join.inputs[1], std::move(right), options);
  auto copy = std::static_pointer_cast<plan::JoinNode>(CopyNode(join, {new_left, new_right}));
  copy->left_keys.clear();
  copy->right_keys.clear();
  copy->condition = MakeConjunction(std::move(condition));
  ExtractKeys(copy.get(), left_width);
  return Wrap(copy, std::move(above));
}

// Computes the partitions of a table with injected projected columns from
// the conjuncts `key = constant` and `key IN (constants)`.
void ProjectInjectedPartitions(plan::ScanNode* scan, const std::vector<ExprPtr>& conjuncts) {
  std::vector<std::string> injected = InjectedProjectionColumns(*scan->table);
  if (injected.empty() || !scan->partitions.empty()) {
    return;
  }
  size_t num_data = scan->table->columns.size();
  std::map<std::string, std::vector<std::string>> values;
  auto key_name = [&](const ExprPtr& expr) -> std::string {
    if (expr->kind != plan::ExprKind::kColumn || expr->column >= scan->table_columns.size() ||
        scan->table_columns[expr->column] < num_data ||
        scan->table_columns[expr->column] == plan::kScanPathColumn) {
      return "";
    }
    return scan->table->partition_keys[scan->table_columns[expr->column] - num_data].name;
  };
  auto text_of = [](const ExprPtr& expr) -> std::optional<std::string> {
    if (expr->kind != plan::ExprKind::kConstant || expr->constant.is_null()) {
      return std::nullopt;
    }
    return expr->type.is_string() ? expr->constant.string_value() : expr->constant.ToString();
  };
  for (const ExprPtr& conjunct : conjuncts) {
    std::vector<std::string> found;
    std::string name;
    if (conjunct->kind == plan::ExprKind::kCall &&
        conjunct->function->name == functions::kEqualOperator) {
      for (int side = 0; side < 2 && name.empty(); ++side) {
        std::string candidate = key_name(conjunct->args[side]);
        std::optional<std::string> text = text_of(conjunct->args[1 - side]);
        if (!candidate.empty() && text.has_value()) {
          name = candidate;
          found.push_back(*text);
        }
      }
    } else if (conjunct->kind == plan::ExprKind::kIn) {
      name = key_name(conjunct->args[0]);
      for (size_t i = 1; i < conjunct->args.size() && !name.empty(); ++i) {
        std::optional<std::string> text = text_of(conjunct->args[i]);
        if (!text.has_value()) {
          name.clear();
          break;
        }
        found.push_back(*text);
      }
    }
    if (!name.empty() && std::find(injected.begin(), injected.end(), name) != injected.end()) {
      values[name] = std::move(found);
    }
  }
  auto partitions = ProjectPartitions(*scan->table, values);
  if (partitions.ok()) {
    scan->partitions = std::move(*partitions);
  }
}

// Evaluates partition-key conjuncts on each partition's values.
void PrunePartitions(plan::ScanNode* scan,
                     const std::vector<ExprPtr>& conjuncts,
                     const OptimizerOptions& options) {
  if (options.folder == nullptr || scan->table == nullptr || scan->table->partition_keys.empty()) {
    return;
  }
  size_t num_data = scan->table->columns.size();
  std::vector<ExprPtr> partition_conjuncts;
  for (const ExprPtr& conjunct : conjuncts) {
    std::vector<size_t> columns = ColumnsOfExpr(conjunct);
    bool only_keys = !columns.empty() && std::all_of(columns.begin(), columns.end(), [&](size_t c) {
      return scan->table_columns[c] >= num_data && scan->table_columns[c] != plan::kScanPathColumn;
    });
    if (only_keys && IsDeterministic(*conjunct)) {
      partition_conjuncts.push_back(conjunct);
    }
  }
  if (partition_conjuncts.empty()) {
    return;
  }
  std::vector<catalog::PartitionDescriptor> kept;
  for (const catalog::PartitionDescriptor& partition : scan->partitions) {
    std::vector<ExprPtr> values(scan->columns.size());
    bool usable = true;
    for (size_t c = 0; c < scan->columns.size(); ++c) {
      size_t table_column = scan->table_columns[c];
      if (table_column < num_data || table_column == plan::kScanPathColumn) {
        values[c] = plan::MakeConstant(Value::Null(scan->columns[c].type));
        continue;
      }
      size_t key = table_column - num_data;
      if (key >= partition.values.size()) {
        usable = false;
        break;
      }
      const std::string& text = partition.values[key];
      const LogicalType& type = scan->columns[c].type;
      if (text == "__HIVE_DEFAULT_PARTITION__") {
        values[c] = plan::MakeConstant(Value::Null(type));
        continue;
      }
      auto cast = CastTo(plan::MakeConstant(Value::Varchar(text)), type);
      if (!cast.ok()) {
        usable = false;
        break;
      }
      auto folded = options.folder(**cast);
      if (!folded.ok()) {
        usable = false;
        break;
      }
      values[c] = plan::MakeConstant(*folded);
    }
    bool keep = true;
    for (size_t i = 0; usable && keep && i < partition_conjuncts.size(); ++i) {
      auto result = options.folder(*Inline(partition_conjuncts[i], values));
      if (result.ok() && (result->is_null() || (result->type().kind() == TypeKind::kBoolean &&
                                                !result->boolean_value()))) {
        keep = false;
      }
    }
    if (keep) {
      kept.push_back(partition);
    }
  }
  scan->partitions = std::move(kept);
}

}  // namespace

NodePtr PushPredicates(const NodePtr& node,
                       const std::vector<ExprPtr>& predicates,
                       const OptimizerOptions& options) {
  std::vector<ExprPtr> conjuncts;
  for (const ExprPtr& predicate : predicates) {
    SplitConjuncts(predicate, &conjuncts);
  }
  conjuncts.erase(std::remove_if(conjuncts.begin(), conjuncts.end(), IsTrueConstant),
                  conjuncts.end());
  switch (node->kind) {
    case plan::NodeKind::kFilter: {
      SplitConjuncts(node->As<plan::FilterNode>().predicate, &conjuncts);
      return PushPredicates(node->inputs[0], std::move(conjuncts), options);
    }
    case plan::NodeKind::kProject: {
      const auto& project = node->As<plan::ProjectNode>();
      std::vector<ExprPtr> below;
      std::vector<ExprPtr> above;
      for (const ExprPtr& conjunct : conjuncts) {
        std::vector<size_t> columns = ColumnsOfExpr(conjunct);
        bool inlinable = std::all_of(columns.begin(), columns.end(), [&](size_t c) {
          return IsDeterministic(*project.expressions[c]);
        });
        if (inlinable) {
          below.push_back(Inline(conjunct, project.expressions));
        } else {
          above.push_back(conjunct);
        }
      }
      NodePtr input = PushPredicates(node->inputs[0], std::move(below), options);
      return Wrap(CopyNode(*node, {input}), std::move(above));
    }
    case plan::NodeKind::kSort:
    case plan::NodeKind::kDistinct: {
      NodePtr input = PushPredicates(node->inputs[0], std::move(conjuncts), options);
      return CopyNode(*node, {input});
    }
    case plan::NodeKind::kAggregate: {
      const auto& aggregate = node->As<plan::AggregateNode>();
      std::vector<ExprPtr> below;
      std::vector<ExprPtr> above;
      size_t num_keys = aggregate.group_keys.size();
      for (const ExprPtr& conjunct : conjuncts) {
        std::vector<size_t> columns = ColumnsOfExpr(conjunct);
        bool on_keys =
            aggregate.grouping_sets.empty() && !columns.empty() &&
            std::all_of(columns.begin(), columns.end(), [&](size_t c) { return c < num_keys; });
        if (on_keys && IsDeterministic(*conjunct)) {
          below.push_back(Inline(conjunct, aggregate.group_keys));
        } else {
          above.push_back(conjunct);
        }
      }
      NodePtr input = PushPredicates(node->inputs[0], std::move(below), options);
      return Wrap(CopyNode(*node, {input}), std::move(above));
    }
    case plan::NodeKind::kJoin:
      return PushIntoJoin(node, conjuncts, options);
    case plan::NodeKind::kScan: {
      auto scan = std::static_pointer_cast<plan::ScanNode>(CopyNode(*node, {}));
      ProjectInjectedPartitions(scan.get(), conjuncts);
      PrunePartitions(scan.get(), conjuncts, options);
      for (const ExprPtr& conjunct : conjuncts) {
        if (IsDeterministic(*conjunct)) {
          scan->filters.push_back(conjunct);
        }
      }
      return Wrap(scan, std::move(conjuncts));
    }
    default: {
      std::vector<NodePtr> inputs;
      for (const NodePtr& input : node->inputs) {
        inputs.push_back(PushPredicates(input, {}, options));
      }
      return Wrap(CopyNode(*node, std::move(inputs)), std::move(conjuncts));
    }
  }
}

}  // namespace stratus::sql::binder
