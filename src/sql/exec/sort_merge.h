#pragma once

// SortMergeSource: the k-way merge of sorted runs — a sort's runs spilled to
// disk and the rows it still holds — into one sorted stream. Every run is a
// Source of batches whose columns are the data columns followed by the
// evaluated sort keys (SortBuffer::FinishWithKeys()); the merge compares the
// keys (NULLS FIRST/LAST per key) and emits batches of the data columns only,
// at most kBatchRows rows each, stopping after `limit` rows.
//
// Ownership: owns the runs. Thread safety: one driver (the merged order is
// the output's order).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "sql/exec/operator.h"
#include "sql/exec/row_compare.h"
#include "sql/planner/logical_plan.h"

namespace stratus::sql::exec {

/// A Source over batches already in memory.
class BatchVectorSource final : public Source {
 public:
  explicit BatchVectorSource(std::vector<Batch> batches) : batches_(std::move(batches)) {}

  Result<bool> Next(Batch* out) override;

 private:
  std::vector<Batch> batches_;
  size_t next_ = 0;
};

class SortMergeSource final : public Source {
 public:
  /// REQUIRES: `keys` outlives the source.
  SortMergeSource(std::vector<std::unique_ptr<Source>> runs,
                  std::vector<LogicalType> data_types,
                  const std::vector<plan::SortKey>& keys,
                  std::optional<uint64_t> limit);
  ~SortMergeSource() override;

  Result<bool> Next(Batch* out) override;

 private:
  struct Cursor {
    std::unique_ptr<Source> run;
    Batch batch;
    size_t row = 0;
    bool done = false;
    int held = -1;  // Index of `batch` in the output being built, or -1.
  };

  // Loads a cursor's next non-empty batch; marks it done at the end.
  Status Load(Cursor& cursor);
  // True when cursor a's current row sorts before cursor b's.
  bool Before(size_t a, size_t b) const;

  std::vector<Cursor> cursors_;
  std::vector<LogicalType> data_types_;
  const std::vector<plan::SortKey>& keys_;
  std::vector<RowCompareFn> compare_;
  std::optional<uint64_t> limit_left_;
  std::vector<size_t> heap_;  // Cursor indices, a binary heap by Before().
  bool started_ = false;
};

}  // namespace stratus::sql::exec
