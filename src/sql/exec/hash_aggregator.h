#pragma once

// HashAggregator: GROUP BY (with grouping sets, DISTINCT and FILTER
// aggregates) over GroupTables whose row payloads hold every aggregate's
// state. Groups are split by hash into kPartitions tables (radix
// partitioning), so that the aggregators of parallel drivers merge one
// partition at a time, each partition on its own thread: MergePartition()
// folds another driver's partition in with AggregateKernel::Combine, and
// FinalizePartition() produces its result rows: the group keys, the
// grouping id when there are several grouping sets, then the aggregates.
//
// DISTINCT aggregates keep a second table of (group, arguments) and update
// only on arguments new to the group; they cannot be merged, so a plan with
// one runs its aggregation on a single driver (Mergeable() is false).
//
// Ownership: owns its tables and states; borrows the plan node and context.
// Thread safety: one driver at a time, except that MergePartition() and
// FinalizePartition() of different partitions may run at once.

#include <array>
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
  static constexpr size_t kPartitions = 16;

  /// REQUIRES: `node` and `context` outlive the aggregator.
  HashAggregator(const plan::AggregateNode& node, const functions::FunctionContext* context);
  ~HashAggregator();
  HashAggregator(const HashAggregator&) = delete;
  HashAggregator& operator=(const HashAggregator&) = delete;

  /// Returns false when the node has DISTINCT aggregates (see the essay).
  static bool Mergeable(const plan::AggregateNode& node);

  Status Consume(const Batch& input);

  /// Folds partition `partition` of `other` into this one's.
  Status MergePartition(HashAggregator& other, size_t partition);
  /// Adds the groups that exist even over no input (an empty grouping set's
  /// row); call once, before FinalizePartition().
  Status PrepareFinalize();
  /// Returns one partition's result rows in batches of at most kBatchRows.
  Result<std::vector<Batch>> FinalizePartition(size_t partition);
  /// PrepareFinalize() and every partition's rows.
  Result<std::vector<Batch>> Finalize();

  /// Bytes held, for the memory budget.
  size_t memory_bytes() const;

 private:
  struct Distinct;

  // Finds or makes the groups of one grouping set's keys; *states gets each
  // row's state base and *group_ids a number unique across partitions.
  void FindGroups(const std::vector<Vector>& keys,
                  size_t rows,
                  std::vector<uint8_t*>* states,
                  std::vector<int64_t>* group_ids);
  void InitializeStates(GroupTable& table, const std::vector<uint32_t>& new_groups);
  Status UpdateOne(size_t index,
                   const Batch& input,
                   const std::vector<uint8_t*>& states,
                   const std::vector<int64_t>& group_ids);

  const plan::AggregateNode& node_;
  const functions::FunctionContext* context_;
  size_t num_keys_ = 0;
  bool with_grouping_id_ = false;
  bool prepared_ = false;
  std::vector<size_t> offsets_;  // Per aggregate, in the group's payload.
  std::array<std::unique_ptr<GroupTable>, kPartitions> tables_;
  std::vector<std::unique_ptr<Distinct>> distinct_;  // Per aggregate; null if not DISTINCT.
};

}  // namespace stratus::sql::exec
