// PhysicalPlanner::PlanSetOperation: UNION ALL concatenates; UNION,
// INTERSECT and EXCEPT [ALL] count each distinct row's occurrences on both
// sides in a GroupTable and emit as many copies as the operator asks for.

#include <algorithm>
#include <cstring>
#include <utility>

#include "sql/exec/group_table.h"
#include "sql/exec/physical_planner.h"

namespace stratus::sql::exec {
namespace {

// Occurrences of a distinct row in the left and the right input.
struct SideCounts {
  int64_t left;
  int64_t right;
};

int64_t Copies(const plan::SetOperationNode& node, const SideCounts& counts) {
  switch (node.op) {
    case plan::SetOperator::kUnion:
      return node.all ? counts.left + counts.right : 1;
    case plan::SetOperator::kIntersect:
      if (node.all) {
        return std::min(counts.left, counts.right);
      }
      return counts.left > 0 && counts.right > 0 ? 1 : 0;
    case plan::SetOperator::kExcept:
      if (node.all) {
        return std::max<int64_t>(counts.left - counts.right, 0);
      }
      return counts.left > 0 && counts.right == 0 ? 1 : 0;
  }
  return 0;
}

void Count(const std::vector<Batch>& batches, bool left, GroupTable* table) {
  std::vector<uint32_t> groups;
  for (const Batch& batch : batches) {
    groups.resize(batch.num_rows());
    table->FindOrInsert(batch.columns(), batch.num_rows(), groups.data(), nullptr);
    for (uint32_t group : groups) {
      auto* counts = reinterpret_cast<SideCounts*>(table->state(group));
      ++(left ? counts->left : counts->right);
    }
  }
}

}  // namespace

Result<Pipeline> PhysicalPlanner::PlanSetOperation(const plan::SetOperationNode& node) {
  for (const plan::NodePtr& input : node.inputs) {
    if (input->columns.size() != node.columns.size()) {
      return Status::Internal("set operation inputs with different column counts");
    }
    for (size_t c = 0; c < node.columns.size(); ++c) {
      if (input->columns[c].type.physical_type() != node.columns[c].type.physical_type()) {
        return Status::Internal("set operation column of type " +
                                input->columns[c].type.ToString() + " where " +
                                node.columns[c].type.ToString() + " is expected");
      }
    }
  }
  STRATUS_ASSIGN_OR_RETURN(Pipeline left_pipeline, Plan(*node.inputs[0]));
  STRATUS_ASSIGN_OR_RETURN(std::vector<Batch> left, Collect(left_pipeline));
  STRATUS_ASSIGN_OR_RETURN(Pipeline right_pipeline, Plan(*node.inputs[1]));
  STRATUS_ASSIGN_OR_RETURN(std::vector<Batch> right, Collect(right_pipeline));
  std::vector<LogicalType> types = TypesOf(node);
  if (node.op == plan::SetOperator::kUnion && node.all) {
    for (Batch& batch : right) {
      left.push_back(std::move(batch));
    }
    return FromBatches(std::move(left), std::move(types), false);
  }
  GroupTable table(types, sizeof(SideCounts));
  Count(left, true, &table);
  left.clear();
  Count(right, false, &table);
  right.clear();
  std::vector<Batch> out;
  std::vector<uint32_t> rows;
  const auto flush = [&] {
    if (rows.empty()) {
      return;
    }
    const SelectionVector selected(std::move(rows));
    rows = {};
    std::vector<Vector> columns;
    for (size_t c = 0; c < table.num_keys(); ++c) {
      columns.push_back(table.Keys(c, 0, table.num_groups()).Select(selected));
    }
    out.emplace_back(std::move(columns), selected.size());
  };
  for (uint32_t group = 0; group < table.num_groups(); ++group) {
    const auto* counts = reinterpret_cast<const SideCounts*>(table.state(group));
    for (int64_t copy = Copies(node, *counts); copy > 0; --copy) {
      rows.push_back(group);
      if (rows.size() == kBatchRows) {
        flush();
      }
    }
  }
  flush();
  return FromBatches(std::move(out), std::move(types), false);
}

}  // namespace stratus::sql::exec
