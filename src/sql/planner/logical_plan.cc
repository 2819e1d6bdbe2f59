#include "sql/planner/logical_plan.h"

#include <string>

#include "sql/functions/function.h"

namespace stratus::sql::plan {
namespace {

std::string JoinExprs(const std::vector<ExprPtr>& exprs) {
  std::string out;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i > 0) {
      out += ", ";
    }
    out += ToString(*exprs[i]);
  }
  return out;
}

std::string SortKeys(const std::vector<SortKey>& keys) {
  std::string out;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) {
      out += ", ";
    }
    out += ToString(*keys[i].key);
    out += keys[i].ascending ? " ASC" : " DESC";
    out += keys[i].nulls_first ? " NULLS FIRST" : " NULLS LAST";
  }
  return out;
}

const char* JoinKindName(JoinKind kind) {
  switch (kind) {
    case JoinKind::kInner:
      return "INNER";
    case JoinKind::kLeft:
      return "LEFT";
    case JoinKind::kRight:
      return "RIGHT";
    case JoinKind::kFull:
      return "FULL";
    case JoinKind::kCross:
      return "CROSS";
    case JoinKind::kSemi:
      return "SEMI";
    case JoinKind::kAnti:
      return "ANTI";
    case JoinKind::kMark:
      return "MARK";
  }
  return "?";
}

std::string ScanLine(const ScanNode& scan) {
  std::string out = "Scan[" + scan.table->database + "." + scan.table->name + "]";
  out += " columns=[";
  for (size_t i = 0; i < scan.columns.size(); ++i) {
    out += (i > 0 ? ", " : "") + scan.columns[i].name;
  }
  out += "]";
  if (!scan.filters.empty()) {
    out += " filters=[" + JoinExprs(scan.filters) + "]";
  }
  if (!scan.table->partition_keys.empty()) {
    out += " partitions=" + std::to_string(scan.partitions.size());
  }
  if (scan.limit.has_value()) {
    out += " limit=" + std::to_string(*scan.limit);
  }
  if (scan.snapshot.has_value()) {
    out += scan.snapshot->kind == TableSnapshotSelector::Kind::kVersion ? " version="
                                                                        : " as_of_millis=";
    out += std::to_string(scan.snapshot->value);
  }
  return out;
}

std::string AggregateLine(const AggregateNode& aggregate) {
  std::string out = "Aggregate[keys=[" + JoinExprs(aggregate.group_keys) + "]";
  if (aggregate.grouping_sets.size() > 1) {
    out += " sets=" + std::to_string(aggregate.grouping_sets.size());
  }
  out += " aggregates=[";
  for (size_t i = 0; i < aggregate.aggregates.size(); ++i) {
    const AggregateCall& call = aggregate.aggregates[i];
    out += (i > 0 ? ", " : "") + call.function->name + "(";
    out += call.distinct ? "DISTINCT " : "";
    out += JoinExprs(call.args) + ")";
    if (call.filter != nullptr) {
      out += " FILTER (" + ToString(*call.filter) + ")";
    }
  }
  return out + "]]";
}

std::string JoinLine(const JoinNode& join) {
  std::string out = std::string("Join[") + JoinKindName(join.join_kind);
  for (size_t i = 0; i < join.left_keys.size(); ++i) {
    out += (i == 0 ? " " : " AND ") + ToString(*join.left_keys[i]) + " = " +
           ToString(*join.right_keys[i]);
  }
  if (join.condition != nullptr) {
    out += " condition=" + ToString(*join.condition);
  }
  if (join.null_aware) {
    out += " null_aware";
  }
  return out + "]";
}

std::string WindowLine(const WindowNode& window) {
  std::string out = "Window[";
  for (size_t i = 0; i < window.calls.size(); ++i) {
    const WindowCall& call = window.calls[i];
    out += (i > 0 ? ", " : "");
    out += call.window_function != nullptr ? call.window_function->name : call.aggregate->name;
    out += "(" + JoinExprs(call.args) + ")";
    if (!call.partition_by.empty()) {
      out += " PARTITION BY " + JoinExprs(call.partition_by);
    }
    if (!call.order_by.empty()) {
      out += " ORDER BY " + SortKeys(call.order_by);
    }
  }
  return out + "]";
}

std::string NodeLine(const Node& node) {
  switch (node.kind) {
    case NodeKind::kScan:
      return ScanLine(node.As<ScanNode>());
    case NodeKind::kValues:
      return "Values[rows=" + std::to_string(node.As<ValuesNode>().rows.size()) + "]";
    case NodeKind::kFilter:
      return "Filter[" + ToString(*node.As<FilterNode>().predicate) + "]";
    case NodeKind::kProject:
      return "Project[" + JoinExprs(node.As<ProjectNode>().expressions) + "]";
    case NodeKind::kAggregate:
      return AggregateLine(node.As<AggregateNode>());
    case NodeKind::kJoin:
      return JoinLine(node.As<JoinNode>());
    case NodeKind::kSort: {
      const auto& sort = node.As<SortNode>();
      std::string out = "Sort[" + SortKeys(sort.keys);
      if (sort.limit.has_value()) {
        out += " limit=" + std::to_string(*sort.limit);
      }
      return out + "]";
    }
    case NodeKind::kLimit: {
      const auto& limit = node.As<LimitNode>();
      std::string out = "Limit[";
      out += limit.limit.has_value() ? std::to_string(*limit.limit) : "ALL";
      if (limit.offset > 0) {
        out += " offset=" + std::to_string(limit.offset);
      }
      return out + "]";
    }
    case NodeKind::kWindow:
      return WindowLine(node.As<WindowNode>());
    case NodeKind::kSetOperation: {
      const auto& set = node.As<SetOperationNode>();
      const char* name = set.op == SetOperator::kUnion       ? "Union"
                         : set.op == SetOperator::kIntersect ? "Intersect"
                                                             : "Except";
      return std::string(name) + (set.all ? "[ALL]" : "[DISTINCT]");
    }
    case NodeKind::kUnnest: {
      const auto& unnest = node.As<UnnestNode>();
      std::string out = "Unnest[" + JoinExprs(unnest.arrays);
      out += unnest.with_ordinality ? " WITH ORDINALITY" : "";
      out += unnest.outer ? " OUTER" : "";
      return out + "]";
    }
    case NodeKind::kDistinct:
      return "Distinct";
    case NodeKind::kEnforceSingleRow:
      return "EnforceSingleRow";
    case NodeKind::kTableWrite: {
      const auto& write = node.As<TableWriteNode>();
      return "TableWrite[" + write.table->database + "." + write.table->name + "]";
    }
  }
  return "?";
}

void AppendNode(const Node& node, int depth, std::string* out) {
  out->append(static_cast<size_t>(depth) * 2, ' ');
  out->append("- ");
  out->append(NodeLine(node));
  out->append(" => [");
  for (size_t i = 0; i < node.columns.size(); ++i) {
    out->append(i > 0 ? ", " : "");
    out->append(node.columns[i].name + ":" + node.columns[i].type.ToString());
  }
  out->append("]\n");
  for (const NodePtr& input : node.inputs) {
    AppendNode(*input, depth + 1, out);
  }
}

}  // namespace

std::string ToString(const Node& root) {
  std::string out;
  AppendNode(root, 0, &out);
  return out;
}

}  // namespace stratus::sql::plan
