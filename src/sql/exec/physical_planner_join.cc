// PhysicalPlanner::PlanJoin: the build side (the right input) runs to the
// end into per-driver buffers, which are concatenated into one
// JoinHashTable; the probe side (the left input) streams through a
// JoinProbeOperator on every driver. A build side beyond the memory budget
// spills, and the join runs partition by partition (partitioned_join.h).

#include <memory>
#include <mutex>
#include <utility>

#include "sql/exec/expression_evaluator.h"
#include "sql/exec/join_hash_table.h"
#include "sql/exec/join_probe_operator.h"
#include "sql/exec/memory_budget.h"
#include "sql/exec/partitioned_join.h"
#include "sql/exec/physical_planner.h"
#include "sql/exec/row_copy.h"
#include "sql/exec/spill_file.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::exec {
namespace {

// Build rows: the right input's columns, then the evaluated right keys.
struct BuildRows {
  std::mutex mu;
  std::vector<Batch> batches;  // Guarded by mu.
};

// Returns the batch's key columns (those after the first `num_columns`).
std::vector<Vector> KeysOf(const Batch& batch, size_t num_columns) {
  return std::vector<Vector>(batch.columns().begin() + static_cast<std::ptrdiff_t>(num_columns),
                             batch.columns().end());
}

class JoinBuildSink final : public Sink {
 public:
  JoinBuildSink(const plan::JoinNode& node,
                const functions::FunctionContext* context,
                std::shared_ptr<BuildRows> rows,
                std::shared_ptr<JoinSpillFiles> spill,
                bool may_spill,
                PhysicalPlanner* planner)
      : node_(node),
        context_(context),
        rows_(std::move(rows)),
        spill_(std::move(spill)),
        may_spill_(may_spill),
        planner_(planner),
        writer_(planner, "join-build", true),
        reservation_(planner->budget()),
        num_columns_(node.inputs[1]->columns.size()) {}

  Status Consume(Batch input) override {
    std::vector<Vector> columns = input.columns();
    for (const plan::ExprPtr& key : node_.right_keys) {
      STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(*key, input, *context_));
      columns.push_back(value.Flatten());
    }
    Batch batch(std::move(columns), input.num_rows());
    if (spill_->spilling.load()) {
      STRATUS_RETURN_IF_ERROR(SpillLocal());
      return writer_.Write(batch, KeysOf(batch, num_columns_));
    }
    local_.push_back(std::move(batch));
    Status status = reservation_.Grow(EstimatedBytes(local_.back()));
    if (status.ok() || SqlErrorName(status) != kExceededMemoryLimit || !may_spill_) {
      return status;
    }
    spill_->spilling.store(true);
    return SpillLocal();
  }

  Status Finish() override {
    if (spill_->spilling.load()) {
      STRATUS_RETURN_IF_ERROR(SpillLocal());
      return writer_.Close(*spill_);
    }
    std::lock_guard<std::mutex> lock(rows_->mu);
    for (Batch& batch : local_) {
      rows_->batches.push_back(std::move(batch));
    }
    return Status::Ok();
  }

 private:
  // Moves the rows held in memory to the partitions' files.
  Status SpillLocal() {
    for (const Batch& batch : local_) {
      STRATUS_RETURN_IF_ERROR(writer_.Write(batch, KeysOf(batch, num_columns_)));
    }
    local_.clear();
    return reservation_.Resize(0);
  }

  const plan::JoinNode& node_;
  const functions::FunctionContext* context_;
  std::shared_ptr<BuildRows> rows_;
  std::shared_ptr<JoinSpillFiles> spill_;
  bool may_spill_;
  PhysicalPlanner* planner_;
  PartitionWriter writer_;
  MemoryReservation reservation_;
  size_t num_columns_;
  std::vector<Batch> local_;
};

// The probe side of a spilled join: its rows go to the partitions' files.
class ProbeSpillSink final : public Sink {
 public:
  ProbeSpillSink(const plan::JoinNode& node,
                 const functions::FunctionContext* context,
                 std::shared_ptr<JoinSpillFiles> spill,
                 PhysicalPlanner* planner)
      : node_(node),
        context_(context),
        spill_(std::move(spill)),
        writer_(planner, "join-probe", false) {}

  Status Consume(Batch input) override {
    std::vector<Vector> keys;
    for (const plan::ExprPtr& key : node_.left_keys) {
      STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(*key, input, *context_));
      keys.push_back(value.Flatten());
    }
    return writer_.Write(input, keys);
  }

  Status Finish() override { return writer_.Close(*spill_); }

 private:
  const plan::JoinNode& node_;
  const functions::FunctionContext* context_;
  std::shared_ptr<JoinSpillFiles> spill_;
  PartitionWriter writer_;
};

bool JoinCanSpill(const plan::JoinNode& node) {
  if (node.left_keys.empty()) {
    return false;  // A nested loop cannot be partitioned by key.
  }
  std::vector<LogicalType> types = TypesOf(*node.inputs[0]);
  for (const plan::Column& column : node.inputs[1]->columns) {
    types.push_back(column.type);
  }
  for (const plan::ExprPtr& key : node.right_keys) {
    types.push_back(key->type);
  }
  return CanSpill(types);
}

}  // namespace

Result<Pipeline> PhysicalPlanner::PlanJoin(const plan::JoinNode& node) {
  if (node.left_keys.size() != node.right_keys.size()) {
    return Status::Internal("a join with unpaired keys");
  }
  for (size_t i = 0; i < node.left_keys.size(); ++i) {
    if (node.left_keys[i]->type.physical_type() != node.right_keys[i]->type.physical_type()) {
      return Status::Internal("join keys of types " + node.left_keys[i]->type.ToString() + " and " +
                              node.right_keys[i]->type.ToString());
    }
  }
  STRATUS_ASSIGN_OR_RETURN(Pipeline build, Plan(*node.inputs[1]));
  auto rows = std::make_shared<BuildRows>();
  auto spill = std::make_shared<JoinSpillFiles>();
  const bool may_spill = spill_enabled() && JoinCanSpill(node);
  const functions::FunctionContext* context = functions();
  STRATUS_RETURN_IF_ERROR(RunPipeline(build, [&] {
    return std::make_unique<JoinBuildSink>(node, context, rows, spill, may_spill, this);
  }));
  std::vector<LogicalType> types = TypesOf(*node.inputs[1]);
  const size_t num_columns = types.size();
  for (const plan::ExprPtr& key : node.right_keys) {
    types.push_back(key->type);
  }
  if (spill->spilling.load()) {
    return PlanSpilledJoin(node, rows->batches, num_columns, spill);
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
  shared->build_empty = num_rows == 0;
  shared->build_has_null_key = shared->table->has_null_key();

  STRATUS_ASSIGN_OR_RETURN(Pipeline probe, Plan(*node.inputs[0]));
  std::vector<LogicalType> output_types = TypesOf(node);
  probe.make_operators.push_back([output_types, &node, shared, context] {
    return std::make_unique<JoinProbeOperator>(output_types, node, shared, context);
  });
  probe.types = std::move(output_types);
  return probe;
}

Result<Pipeline> PhysicalPlanner::PlanSpilledJoin(const plan::JoinNode& node,
                                                  std::vector<Batch>& build_rows,
                                                  size_t num_columns,
                                                  std::shared_ptr<JoinSpillFiles> spill) {
  // Build rows that stayed in memory (drivers done before the spill began) join the files.
  PartitionWriter rest(this, "join-build", true);
  for (const Batch& batch : build_rows) {
    STRATUS_RETURN_IF_ERROR(rest.Write(batch, KeysOf(batch, num_columns)));
  }
  build_rows.clear();
  STRATUS_RETURN_IF_ERROR(rest.Close(*spill));
  STRATUS_ASSIGN_OR_RETURN(Pipeline probe, Plan(*node.inputs[0]));
  const functions::FunctionContext* context = functions();
  STRATUS_RETURN_IF_ERROR(RunPipeline(
      probe, [&] { return std::make_unique<ProbeSpillSink>(node, context, spill, this); }));
  auto next_partition = std::make_shared<std::atomic<size_t>>(0);
  Pipeline pipeline;
  pipeline.make_source = [&node, spill, next_partition, this, context] {
    return std::make_unique<PartitionedJoinSource>(node, spill, next_partition, this, context);
  };
  pipeline.max_drivers = kJoinPartitions;
  pipeline.types = TypesOf(node);
  return pipeline;
}

}  // namespace stratus::sql::exec
