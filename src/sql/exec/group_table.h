#pragma once

// GroupTable: the hash table of aggregation, DISTINCT and set operations.
// Open addressing with linear probing over 64-bit slots: the upper 32 bits
// of a slot are the upper 32 bits of the key's hash (the tag: most
// mismatches are rejected without touching the keys), the lower 32 bits the
// group number + 1 (0 is an empty slot). A key's home slot is its tag's low
// bits, so growing rehashes from the slots alone (no hash kept per group).
// The table stays at most half full, and a batch's slots are prefetched
// before it probes them.
//
// Groups are numbered densely in insertion order and stored as rows in
// blocks that never move: a byte per key for NULL, each key's value at its
// natural alignment, narrowest first (strings as StringViews into the
// table's own heap, never a scan's buffer), then `state_size` bytes of
// payload (aggregate states, counters) aligned to 16. So a probe that finds
// its group reads one row, and the update that follows writes the same cache
// lines. Nested keys (arrays, maps, rows) live in a flat vector per column
// instead, indexed by group. Slots and row blocks are ZeroedPages: big ones
// are mapped, so they come zeroed and go back to the system when freed.
//
// Ownership: owns its rows, strings and slots. Thread safety: none; one
// driver owns a table (parallel drivers build their own and merge at the end).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "sql/exec/row_compare.h"
#include "sql/exec/zeroed_pages.h"
#include "sql/types/logical_type.h"
#include "sql/vector/vector.h"

namespace stratus::sql {
class StringHeap;
}  // namespace stratus::sql

namespace stratus::sql::exec {

class GroupTable {
 public:
  /// `state_size` bytes of payload per group, zeroed when the group is made;
  /// the caller initializes them (see new_groups).
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

  /// The same for the rows `rows[0, count)` of an input already flattened
  /// (`input`: views of flat key vectors) and hashed (HashColumn over every
  /// key, per input row); writes groups[rows[i]].
  void FindOrInsertRows(const std::vector<ColumnView>& input,
                        const uint64_t* hashes,
                        const uint32_t* rows,
                        size_t count,
                        uint32_t* groups,
                        std::vector<uint32_t>* new_groups);

  /// Makes room for `groups` groups in all, so that inserting up to that
  /// many does not grow the slots again.
  void Reserve(size_t groups);

  size_t num_groups() const { return num_groups_; }

  size_t num_keys() const { return columns_.size(); }

  /// Returns key column `column` of groups [begin, begin + count) as a flat vector.
  Vector Keys(size_t column, size_t begin, size_t count) const;

  uint8_t* state(uint32_t group) { return Row(group) + state_offset_; }

  /// Bytes held (slots, rows, strings), for the memory budget.
  size_t memory_bytes() const;

  /// Frees the row blocks that hold only groups below `end`, for a table
  /// being drained in group order (a merge that discards it afterwards).
  /// REQUIRES: no group below `end` is probed or read again, and no
  /// FindOrInsert follows.
  void ReleaseRowsBelow(size_t end);

 private:
  static constexpr size_t kBlockShift = 12;
  static constexpr size_t kGroupsPerBlock = size_t{1} << kBlockShift;

  struct Column {
    LogicalType type;
    PhysicalType physical = PhysicalType::kBool;
    size_t offset = 0;  // Of the value within a row.
    bool nested = false;
  };

  uint8_t* Row(uint32_t group) const {
    return blocks_[group >> kBlockShift].data() + (group & (kGroupsPerBlock - 1)) * row_stride_;
  }

  // Rebuilds the slots with at least `min_slots` of them (and at least twice as many).
  void Grow(size_t min_slots);
  uint32_t NewGroup(const std::vector<ColumnView>& input, size_t row);
  bool RowEquals(const std::vector<ColumnView>& input, size_t row, uint32_t group) const;

  std::vector<Column> columns_;
  size_t row_stride_ = 0;
  size_t state_offset_ = 0;
  ZeroedPages slot_pages_;
  uint64_t* slots_ = nullptr;  // In slot_pages_; mask_ + 1 of them.
  uint64_t mask_ = 0;
  std::vector<ZeroedPages> blocks_;
  std::shared_ptr<StringHeap> heap_;
  std::vector<Vector> nested_;  // Per column; used by nested columns only.
  size_t num_groups_ = 0;
};

}  // namespace stratus::sql::exec
