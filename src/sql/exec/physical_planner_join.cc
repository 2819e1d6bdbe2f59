// PhysicalPlanner::PlanJoin: the build side (the right input) runs to the
// end into per-driver buffers, which are concatenated into one
// JoinHashTable; the probe side (the left input) streams through a
// JoinProbeOperator on every driver.

#include <memory>
#include <mutex>
#include <utility>

#include "sql/exec/expression_evaluator.h"
#include "sql/exec/join_hash_table.h"
#include "sql/exec/join_probe_operator.h"
#include "sql/exec/memory_budget.h"
#include "sql/exec/physical_planner.h"
#include "sql/exec/row_copy.h"

namespace stratus::sql::exec {
namespace {

// Build rows: the right input's columns, then the evaluated right keys.
struct BuildRows {
  std::mutex mu;
  std::vector<Batch> batches;  // Guarded by mu.
};

class JoinBuildSink final : public Sink {
 public:
  JoinBuildSink(const plan::JoinNode& node,
                const functions::FunctionContext* context,
                std::shared_ptr<BuildRows> rows,
                MemoryBudget* budget)
      : node_(node), context_(context), rows_(std::move(rows)), reservation_(budget) {}

  Status Consume(Batch input) override {
    std::vector<Vector> columns = input.columns();
    for (const plan::ExprPtr& key : node_.right_keys) {
      STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(*key, input, *context_));
      columns.push_back(std::move(value));
    }
    local_.emplace_back(std::move(columns), input.num_rows());
    return reservation_.Grow(EstimatedBytes(local_.back()));
  }

  Status Finish() override {
    std::lock_guard<std::mutex> lock(rows_->mu);
    for (Batch& batch : local_) {
      rows_->batches.push_back(std::move(batch));
    }
    return Status::Ok();
  }

 private:
  const plan::JoinNode& node_;
  const functions::FunctionContext* context_;
  std::shared_ptr<BuildRows> rows_;
  MemoryReservation reservation_;
  std::vector<Batch> local_;
};

}  // namespace

Result<Pipeline> PhysicalPlanner::PlanJoin(const plan::JoinNode& node) {
  STRATUS_ASSIGN_OR_RETURN(Pipeline build, Plan(*node.inputs[1]));
  auto rows = std::make_shared<BuildRows>();
  const functions::FunctionContext* context = functions();
  STRATUS_RETURN_IF_ERROR(RunPipeline(
      build, [&] { return std::make_unique<JoinBuildSink>(node, context, rows, budget()); }));
  std::vector<LogicalType> types = TypesOf(*node.inputs[1]);
  const size_t num_columns = types.size();
  for (const plan::ExprPtr& key : node.right_keys) {
    types.push_back(key->type);
  }
  size_t num_rows = 0;
  for (const Batch& batch : rows->batches) {
    num_rows += batch.num_rows();
  }
  std::vector<Vector> columns = ConcatenateBatches(rows->batches, types);
  rows->batches.clear();
  std::vector<Vector> keys(
      std::make_move_iterator(columns.begin() + static_cast<std::ptrdiff_t>(num_columns)),
      std::make_move_iterator(columns.end()));
  columns.resize(num_columns);
  auto shared = std::make_shared<JoinShared>();
  shared->table = std::make_shared<JoinHashTable>(std::move(columns), std::move(keys), num_rows);

  STRATUS_ASSIGN_OR_RETURN(Pipeline probe, Plan(*node.inputs[0]));
  std::vector<LogicalType> output_types = TypesOf(node);
  probe.make_operators.push_back([output_types, &node, shared, context] {
    return std::make_unique<JoinProbeOperator>(output_types, node, shared, context);
  });
  probe.types = std::move(output_types);
  return probe;
}

}  // namespace stratus::sql::exec
