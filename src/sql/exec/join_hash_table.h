#pragma once

// JoinHashTable: the build side of a hash join, built once from every build
// driver's rows and then probed by every probe driver at once. The rows are
// concatenated into flat columns (strings keep pointing into the buffers they
// were read into); the table chains rows with equal bucket: heads_[bucket]
// and next_[row] hold row + 1 (0 ends a chain), and each row's 64-bit hash is
// kept so that a probe compares keys only on equal hashes. Rows with a NULL
// key are kept (outer joins emit them) but not chained. A join without
// equi-keys chains every row together (a nested loop over the build side).
//
// Ownership: owns its columns and chains. Thread safety: immutable after
// Build(); MarkMatched()/matched() are atomic (right and full joins).

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "sql/exec/row_compare.h"
#include "sql/vector/vector.h"

namespace stratus::sql::exec {

class JoinHashTable {
 public:
  static constexpr uint32_t kEnd = 0xffffffffU;

  /// Builds over `columns` (the build side's rows, flat, `rows` each) keyed
  /// by `keys` (flat, `rows` each; none for a nested-loop join).
  JoinHashTable(std::vector<Vector> columns, std::vector<Vector> keys, size_t rows);
  ~JoinHashTable();
  JoinHashTable(const JoinHashTable&) = delete;
  JoinHashTable& operator=(const JoinHashTable&) = delete;

  size_t num_rows() const { return num_rows_; }

  const std::vector<Vector>& columns() const { return columns_; }

  const std::vector<Vector>& keys() const { return keys_; }

  /// True when some build row has a NULL key (NOT IN's rules).
  bool has_null_key() const { return has_null_key_; }

  /// The first row whose hash falls in `hash`'s bucket, or kEnd.
  uint32_t First(uint64_t hash) const { return heads_.empty() ? kEnd : heads_[hash & mask_] - 1; }

  /// Asks the CPU to fetch `hash`'s bucket (probes prefetch a batch ahead).
  void PrefetchBucket(uint64_t hash) const {
    if (!heads_.empty()) {
      __builtin_prefetch(&heads_[hash & mask_]);
    }
  }

  /// Asks the CPU to fetch what comparing with `row` reads first.
  void PrefetchRow(uint32_t row) const {
    __builtin_prefetch(&hashes_[row]);
    if (first_key_width_ > 0) {
      __builtin_prefetch(key_views_[0].values + row * first_key_width_);
    }
  }

  /// The next row of `row`'s chain, or kEnd.
  uint32_t Next(uint32_t row) const { return next_[row] - 1; }

  uint64_t hash(uint32_t row) const { return hashes_[row]; }

  /// True when build row `row`'s keys equal probe row `probe_row` of
  /// `probe_keys` (views of the probe's flat key vectors).
  bool KeysEqual(const std::vector<ColumnView>& probe_keys, size_t probe_row, uint32_t row) const {
    for (size_t c = 0; c < key_views_.size(); ++c) {
      if (!equal_[c](probe_keys[c], probe_row, key_views_[c], row)) {
        return false;
      }
    }
    return true;
  }

  void MarkMatched(uint32_t row) { matched_[row].store(1, std::memory_order_relaxed); }

  bool matched(uint32_t row) const { return matched_[row].load(std::memory_order_relaxed) != 0; }

  /// Bytes held, for the memory budget.
  size_t memory_bytes() const;

 private:
  std::vector<Vector> columns_;
  std::vector<Vector> keys_;
  std::vector<ViewEqualFn> equal_;
  std::vector<ColumnView> key_views_;
  size_t first_key_width_ = 0;  // 0: no first key, or a nested one.
  size_t num_rows_;
  bool has_null_key_ = false;
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> heads_;
  std::vector<uint32_t> next_;
  uint64_t mask_ = 0;
  std::unique_ptr<std::atomic<uint8_t>[]> matched_;
};

}  // namespace stratus::sql::exec
