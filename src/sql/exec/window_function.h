#pragma once

// Window functions over materialised rows. A call's rows are ordered by its
// PARTITION BY keys, then its ORDER BY keys (one stable sort of row
// indices); partitions are the runs of equal partition keys, peers the runs
// of equal order keys within them. Ranking functions read the positions;
// lag/lead and first/last/nth_value pick rows; aggregates run over the
// frame: the default frame (RANGE UNBOUNDED PRECEDING to CURRENT ROW) and
// ROWS UNBOUNDED PRECEDING to CURRENT ROW as running aggregates, a whole
// partition once, and other frames by recomputing each row's frame. RANGE
// frames with offsets (one numeric, date or timestamp ORDER BY key) find
// their bounds by binary search over the sorted keys; GROUPS frames are
// counted in peer groups.
//
// Thread safety: pure functions.

#include <cstddef>
#include <vector>

#include "base/result.h"
#include "sql/planner/logical_plan.h"
#include "sql/vector/batch.h"

namespace stratus::sql::functions {
struct FunctionContext;
}  // namespace stratus::sql::functions

namespace stratus::sql::exec {

/// Computes `call` over every row of `batches` (num_rows in all) and returns
/// its result as one flat vector in the batches' row order.
Result<Vector> EvaluateWindowCall(const plan::WindowCall& call,
                                  const std::vector<Batch>& batches,
                                  size_t num_rows,
                                  const functions::FunctionContext& context);

}  // namespace stratus::sql::exec
