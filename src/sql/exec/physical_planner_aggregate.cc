// PhysicalPlanner::PlanAggregate and PlanDistinct: hash aggregation, partial
// per driver and merged at the end.

#include <atomic>
#include <memory>
#include <mutex>
#include <utility>

#include "sql/exec/hash_aggregator.h"
#include "sql/exec/memory_budget.h"
#include "sql/exec/physical_planner.h"
#include "sql/exec/sort_buffer.h"
#include "sql/exec/spill_file.h"
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
                PhysicalPlanner* planner)
      : aggregator_(std::make_unique<HashAggregator>(node, context)),
        partials_(std::move(partials)),
        planner_(planner),
        reservation_(planner->budget()) {}

  Status Consume(Batch input) override {
    STRATUS_RETURN_IF_ERROR(aggregator_->Consume(input));
    Status status = reservation_.Resize(aggregator_->memory_bytes());
    if (status.ok() || SqlErrorName(status) != kExceededMemoryLimit || !planner_->spill_enabled() ||
        !aggregator_->can_spill()) {
      return status;
    }
    // Over the budget: one more partition's rows go to disk from now on (the
    // memory already held stays; once every partition spills it stops growing).
    STRATUS_ASSIGN_OR_RETURN(bool spilled,
                             aggregator_->SpillPartition([this](const std::string& kind) {
                               return planner_->NewSpillFile(kind);
                             }));
    static_cast<void>(spilled);
    return Status::Ok();
  }

  Status Finish() override {
    STRATUS_RETURN_IF_ERROR(aggregator_->CloseSpills());
    std::lock_guard<std::mutex> lock(partials_->mu);
    partials_->aggregators.push_back(std::move(aggregator_));
    return Status::Ok();
  }

 private:
  std::unique_ptr<HashAggregator> aggregator_;
  std::shared_ptr<Partials> partials_;
  PhysicalPlanner* planner_;
  MemoryReservation reservation_;
};

// Replays the rows `source` spilled for `partition` into `target`.
Status ReplaySpill(PhysicalPlanner& planner,
                   const HashAggregator& source,
                   size_t partition,
                   HashAggregator& target) {
  const std::string& path = source.spill_path(partition);
  if (path.empty()) {
    return Status::Ok();
  }
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<SpillReader> reader,
                           SpillReader::Open(planner.spill_files(), path, source.input_types()));
  Batch batch;
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(bool more, reader->Next(&batch));
    if (!more) {
      return Status::Ok();
    }
    STRATUS_RETURN_IF_ERROR(target.Consume(batch, /*may_spill=*/false));
  }
}

// An aggregation's merged result, finalized partition by partition.
struct Finalizer {
  std::unique_ptr<HashAggregator> aggregator;
  std::atomic<size_t> next_partition{0};
};

class FinalizeSource final : public Source {
 public:
  explicit FinalizeSource(std::shared_ptr<Finalizer> finalizer)
      : finalizer_(std::move(finalizer)) {}

  Result<bool> Next(Batch* out) override {
    while (next_ == batches_.size()) {
      const size_t partition = finalizer_->next_partition.fetch_add(1);
      if (partition >= HashAggregator::kPartitions) {
        return false;
      }
      STRATUS_ASSIGN_OR_RETURN(batches_, finalizer_->aggregator->FinalizePartition(partition));
      finalizer_->aggregator->ReleasePartition(partition);
      next_ = 0;
    }
    *out = std::move(batches_[next_++]);
    return true;
  }

 private:
  std::shared_ptr<Finalizer> finalizer_;
  std::vector<Batch> batches_;
  size_t next_ = 0;
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
      input, [&] { return std::make_unique<AggregateSink>(node, context, partials, this); }));
  std::vector<std::unique_ptr<HashAggregator>>& all = partials->aggregators;
  if (all.empty()) {
    all.push_back(std::make_unique<HashAggregator>(node, context));
  }
  // The drivers' partial aggregates merge one hash partition per task.
  HashAggregator& target = *all[0];
  STRATUS_RETURN_IF_ERROR(ParallelFor(HashAggregator::kPartitions, [&](size_t partition) {
    for (size_t i = 1; i < all.size(); ++i) {
      STRATUS_RETURN_IF_ERROR(target.MergePartition(*all[i], partition));
      all[i]->ReleasePartition(partition);
    }
    for (const std::unique_ptr<HashAggregator>& aggregator : all) {
      STRATUS_RETURN_IF_ERROR(ReplaySpill(*this, *aggregator, partition, target));
    }
    return Status::Ok();
  }));
  all.resize(1);
  STRATUS_RETURN_IF_ERROR(target.PrepareFinalize());
  // The result streams: each driver finalizes a partition, hands on its rows
  // and frees it, so the groups and the result rows are not held at once.
  auto finalizer = std::make_shared<Finalizer>();
  finalizer->aggregator = std::move(all[0]);
  Pipeline pipeline;
  pipeline.make_source = [finalizer] {
    return std::make_unique<FinalizeSource>(finalizer);
  };
  pipeline.max_drivers = HashAggregator::kPartitions;
  pipeline.types = TypesOf(node);
  return pipeline;
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
