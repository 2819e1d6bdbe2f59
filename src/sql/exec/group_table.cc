#include "sql/exec/group_table.h"

#include <cstring>
#include <utility>

#include "sql/exec/row_copy.h"
#include "sql/exec/vector_hash.h"
#include "sql/vector/string_heap.h"

namespace stratus::sql::exec {
namespace {

constexpr size_t kInitialSlots = 1024;

inline uint32_t TagOf(uint64_t hash) {
  return static_cast<uint32_t>(hash >> 32);
}

}  // namespace

GroupTable::GroupTable(std::vector<LogicalType> key_types, size_t state_size)
    : key_types_(std::move(key_types)), state_stride_((state_size + 15) / 16 * 16) {
  if (state_stride_ == 0) {
    state_stride_ = 16;
  }
  for (const LogicalType& type : key_types_) {
    equal_.push_back(RowEqualFor(type.physical_type()));
    keys_.emplace_back(type, 0);
  }
  slots_.assign(kInitialSlots, 0);
  mask_ = kInitialSlots - 1;
}

GroupTable::~GroupTable() = default;

size_t GroupTable::memory_bytes() const {
  size_t bytes =
      slots_.size() * 8 + hashes_.capacity() * 8 + blocks_.size() * kGroupsPerBlock * state_stride_;
  for (const Vector& key : keys_) {
    bytes += key.capacity() * PhysicalTypeWidth(key.physical_type());
  }
  return bytes + key_bytes_;
}

uint32_t GroupTable::NewGroup(uint64_t hash) {
  const auto group = static_cast<uint32_t>(num_groups_);
  if (num_groups_ % kGroupsPerBlock == 0) {
    auto block = std::make_unique<uint8_t[]>(kGroupsPerBlock * state_stride_);
    blocks_.push_back(std::move(block));
  }
  std::memset(state(group), 0, state_stride_);
  hashes_.push_back(hash);
  ++num_groups_;
  return group;
}

void GroupTable::Grow() {
  const size_t capacity = slots_.size() * 2;
  slots_.assign(capacity, 0);
  mask_ = capacity - 1;
  for (size_t group = 0; group < num_groups_; ++group) {
    const uint64_t hash = hashes_[group];
    size_t index = hash & mask_;
    while (slots_[index] != 0) {
      index = (index + 1) & mask_;
    }
    slots_[index] = (static_cast<uint64_t>(TagOf(hash)) << 32) | (group + 1);
  }
}

void GroupTable::FindOrInsert(const std::vector<Vector>& keys,
                              size_t rows,
                              uint32_t* groups,
                              std::vector<uint32_t>* new_groups) {
  std::vector<Vector> flat;
  flat.reserve(keys.size());
  for (const Vector& key : keys) {
    flat.push_back(key.Flatten());
  }
  std::vector<uint64_t> hashes(rows, 0);
  for (size_t c = 0; c < flat.size(); ++c) {
    HashColumn(flat[c], rows, c > 0, hashes.data());
  }
  // Groups made by this call are compared against the input row that made
  // them until their keys are appended at the end.
  const size_t first_new = num_groups_;
  std::vector<uint32_t> made_from;
  for (size_t row = 0; row < rows; ++row) {
    if ((num_groups_ + 1) * 2 > slots_.size()) {
      Grow();
    }
    const uint64_t hash = hashes[row];
    const uint32_t tag = TagOf(hash);
    size_t index = hash & mask_;
    while (true) {
      const uint64_t slot = slots_[index];
      if (slot == 0) {
        const uint32_t group = NewGroup(hash);
        slots_[index] = (static_cast<uint64_t>(tag) << 32) | (group + 1);
        made_from.push_back(static_cast<uint32_t>(row));
        groups[row] = group;
        break;
      }
      if (static_cast<uint32_t>(slot >> 32) == tag) {
        const auto group = static_cast<uint32_t>(slot & 0xffffffffULL) - 1;
        bool equal = true;
        if (group >= first_new) {
          const uint32_t other = made_from[group - first_new];
          for (size_t c = 0; c < flat.size() && equal; ++c) {
            equal = equal_[c](flat[c], row, flat[c], other);
          }
        } else {
          for (size_t c = 0; c < flat.size() && equal; ++c) {
            equal = equal_[c](flat[c], row, keys_[c], group);
          }
        }
        if (equal) {
          groups[row] = group;
          break;
        }
      }
      index = (index + 1) & mask_;
    }
  }
  if (made_from.empty()) {
    return;
  }
  key_bytes_ = 0;
  for (size_t c = 0; c < flat.size(); ++c) {
    AppendRows(flat[c], made_from.data(), made_from.size(), true, &keys_[c]);
    if (keys_[c].physical_type() == PhysicalType::kString) {
      key_bytes_ += keys_[c].heap().allocated_bytes();
    }
  }
  if (new_groups != nullptr) {
    for (size_t i = 0; i < made_from.size(); ++i) {
      new_groups->push_back(static_cast<uint32_t>(first_new + i));
    }
  }
}

}  // namespace stratus::sql::exec
