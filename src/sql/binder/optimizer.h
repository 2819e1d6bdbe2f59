#pragma once

// The optimizer: rewrites a bound plan (binder.h) into one the executor runs
// well. Rules, in order:
//   1. Predicate push-down: filters split into conjuncts and move through
//      projections (inlined), sorts, group keys and joins to the scans;
//      trees of inner and cross joins are reordered greedily so that each
//      join has an equality with what is joined so far (comma joins with
//      WHERE equalities never build cross products); equalities between
//      the two sides become equi-join keys.
//   2. Partition pruning: conjuncts over partition keys are evaluated per
//      partition at plan time (ScanNode::partitions keeps the survivors).
//   3. Projection pruning: every node keeps only the columns something
//      above reads, down to ScanNode::table_columns.
//   4. Limits: Sort + Limit becomes a top-N (SortNode::limit); a limit right
//      above a scan caps the scan.
//
// Thread safety: pure functions of their arguments.

#include <functional>
#include <optional>

#include "base/result.h"
#include "sql/binder/binder.h"
#include "sql/planner/logical_plan.h"

namespace stratus::sql::binder {

/// Returns the bytes a scan will read, when the caller can tell (the engine
/// lists the table's files); nullopt when unknown.
using ScanSizer = std::function<std::optional<double>(const plan::ScanNode& scan)>;

struct OptimizerOptions {
  /// Evaluates constant expressions (partition pruning); null: no pruning.
  ConstantFolder folder = nullptr;
  /// Sizes scans so that the largest input of a join tree is the probe side
  /// (the executor builds hash tables on the right); null: FROM order.
  ScanSizer scan_size = nullptr;
};

/// Returns an estimate of a plan's output size (in scanned bytes), or nullopt.
std::optional<double> EstimateSize(const plan::Node& node, const OptimizerOptions& options);

/// Returns the optimized plan; its root has the same columns as `root`.
Result<plan::NodePtr> Optimize(const plan::NodePtr& root, const OptimizerOptions& options);

}  // namespace stratus::sql::binder
