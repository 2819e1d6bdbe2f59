#pragma once

// GroupTable: the hash table of aggregation, DISTINCT and set operations.
// Open addressing with linear probing over 64-bit slots: the upper 32 bits
// of a slot are the upper bits of the key's hash (the tag: most mismatches
// are rejected without touching the keys), the lower 32 bits the group
// number + 1 (0 is an empty slot). The table stays at most half full.
//
// Groups are numbered densely in insertion order. Their keys live in one flat
// vector per key column that owns its strings' bytes (never a scan's
// buffer); each group has `state_size` bytes of payload (aggregate states,
// counters) in blocks that never move, so state pointers stay valid as the
// table grows.
//
// Ownership: owns keys, states and slots. Thread safety: none; one driver
// owns a table (parallel drivers build their own and Merge() at the end).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "sql/exec/row_compare.h"
#include "sql/types/logical_type.h"
#include "sql/vector/vector.h"

namespace stratus::sql::exec {

class GroupTable {
 public:
  /// `state_size` bytes of payload per group (rounded up to 16), zeroed when
  /// the group is made; the caller initializes them (see new_groups).
  GroupTable(std::vector<LogicalType> key_types, size_t state_size);
  ~GroupTable();
  GroupTable(const GroupTable&) = delete;
  GroupTable& operator=(const GroupTable&) = delete;

  /// Finds or makes the group of each of `rows` rows of `keys` (one vector
  /// per key column, any encoding) and writes its number to groups[i].
  /// Appends the numbers of groups made by this call to *new_groups (may be null).
  void FindOrInsert(const std::vector<Vector>& keys,
                    size_t rows,
                    uint32_t* groups,
                    std::vector<uint32_t>* new_groups);

  size_t num_groups() const { return num_groups_; }

  /// The key columns: flat vectors of num_groups() rows.
  const std::vector<Vector>& keys() const { return keys_; }

  uint8_t* state(uint32_t group) {
    return blocks_[group / kGroupsPerBlock].get() + (group % kGroupsPerBlock) * state_stride_;
  }

  /// Bytes held (slots, keys, states), for the memory budget.
  size_t memory_bytes() const;

 private:
  static constexpr size_t kGroupsPerBlock = 4096;

  void Grow();
  uint32_t NewGroup(uint64_t hash);

  std::vector<LogicalType> key_types_;
  std::vector<RowEqualFn> equal_;
  size_t state_stride_;
  std::vector<uint64_t> slots_;
  uint64_t mask_ = 0;
  std::vector<uint64_t> hashes_;  // Per group, for Grow().
  std::vector<Vector> keys_;
  std::vector<std::unique_ptr<uint8_t[]>> blocks_;
  size_t num_groups_ = 0;
  size_t key_bytes_ = 0;
};

}  // namespace stratus::sql::exec
