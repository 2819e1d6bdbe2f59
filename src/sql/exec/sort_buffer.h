#pragma once

// SortBuffer: ORDER BY [LIMIT n]. Each driver buffers its input with the
// evaluated sort keys beside it; at the end the buffers are absorbed into
// one, concatenated into flat columns and sorted by an index permutation
// (ties keep input order, so the sort is stable), NULLS FIRST/LAST per key.
// With a limit (top-N) a buffer that grows past a few times the limit sorts
// itself and keeps only the first `limit` rows.
//
// Ownership: owns the buffered batches; borrows keys and context.
// Thread safety: none; one driver at a time.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "base/result.h"
#include "sql/planner/logical_plan.h"
#include "sql/vector/batch.h"

namespace stratus::sql::functions {
struct FunctionContext;
}  // namespace stratus::sql::functions

namespace stratus::sql::exec {

/// Returns the order of `rows` rows sorted by `keys` (flat vectors, one per
/// sort key); ties keep their input order. With a limit only the first
/// `limit` positions are returned.
std::vector<uint32_t> SortedOrder(const std::vector<Vector>& keys,
                                  const std::vector<plan::SortKey>& specs,
                                  size_t rows,
                                  std::optional<uint64_t> limit);

class SortBuffer {
 public:
  /// REQUIRES: `keys` and `context` outlive the buffer.
  SortBuffer(const std::vector<plan::SortKey>& keys,
             std::optional<uint64_t> limit,
             std::vector<LogicalType> input_types,
             const functions::FunctionContext* context);

  Status Add(const Batch& input);
  /// Takes over `other`'s rows.
  void Absorb(SortBuffer& other);
  /// Returns the rows in order, in batches of at most kBatchRows.
  std::vector<Batch> Finish();
  /// The same with the evaluated sort keys as extra columns after the
  /// input's (a sorted run to spill or merge).
  std::vector<Batch> FinishWithKeys();

  /// The input's column types followed by the keys' types.
  std::vector<LogicalType> types_with_keys() const;

  size_t num_rows() const { return num_rows_; }

  size_t memory_bytes() const { return memory_bytes_; }

 private:
  // Sorts the buffered rows into one batch (the first `limit` with a limit).
  void Compact();

  const std::vector<plan::SortKey>& keys_;
  std::optional<uint64_t> limit_;
  std::vector<LogicalType> input_types_;
  const functions::FunctionContext* context_;
  // Input columns followed by the evaluated keys.
  std::vector<Batch> batches_;
  size_t num_rows_ = 0;
  size_t memory_bytes_ = 0;
};

}  // namespace stratus::sql::exec
