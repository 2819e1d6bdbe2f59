#pragma once

// A hash join whose build side outgrew the memory budget (a grace hash
// join): both sides are written to spill files partitioned by the hash of
// their equi-keys (docs/formats/sql_spill.md), then each partition is joined
// alone — its build rows in a JoinHashTable, its probe rows pushed through a
// JoinProbeOperator — so at most one partition per driver is in memory.
// Equal keys hash alike, so every match is inside one partition; NOT IN's
// rules read the whole build side's emptiness and NULL keys, kept aside.
//
// PartitionWriter spreads one driver's batches over the partitions' files;
// PartitionedJoinSource joins partitions taken from a shared counter (so
// several drivers join different partitions at once).
//
// Ownership: the source owns what it reads; files belong to the planner.
// Thread safety: a writer or a source is one driver's; JoinSpillFiles is locked.

#include <array>
#include <atomic>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/result.h"
#include "sql/exec/operator.h"
#include "sql/planner/logical_plan.h"

namespace stratus::sql::functions {
struct FunctionContext;
}  // namespace stratus::sql::functions

namespace stratus::sql::exec {

class PhysicalPlanner;
class SpillWriter;

inline constexpr size_t kJoinPartitions = 16;

/// Returns the join partition of a key hash.
inline size_t JoinPartitionOf(uint64_t hash) {
  return (hash >> 40) % kJoinPartitions;
}

/// The spill files of both sides, per partition, and the build side's totals.
struct JoinSpillFiles {
  std::mutex mu;
  // Guarded by mu.
  std::array<std::vector<std::string>, kJoinPartitions> build = {};
  std::array<std::vector<std::string>, kJoinPartitions> probe = {};
  uint64_t build_rows = 0;
  bool build_has_null_key = false;
  // End of guarded members.
  std::atomic<bool> spilling{false};
};

/// Writes one driver's batches into per-partition spill files.
class PartitionWriter {
 public:
  /// `kind` names the files; `build` says which side's list they join.
  PartitionWriter(PhysicalPlanner* planner, std::string kind, bool build);
  ~PartitionWriter();
  PartitionWriter(const PartitionWriter&) = delete;
  PartitionWriter& operator=(const PartitionWriter&) = delete;

  /// Writes `batch`'s rows to the partitions their `keys` (flat, one per
  /// equi-key, batch.num_rows() rows) hash to.
  Status Write(const Batch& batch, const std::vector<Vector>& keys);
  /// Closes the files and records them (and the totals) in `files`.
  Status Close(JoinSpillFiles& files);

 private:
  PhysicalPlanner* planner_;
  std::string kind_;
  bool build_;
  std::array<std::unique_ptr<SpillWriter>, kJoinPartitions> writers_;
  uint64_t rows_ = 0;
  bool null_key_ = false;
};

/// Joins the spilled partitions (see the essay above).
class PartitionedJoinSource final : public Source {
 public:
  /// REQUIRES: node, planner and context outlive the source.
  PartitionedJoinSource(const plan::JoinNode& node,
                        std::shared_ptr<JoinSpillFiles> files,
                        std::shared_ptr<std::atomic<size_t>> next_partition,
                        PhysicalPlanner* planner,
                        const functions::FunctionContext* context);
  ~PartitionedJoinSource() override;

  Result<bool> Next(Batch* out) override;

 private:
  // Builds the next partition's table and opens its probe files; false when none is left.
  Result<bool> StartPartition();
  Status Drain();

  const plan::JoinNode& node_;
  std::shared_ptr<JoinSpillFiles> files_;
  std::shared_ptr<std::atomic<size_t>> next_partition_;
  PhysicalPlanner* planner_;
  const functions::FunctionContext* context_;
  std::vector<LogicalType> output_types_;
  std::unique_ptr<Operator> probe_;  // Of the current partition.
  std::vector<std::unique_ptr<Source>> probe_runs_;
  size_t probe_run_ = 0;
  std::deque<Batch> pending_;
};

}  // namespace stratus::sql::exec
