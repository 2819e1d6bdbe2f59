#include "sql/binder/optimizer.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "sql/binder/binder_internal.h"
#include "sql/binder/optimizer_internal.h"

namespace stratus::sql::binder {
namespace {

template <typename T>
std::shared_ptr<T> CopyAs(const plan::Node& node) {
  auto copy = std::make_shared<T>();
  const T& from = node.As<T>();
  copy->columns = from.columns;
  return copy;
}

// Rule 4: top-N and scan limits.
plan::NodePtr ApplyLimits(const plan::NodePtr& node) {
  std::vector<plan::NodePtr> inputs;
  for (const plan::NodePtr& input : node->inputs) {
    inputs.push_back(ApplyLimits(input));
  }
  if (node->kind != plan::NodeKind::kLimit || !node->As<plan::LimitNode>().limit.has_value()) {
    return CopyNode(*node, std::move(inputs));
  }
  const auto& limit = node->As<plan::LimitNode>();
  uint64_t total = limit.offset + *limit.limit;
  plan::NodePtr child = inputs[0];
  // Looks through one projection.
  const plan::Node* target = child.get();
  bool through_project = false;
  if (target->kind == plan::NodeKind::kProject) {
    target = target->inputs[0].get();
    through_project = true;
  }
  plan::NodePtr replaced;
  if (target->kind == plan::NodeKind::kSort) {
    auto sort = std::static_pointer_cast<plan::SortNode>(CopyNode(*target, target->inputs));
    if (!sort->limit.has_value() || *sort->limit > total) {
      sort->limit = total;
    }
    replaced = sort;
  } else if (target->kind == plan::NodeKind::kScan &&
             target->As<plan::ScanNode>().filters.empty()) {
    auto scan = std::static_pointer_cast<plan::ScanNode>(CopyNode(*target, {}));
    if (!scan->limit.has_value() || *scan->limit > total) {
      scan->limit = total;
    }
    replaced = scan;
  }
  if (replaced != nullptr) {
    child = through_project ? plan::NodePtr(CopyNode(*child, {replaced})) : replaced;
  }
  if (limit.offset == 0 && replaced != nullptr && replaced->kind == plan::NodeKind::kSort) {
    return child;
  }
  return CopyNode(*node, {child});
}

}  // namespace

std::shared_ptr<plan::Node> CopyNode(const plan::Node& node, std::vector<plan::NodePtr> inputs) {
  std::shared_ptr<plan::Node> copy;
  switch (node.kind) {
    case plan::NodeKind::kScan: {
      auto out = CopyAs<plan::ScanNode>(node);
      const auto& from = node.As<plan::ScanNode>();
      out->table = from.table;
      out->table_columns = from.table_columns;
      out->filters = from.filters;
      out->partitions = from.partitions;
      out->limit = from.limit;
      out->snapshot = from.snapshot;
      out->only_files = from.only_files;
      copy = out;
      break;
    }
    case plan::NodeKind::kValues: {
      auto out = CopyAs<plan::ValuesNode>(node);
      out->rows = node.As<plan::ValuesNode>().rows;
      copy = out;
      break;
    }
    case plan::NodeKind::kFilter: {
      auto out = CopyAs<plan::FilterNode>(node);
      out->predicate = node.As<plan::FilterNode>().predicate;
      copy = out;
      break;
    }
    case plan::NodeKind::kProject: {
      auto out = CopyAs<plan::ProjectNode>(node);
      out->expressions = node.As<plan::ProjectNode>().expressions;
      copy = out;
      break;
    }
    case plan::NodeKind::kAggregate: {
      auto out = CopyAs<plan::AggregateNode>(node);
      const auto& from = node.As<plan::AggregateNode>();
      out->group_keys = from.group_keys;
      out->grouping_sets = from.grouping_sets;
      out->aggregates = from.aggregates;
      copy = out;
      break;
    }
    case plan::NodeKind::kJoin: {
      auto out = CopyAs<plan::JoinNode>(node);
      const auto& from = node.As<plan::JoinNode>();
      out->join_kind = from.join_kind;
      out->left_keys = from.left_keys;
      out->right_keys = from.right_keys;
      out->condition = from.condition;
      out->null_aware = from.null_aware;
      copy = out;
      break;
    }
    case plan::NodeKind::kSort: {
      auto out = CopyAs<plan::SortNode>(node);
      out->keys = node.As<plan::SortNode>().keys;
      out->limit = node.As<plan::SortNode>().limit;
      copy = out;
      break;
    }
    case plan::NodeKind::kLimit: {
      auto out = CopyAs<plan::LimitNode>(node);
      out->offset = node.As<plan::LimitNode>().offset;
      out->limit = node.As<plan::LimitNode>().limit;
      copy = out;
      break;
    }
    case plan::NodeKind::kWindow: {
      auto out = CopyAs<plan::WindowNode>(node);
      out->calls = node.As<plan::WindowNode>().calls;
      copy = out;
      break;
    }
    case plan::NodeKind::kSetOperation: {
      auto out = CopyAs<plan::SetOperationNode>(node);
      out->op = node.As<plan::SetOperationNode>().op;
      out->all = node.As<plan::SetOperationNode>().all;
      copy = out;
      break;
    }
    case plan::NodeKind::kUnnest: {
      auto out = CopyAs<plan::UnnestNode>(node);
      const auto& from = node.As<plan::UnnestNode>();
      out->replicate = from.replicate;
      out->arrays = from.arrays;
      out->with_ordinality = from.with_ordinality;
      out->outer = from.outer;
      copy = out;
      break;
    }
    case plan::NodeKind::kDistinct:
      copy = CopyAs<plan::DistinctNode>(node);
      break;
    case plan::NodeKind::kEnforceSingleRow:
      copy = CopyAs<plan::EnforceSingleRowNode>(node);
      break;
    case plan::NodeKind::kTableWrite: {
      auto out = CopyAs<plan::TableWriteNode>(node);
      out->table = node.As<plan::TableWriteNode>().table;
      out->file_prefix = node.As<plan::TableWriteNode>().file_prefix;
      copy = out;
      break;
    }
  }
  copy->inputs = std::move(inputs);
  return copy;
}

plan::ExprPtr Remap(const plan::ExprPtr& expr, const std::vector<size_t>& mapping) {
  return plan::RemapColumns(expr, mapping);
}

namespace {

// Fails for scans of injected projections the WHERE clause did not pin.
Status CheckInjectedProjections(const plan::Node& node) {
  if (node.kind == plan::NodeKind::kScan) {
    const auto& scan = node.As<plan::ScanNode>();
    if (!InjectedProjectionColumns(*scan.table).empty() && scan.partitions.empty()) {
      STRATUS_RETURN_IF_ERROR(ProjectPartitions(*scan.table, {}).status());
    }
  }
  for (const plan::NodePtr& input : node.inputs) {
    STRATUS_RETURN_IF_ERROR(CheckInjectedProjections(*input));
  }
  return Status::Ok();
}

}  // namespace

std::optional<double> EstimateSize(const plan::Node& node, const OptimizerOptions& options) {
  switch (node.kind) {
    case plan::NodeKind::kScan:
      return options.scan_size != nullptr ? options.scan_size(node.As<plan::ScanNode>())
                                          : std::nullopt;
    case plan::NodeKind::kValues:
      return 64.0 * static_cast<double>(node.As<plan::ValuesNode>().rows.size());
    case plan::NodeKind::kEnforceSingleRow:
      return 64.0;
    case plan::NodeKind::kFilter: {
      std::optional<double> input = EstimateSize(*node.inputs[0], options);
      return input.has_value() ? std::optional<double>(*input * 0.5) : std::nullopt;
    }
    case plan::NodeKind::kAggregate: {
      if (node.As<plan::AggregateNode>().group_keys.empty()) {
        return 64.0;
      }
      std::optional<double> input = EstimateSize(*node.inputs[0], options);
      return input.has_value() ? std::optional<double>(*input * 0.1) : std::nullopt;
    }
    case plan::NodeKind::kLimit: {
      const auto& limit = node.As<plan::LimitNode>();
      std::optional<double> input = EstimateSize(*node.inputs[0], options);
      if (limit.limit.has_value()) {
        double capped = 64.0 * static_cast<double>(*limit.limit + limit.offset);
        return input.has_value() ? std::min(*input, capped) : capped;
      }
      return input;
    }
    case plan::NodeKind::kJoin: {
      std::optional<double> left = EstimateSize(*node.inputs[0], options);
      std::optional<double> right = EstimateSize(*node.inputs[1], options);
      if (!left.has_value() || !right.has_value()) {
        return std::nullopt;
      }
      return std::max(*left, *right);
    }
    default: {
      if (node.inputs.empty()) {
        return std::nullopt;
      }
      double total = 0;
      for (const plan::NodePtr& input : node.inputs) {
        std::optional<double> size = EstimateSize(*input, options);
        if (!size.has_value()) {
          return std::nullopt;
        }
        total += *size;
      }
      return total;
    }
  }
}

Result<plan::NodePtr> Optimize(const plan::NodePtr& root, const OptimizerOptions& options) {
  plan::NodePtr node = PushPredicates(root, {}, options);
  STRATUS_RETURN_IF_ERROR(CheckInjectedProjections(*node));
  std::vector<size_t> mapping;
  node = PruneColumns(node, std::vector<bool>(node->columns.size(), true), &mapping);
  return ApplyLimits(node);
}

}  // namespace stratus::sql::binder
