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
// Spilling (docs/formats/sql_spill.md): beyond the memory budget the
// aggregation of one grouping set without DISTINCT sends, partition by
// partition (largest first), the *input rows* of a spilled partition to a
// spill file instead of its table; the groups already in the table stay as
// partial states. At the end the partition's partial states are merged and
// its spilled rows replayed into the merged table, which is correct because
// aggregation does not depend on the order rows arrive in.
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
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "sql/types/logical_type.h"
#include "sql/vector/batch.h"

namespace stratus::sql::functions {
struct FunctionContext;
}  // namespace stratus::sql::functions

namespace stratus::sql::plan {
struct AggregateNode;
}  // namespace stratus::sql::plan

namespace stratus::sql::exec {

class GroupTable;
class SpillWriter;

/// Makes a new spill file whose name starts with the given kind.
using SpillFileFactory = std::function<Result<std::unique_ptr<SpillWriter>>(const std::string&)>;

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

  /// Aggregates `input`; with `may_spill`, rows of spilled partitions go to
  /// their spill files instead (replays pass false).
  Status Consume(const Batch& input, bool may_spill = true);

  /// True when this aggregation can spill (see the essay).
  bool can_spill() const;
  /// Spills the largest partition not spilled yet; false when none is left.
  Result<bool> SpillPartition(const SpillFileFactory& make_file);
  /// Closes the spill files (at the end of the input).
  Status CloseSpills();

  /// The spill file of a partition, or "" when it was not spilled.
  const std::string& spill_path(size_t partition) const { return spill_paths_[partition]; }

  /// The aggregation's input column types (what spill files hold).
  const std::vector<LogicalType>& input_types() const { return input_types_; }

  /// Folds partition `partition` of `other` into this one's, freeing
  /// other's partition as it goes (it is released afterwards, even on error).
  Status MergePartition(HashAggregator& other, size_t partition);
  /// Adds the groups that exist even over no input (an empty grouping set's
  /// row); call once, before FinalizePartition().
  Status PrepareFinalize();
  /// Returns one partition's result rows in batches of at most kBatchRows.
  Result<std::vector<Batch>> FinalizePartition(size_t partition);
  /// PrepareFinalize() and every partition's rows.
  Result<std::vector<Batch>> Finalize();
  /// Frees a partition whose rows were finalized (its states and table).
  void ReleasePartition(size_t partition);

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
  // Destroys the states of groups [begin, end) of `table` (kernels that need it).
  void DestroyStates(GroupTable& table, size_t begin, size_t end);
  // Consume() for rows that are not spilled.
  Status Aggregate(const Batch& input);
  // Writes the rows of spilled partitions to their files; *kept gets the others.
  Status SpillRows(const Batch& input, std::vector<uint32_t>* kept);
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
  std::vector<LogicalType> input_types_;
  std::array<std::unique_ptr<SpillWriter>, kPartitions> spill_writers_;
  std::array<std::string, kPartitions> spill_paths_;
  bool any_spilled_ = false;
};

}  // namespace stratus::sql::exec
