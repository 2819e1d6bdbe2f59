#pragma once

// HashAggregator: GROUP BY (with grouping sets, DISTINCT and FILTER
// aggregates) over a GroupTable whose payload holds every aggregate's state.
// Each driver aggregates its own input (partial aggregation); Merge() folds
// another driver's aggregator in with AggregateKernel::Combine, and
// Finalize() produces the output rows: the group keys, the grouping id when
// there are several grouping sets, then the aggregates.
//
// DISTINCT aggregates keep a second table of (group, arguments) and update
// only on arguments new to the group; they cannot be merged, so a plan with
// one runs its aggregation on a single driver (mergeable() is false).
//
// Ownership: owns its tables and states; borrows the plan node and context.
// Thread safety: none; one driver at a time.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "base/result.h"
#include "sql/vector/batch.h"

namespace stratus::sql::functions {
struct FunctionContext;
}  // namespace stratus::sql::functions

namespace stratus::sql::plan {
struct AggregateNode;
}  // namespace stratus::sql::plan

namespace stratus::sql::exec {

class GroupTable;

class HashAggregator {
 public:
  /// REQUIRES: `node` and `context` outlive the aggregator.
  HashAggregator(const plan::AggregateNode& node, const functions::FunctionContext* context);
  ~HashAggregator();
  HashAggregator(const HashAggregator&) = delete;
  HashAggregator& operator=(const HashAggregator&) = delete;

  /// Returns false when the node has DISTINCT aggregates (see the essay).
  static bool Mergeable(const plan::AggregateNode& node);

  Status Consume(const Batch& input);
  /// Folds `other`'s groups and states into this one.
  Status Merge(HashAggregator& other);
  /// Returns the result rows in batches of at most kBatchRows.
  Result<std::vector<Batch>> Finalize();

  /// Bytes held, for the memory budget.
  size_t memory_bytes() const;

 private:
  struct Distinct;

  // Initializes the states of groups made by the last FindOrInsert.
  void InitializeStates(const std::vector<uint32_t>& new_groups);
  Status UpdateAggregates(const Batch& input, const std::vector<uint32_t>& groups);
  Status UpdateOne(size_t index,
                   const Batch& input,
                   const std::vector<uint32_t>& groups,
                   SelectionVector* rows);
  Status EnsureEmptySetGroups();

  const plan::AggregateNode& node_;
  const functions::FunctionContext* context_;
  size_t num_keys_ = 0;
  bool with_grouping_id_ = false;
  std::vector<size_t> offsets_;  // Per aggregate, in the group's payload.
  std::unique_ptr<GroupTable> table_;
  std::vector<std::unique_ptr<Distinct>> distinct_;  // Per aggregate; null if not DISTINCT.
  std::vector<uint32_t> new_groups_;
};

}  // namespace stratus::sql::exec
