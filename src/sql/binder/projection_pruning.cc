// Rule 3 of the optimizer: every node keeps only the columns read above it.

#include <algorithm>
#include <utility>

#include "sql/binder/binder_internal.h"
#include "sql/binder/optimizer_internal.h"

namespace stratus::sql::binder {
namespace {

using plan::ExprPtr;
using plan::NodePtr;

void Require(const ExprPtr& expr, std::vector<bool>* required) {
  if (expr == nullptr) {
    return;
  }
  std::vector<size_t> columns;
  plan::CollectColumns(*expr, &columns);
  for (size_t column : columns) {
    if (column < required->size()) {
      (*required)[column] = true;
    }
  }
}

void RequireAll(const std::vector<ExprPtr>& exprs, std::vector<bool>* required) {
  for (const ExprPtr& expr : exprs) {
    Require(expr, required);
  }
}

std::vector<ExprPtr> RemapAll(const std::vector<ExprPtr>& exprs,
                              const std::vector<size_t>& mapping) {
  std::vector<ExprPtr> out;
  out.reserve(exprs.size());
  for (const ExprPtr& expr : exprs) {
    out.push_back(Remap(expr, mapping));
  }
  return out;
}

std::vector<plan::SortKey> RemapKeys(const std::vector<plan::SortKey>& keys,
                                     const std::vector<size_t>& mapping) {
  std::vector<plan::SortKey> out = keys;
  for (plan::SortKey& key : out) {
    key.key = Remap(key.key, mapping);
  }
  return out;
}

std::vector<size_t> Identity(size_t n) {
  std::vector<size_t> out(n);
  for (size_t i = 0; i < n; ++i) {
    out[i] = i;
  }
  return out;
}

// Prunes the only input with `required` over its columns, for nodes that
// pass their input's columns through.
NodePtr PrunePassThrough(const NodePtr& node,
                         const std::vector<bool>& required,
                         std::vector<size_t>* mapping) {
  NodePtr input = PruneColumns(node->inputs[0], required, mapping);
  auto copy = CopyNode(*node, {input});
  copy->columns = input->columns;
  return copy;
}

NodePtr PruneScan(const NodePtr& node, std::vector<bool> required, std::vector<size_t>* mapping) {
  const auto& scan = node->As<plan::ScanNode>();
  for (const ExprPtr& filter : scan.filters) {
    Require(filter, &required);
  }
  if (std::none_of(required.begin(), required.end(), [](bool r) { return r; }) &&
      !required.empty()) {
    // Keeps one column so that rows still have a count: "$path", a constant
    // per file that no scan decodes, when the scan has it.
    auto path =
        std::find(scan.table_columns.begin(), scan.table_columns.end(), plan::kScanPathColumn);
    required[path != scan.table_columns.end()
                 ? static_cast<size_t>(path - scan.table_columns.begin())
                 : 0] = true;
  }
  auto copy = std::static_pointer_cast<plan::ScanNode>(CopyNode(*node, {}));
  copy->columns.clear();
  copy->table_columns.clear();
  mapping->assign(scan.columns.size(), kDropped);
  for (size_t i = 0; i < scan.columns.size(); ++i) {
    if (required[i]) {
      (*mapping)[i] = copy->columns.size();
      copy->columns.push_back(scan.columns[i]);
      copy->table_columns.push_back(scan.table_columns[i]);
    }
  }
  copy->filters = RemapAll(scan.filters, *mapping);
  return copy;
}

NodePtr PruneProject(const NodePtr& node,
                     const std::vector<bool>& required,
                     std::vector<size_t>* mapping) {
  const auto& project = node->As<plan::ProjectNode>();
  std::vector<bool> keep = required;
  if (std::none_of(keep.begin(), keep.end(), [](bool r) { return r; }) && !keep.empty()) {
    keep[0] = true;
  }
  std::vector<bool> input_required(project.inputs[0]->columns.size(), false);
  for (size_t i = 0; i < project.expressions.size(); ++i) {
    if (keep[i]) {
      Require(project.expressions[i], &input_required);
    }
  }
  std::vector<size_t> input_mapping;
  NodePtr input = PruneColumns(project.inputs[0], input_required, &input_mapping);
  auto copy = std::make_shared<plan::ProjectNode>();
  mapping->assign(project.expressions.size(), kDropped);
  for (size_t i = 0; i < project.expressions.size(); ++i) {
    if (keep[i]) {
      (*mapping)[i] = copy->expressions.size();
      copy->expressions.push_back(Remap(project.expressions[i], input_mapping));
      copy->columns.push_back(project.columns[i]);
    }
  }
  copy->inputs.push_back(input);
  return copy;
}

NodePtr PruneAggregate(const NodePtr& node,
                       const std::vector<bool>& required,
                       std::vector<size_t>* mapping) {
  const auto& aggregate = node->As<plan::AggregateNode>();
  size_t num_keys = aggregate.group_keys.size() + (aggregate.grouping_sets.size() > 1 ? 1 : 0);
  std::vector<bool> input_required(aggregate.inputs[0]->columns.size(), false);
  RequireAll(aggregate.group_keys, &input_required);
  std::vector<bool> keep(aggregate.aggregates.size(), false);
  for (size_t i = 0; i < aggregate.aggregates.size(); ++i) {
    keep[i] = required[num_keys + i];
    if (!keep[i]) {
      continue;
    }
    const plan::AggregateCall& call = aggregate.aggregates[i];
    RequireAll(call.args, &input_required);
    Require(call.filter, &input_required);
    for (const plan::SortKey& key : call.order_by) {
      Require(key.key, &input_required);
    }
  }
  std::vector<size_t> input_mapping;
  NodePtr input = PruneColumns(aggregate.inputs[0], input_required, &input_mapping);
  auto copy = std::make_shared<plan::AggregateNode>();
  copy->group_keys = RemapAll(aggregate.group_keys, input_mapping);
  copy->grouping_sets = aggregate.grouping_sets;
  mapping->assign(aggregate.columns.size(), kDropped);
  for (size_t i = 0; i < num_keys; ++i) {
    (*mapping)[i] = i;
    copy->columns.push_back(aggregate.columns[i]);
  }
  for (size_t i = 0; i < aggregate.aggregates.size(); ++i) {
    if (!keep[i]) {
      continue;
    }
    plan::AggregateCall call = aggregate.aggregates[i];
    call.args = RemapAll(call.args, input_mapping);
    if (call.filter != nullptr) {
      call.filter = Remap(call.filter, input_mapping);
    }
    call.order_by = RemapKeys(call.order_by, input_mapping);
    (*mapping)[num_keys + i] = copy->columns.size();
    copy->columns.push_back(aggregate.columns[num_keys + i]);
    copy->aggregates.push_back(std::move(call));
  }
  copy->inputs.push_back(input);
  return copy;
}

NodePtr PruneJoin(const NodePtr& node,
                  const std::vector<bool>& required,
                  std::vector<size_t>* mapping) {
  const auto& join = node->As<plan::JoinNode>();
  size_t left_width = join.inputs[0]->columns.size();
  size_t right_width = join.inputs[1]->columns.size();
  std::vector<bool> all(left_width + right_width, false);
  bool outputs_right = join.join_kind != plan::JoinKind::kSemi &&
                       join.join_kind != plan::JoinKind::kAnti &&
                       join.join_kind != plan::JoinKind::kMark;
  for (size_t i = 0; i < left_width; ++i) {
    all[i] = required[i];
  }
  if (outputs_right) {
    for (size_t i = 0; i < right_width; ++i) {
      all[left_width + i] = required[left_width + i];
    }
  }
  Require(join.condition, &all);
  RequireAll(join.left_keys, &all);
  std::vector<bool> right_required(all.begin() + static_cast<ptrdiff_t>(left_width), all.end());
  RequireAll(join.right_keys, &right_required);
  std::vector<bool> left_required(all.begin(), all.begin() + static_cast<ptrdiff_t>(left_width));
  std::vector<size_t> left_mapping;
  std::vector<size_t> right_mapping;
  NodePtr left = PruneColumns(join.inputs[0], left_required, &left_mapping);
  NodePtr right = PruneColumns(join.inputs[1], right_required, &right_mapping);
  std::vector<size_t> combined = left_mapping;
  for (size_t r : right_mapping) {
    combined.push_back(r == kDropped ? kDropped : r + left->columns.size());
  }
  NodePtr rebuilt = MakeJoin(left, right, join.join_kind,
                             join.condition == nullptr ? nullptr : Remap(join.condition, combined),
                             join.null_aware);
  auto copy = std::static_pointer_cast<plan::JoinNode>(CopyNode(*rebuilt, rebuilt->inputs));
  copy->left_keys = RemapAll(join.left_keys, left_mapping);
  copy->right_keys = RemapAll(join.right_keys, right_mapping);
  mapping->assign(join.columns.size(), kDropped);
  for (size_t i = 0; i < left_width; ++i) {
    (*mapping)[i] = left_mapping[i];
  }
  if (outputs_right) {
    for (size_t i = 0; i < right_width; ++i) {
      (*mapping)[left_width + i] = combined[left_width + i];
    }
  } else if (join.join_kind == plan::JoinKind::kMark) {
    (*mapping)[left_width] = left->columns.size();
  }
  return copy;
}

NodePtr PruneWindow(const NodePtr& node,
                    const std::vector<bool>& required,
                    std::vector<size_t>* mapping) {
  const auto& window = node->As<plan::WindowNode>();
  size_t input_width = window.inputs[0]->columns.size();
  std::vector<bool> input_required(required.begin(),
                                   required.begin() + static_cast<ptrdiff_t>(input_width));
  for (const plan::WindowCall& call : window.calls) {
    RequireAll(call.args, &input_required);
    RequireAll(call.partition_by, &input_required);
    for (const plan::SortKey& key : call.order_by) {
      Require(key.key, &input_required);
    }
  }
  std::vector<size_t> input_mapping;
  NodePtr input = PruneColumns(window.inputs[0], input_required, &input_mapping);
  auto copy = std::static_pointer_cast<plan::WindowNode>(CopyNode(*node, {input}));
  copy->columns = input->columns;
  for (plan::WindowCall& call : copy->calls) {
    call.args = RemapAll(call.args, input_mapping);
    call.partition_by = RemapAll(call.partition_by, input_mapping);
    call.order_by = RemapKeys(call.order_by, input_mapping);
  }
  *mapping = input_mapping;
  for (size_t i = 0; i < window.calls.size(); ++i) {
    mapping->push_back(copy->columns.size());
    copy->columns.push_back(window.columns[input_width + i]);
  }
  return copy;
}

NodePtr PruneUnnest(const NodePtr& node,
                    const std::vector<bool>& required,
                    std::vector<size_t>* mapping) {
  const auto& unnest = node->As<plan::UnnestNode>();
  size_t input_width = unnest.inputs[0]->columns.size();
  std::vector<bool> input_required(input_width, false);
  for (size_t i = 0; i < unnest.replicate.size(); ++i) {
    if (required[i]) {
      input_required[unnest.replicate[i]] = true;
    }
  }
  RequireAll(unnest.arrays, &input_required);
  std::vector<size_t> input_mapping;
  NodePtr input = PruneColumns(unnest.inputs[0], input_required, &input_mapping);
  auto copy = std::static_pointer_cast<plan::UnnestNode>(CopyNode(*node, {input}));
  copy->replicate.clear();
  copy->columns.clear();
  copy->arrays = RemapAll(unnest.arrays, input_mapping);
  mapping->assign(unnest.columns.size(), kDropped);
  for (size_t i = 0; i < unnest.replicate.size(); ++i) {
    if (required[i]) {
      (*mapping)[i] = copy->columns.size();
      copy->replicate.push_back(input_mapping[unnest.replicate[i]]);
      copy->columns.push_back(unnest.columns[i]);
    }
  }
  for (size_t i = unnest.replicate.size(); i < unnest.columns.size(); ++i) {
    (*mapping)[i] = copy->columns.size();
    copy->columns.push_back(unnest.columns[i]);
  }
  return copy;
}

// Nodes that need every input column (DISTINCT, set operations, writes).
NodePtr KeepAll(const NodePtr& node, std::vector<size_t>* mapping) {
  std::vector<NodePtr> inputs;
  for (const NodePtr& input : node->inputs) {
    std::vector<size_t> ignored;
    inputs.push_back(PruneColumns(input, std::vector<bool>(input->columns.size(), true), &ignored));
  }
  *mapping = Identity(node->columns.size());
  return CopyNode(*node, std::move(inputs));
}

}  // namespace

NodePtr PruneColumns(const NodePtr& node,
                     const std::vector<bool>& required,
                     std::vector<size_t>* mapping) {
  switch (node->kind) {
    case plan::NodeKind::kScan:
      return PruneScan(node, required, mapping);
    case plan::NodeKind::kProject:
      return PruneProject(node, required, mapping);
    case plan::NodeKind::kFilter: {
      std::vector<bool> needed = required;
      Require(node->As<plan::FilterNode>().predicate, &needed);
      NodePtr result = PrunePassThrough(node, needed, mapping);
      auto filter =
          std::static_pointer_cast<plan::FilterNode>(std::const_pointer_cast<plan::Node>(result));
      filter->predicate = Remap(node->As<plan::FilterNode>().predicate, *mapping);
      return filter;
    }
    case plan::NodeKind::kSort: {
      std::vector<bool> needed = required;
      for (const plan::SortKey& key : node->As<plan::SortNode>().keys) {
        Require(key.key, &needed);
      }
      NodePtr result = PrunePassThrough(node, needed, mapping);
      auto sort =
          std::static_pointer_cast<plan::SortNode>(std::const_pointer_cast<plan::Node>(result));
      sort->keys = RemapKeys(node->As<plan::SortNode>().keys, *mapping);
      return sort;
    }
    case plan::NodeKind::kLimit:
    case plan::NodeKind::kEnforceSingleRow:
      return PrunePassThrough(node, required, mapping);
    case plan::NodeKind::kAggregate:
      return PruneAggregate(node, required, mapping);
    case plan::NodeKind::kJoin:
      return PruneJoin(node, required, mapping);
    case plan::NodeKind::kWindow:
      return PruneWindow(node, required, mapping);
    case plan::NodeKind::kUnnest:
      return PruneUnnest(node, required, mapping);
    default:
      return KeepAll(node, mapping);
  }
}

}  // namespace stratus::sql::binder
