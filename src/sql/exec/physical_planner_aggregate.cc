// PhysicalPlanner::PlanAggregate and PlanDistinct: hash aggregation, partial
// per driver and merged at the end.

#include <memory>
#include <mutex>
#include <utility>

#include "sql/exec/hash_aggregator.h"
#include "sql/exec/memory_budget.h"
#include "sql/exec/physical_planner.h"

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

}  // namespace

Result<Pipeline> PhysicalPlanner::PlanAggregate(const plan::AggregateNode& node) {
  STRATUS_ASSIGN_OR_RETURN(Pipeline input, Plan(*node.inputs[0]));
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
  for (size_t i = 1; i < all.size(); ++i) {
    STRATUS_RETURN_IF_ERROR(all[0]->Merge(*all[i]));
    all[i].reset();
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<Batch> batches, all[0]->Finalize());
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
