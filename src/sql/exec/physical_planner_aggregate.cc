// PhysicalPlanner::PlanAggregate and PlanDistinct: hash aggregation, partial
// per driver and merged at the end.

#include <memory>
#include <mutex>
#include <utility>

#include "sql/exec/hash_aggregator.h"
#include "sql/exec/memory_budget.h"
#include "sql/exec/physical_planner.h"
#include "sql/exec/sort_buffer.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::exec {
namespace {

// The drivers' partial aggregations, handed over as each driver finishes.
struct Partials {
  std::mutex mu;
  std::vector<std::unique_ptr<HashAggregator>> aggregators;  // Guarded by mu.
};

class AggregateSink final : public Sink {
 public:
  AggregateSink(const plan::AggregateNode& node,
                const functions::FunctionContext* context,
                std::shared_ptr<Partials> partials,
                MemoryBudget* budget)
      : aggregator_(std::make_unique<HashAggregator>(node, context)),
        partials_(std::move(partials)),
        reservation_(budget) {}

  Status Consume(Batch input) override {
    STRATUS_RETURN_IF_ERROR(aggregator_->Consume(input));
    return reservation_.Resize(aggregator_->memory_bytes());
  }

  Status Finish() override {
    std::lock_guard<std::mutex> lock(partials_->mu);
    partials_->aggregators.push_back(std::move(aggregator_));
    return Status::Ok();
  }

 private:
  std::unique_ptr<HashAggregator> aggregator_;
  std::shared_ptr<Partials> partials_;
  MemoryReservation reservation_;
};

bool SameOrder(const std::vector<plan::SortKey>& a, const std::vector<plan::SortKey>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (plan::ToString(*a[i].key) != plan::ToString(*b[i].key) ||
        a[i].ascending != b[i].ascending || a[i].nulls_first != b[i].nulls_first) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<Pipeline> PhysicalPlanner::PlanAggregate(const plan::AggregateNode& node) {
  STRATUS_ASSIGN_OR_RETURN(Pipeline input, Plan(*node.inputs[0]));
  // Aggregates with ORDER BY (array_agg(x ORDER BY y)) see their input sorted,
  // on one driver.
  const std::vector<plan::SortKey>* order = nullptr;
  for (const plan::AggregateCall& call : node.aggregates) {
    if (call.order_by.empty()) {
      continue;
    }
    if (order != nullptr && !SameOrder(*order, call.order_by)) {
      return SqlError(kNotSupported,
                      "Aggregates with different ORDER BY clauses are not supported");
    }
    order = &call.order_by;
  }
  if (order != nullptr) {
    const std::vector<LogicalType> types = TypesOf(*node.inputs[0]);
    STRATUS_ASSIGN_OR_RETURN(std::vector<Batch> batches, Collect(input));
    SortBuffer sorter(*order, std::nullopt, types, functions());
    for (const Batch& batch : batches) {
      STRATUS_RETURN_IF_ERROR(sorter.Add(batch));
    }
    batches.clear();
    input = FromBatches(sorter.Finish(), types, true);
  }
  if (!HashAggregator::Mergeable(node)) {
    input.max_drivers = 1;
  }
  auto partials = std::make_shared<Partials>();
  const functions::FunctionContext* context = functions();
  STRATUS_RETURN_IF_ERROR(RunPipeline(
      input, [&] { return std::make_unique<AggregateSink>(node, context, partials, budget()); }));
  std::vector<std::unique_ptr<HashAggregator>>& all = partials->aggregators;
  if (all.empty()) {
    all.push_back(std::make_unique<HashAggregator>(node, context));
  }
  // The drivers' partial aggregates merge one hash partition per task.
  HashAggregator& target = *all[0];
  STRATUS_RETURN_IF_ERROR(ParallelFor(HashAggregator::kPartitions, [&](size_t partition) {
    for (size_t i = 1; i < all.size(); ++i) {
      STRATUS_RETURN_IF_ERROR(target.MergePartition(*all[i], partition));
    }
    return Status::Ok();
  }));
  all.resize(1);
  STRATUS_RETURN_IF_ERROR(target.PrepareFinalize());
  std::vector<std::vector<Batch>> results(HashAggregator::kPartitions);
  STRATUS_RETURN_IF_ERROR(ParallelFor(HashAggregator::kPartitions, [&](size_t partition) {
    STRATUS_ASSIGN_OR_RETURN(results[partition], target.FinalizePartition(partition));
    return Status::Ok();
  }));
  std::vector<Batch> batches;
  for (std::vector<Batch>& result : results) {
    for (Batch& batch : result) {
      batches.push_back(std::move(batch));
    }
  }
  return FromBatches(std::move(batches), TypesOf(node), false);
}

Result<Pipeline> PhysicalPlanner::PlanDistinct(const plan::Node& node) {
  // DISTINCT is a GROUP BY of every column with no aggregates.
  auto aggregate = std::make_shared<plan::AggregateNode>();
  aggregate->columns = node.columns;
  aggregate->inputs = node.inputs;
  for (size_t i = 0; i < node.columns.size(); ++i) {
    aggregate->group_keys.push_back(plan::MakeColumn(i, node.columns[i].type));
  }
  owned_nodes_.push_back(aggregate);
  return PlanAggregate(*aggregate);
}

}  // namespace stratus::sql::exec
