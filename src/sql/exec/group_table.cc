#include "sql/exec/group_table.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

#include "sql/exec/row_copy.h"
#include "sql/exec/vector_hash.h"
#include "sql/types/int128.h"
#include "sql/types/value.h"
#include "sql/vector/string_heap.h"
#include "sql/vector/string_view.h"

namespace stratus::sql::exec {
namespace {

constexpr size_t kInitialSlots = 1024;

inline uint32_t TagOf(uint64_t hash) {
  return static_cast<uint32_t>(hash >> 32);
}

// The bytes a key's value takes in a row; nested keys take none.
size_t WidthOf(const LogicalType& type) {
  return type.is_nested() ? 0 : PhysicalTypeWidth(type.physical_type());
}

inline bool ValidIn(const ColumnView& view, size_t row) {
  return view.validity == nullptr || ((view.validity[row >> 6] >> (row & 63)) & 1) != 0;
}

template <typename T>
inline bool EqualStored(const ColumnView& input, size_t row, const uint8_t* stored) {
  T value;
  std::memcpy(&value, stored, sizeof(T));
  const T probe = reinterpret_cast<const T*>(input.values)[row];
  if constexpr (std::is_floating_point_v<T>) {
    return probe == value || (std::isnan(probe) && std::isnan(value));
  } else {
    return probe == value;
  }
}

template <typename T>
inline void Store(const ColumnView& input, size_t row, uint8_t* stored) {
  std::memcpy(stored, reinterpret_cast<const T*>(input.values) + row, sizeof(T));
}

template <typename T>
void Load(const uint8_t* const* rows, size_t count, size_t offset, Vector* out) {
  T* values = out->mutable_values<T>();
  for (size_t i = 0; i < count; ++i) {
    std::memcpy(&values[i], rows[i] + offset, sizeof(T));
  }
}

}  // namespace

GroupTable::GroupTable(std::vector<LogicalType> key_types, size_t state_size)
    : heap_(std::make_shared<StringHeap>()) {
  // Values go after one NULL byte per key, narrowest first, each at its
  // natural alignment (at most 8), so that small keys fill the gaps.
  std::vector<size_t> order(key_types.size());
  for (size_t c = 0; c < order.size(); ++c) {
    order[c] = c;
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return WidthOf(key_types[a]) < WidthOf(key_types[b]);
  });
  std::vector<size_t> offsets(key_types.size(), 0);
  size_t offset = key_types.size();
  for (size_t c : order) {
    const size_t width = WidthOf(key_types[c]);
    if (width == 0) {
      continue;
    }
    const size_t align = std::min<size_t>(width, 8);
    offset = (offset + align - 1) / align * align;
    offsets[c] = offset;
    offset += width;
  }
  for (size_t c = 0; c < key_types.size(); ++c) {
    Column column;
    column.physical = key_types[c].physical_type();
    column.nested = key_types[c].is_nested();
    column.offset = offsets[c];
    nested_.emplace_back(column.nested ? Vector(key_types[c], 0) : Vector());
    column.type = std::move(key_types[c]);
    columns_.push_back(std::move(column));
  }
  state_offset_ = (offset + 15) / 16 * 16;
  row_stride_ = std::max<size_t>((state_offset_ + state_size + 15) / 16 * 16, 16);
  slot_pages_ = ZeroedPages(kInitialSlots * sizeof(uint64_t));
  slots_ = reinterpret_cast<uint64_t*>(slot_pages_.data());
  mask_ = kInitialSlots - 1;
}

GroupTable::~GroupTable() = default;

size_t GroupTable::memory_bytes() const {
  // Rows count as written: the unwritten pages of a mapped block are not resident.
  size_t bytes = slot_pages_.size() + num_groups_ * row_stride_ + heap_->allocated_bytes();
  for (const Vector& nested : nested_) {
    bytes += nested.size() * 16;
  }
  return bytes;
}

void GroupTable::ReleaseRowsBelow(size_t end) {
  for (size_t block = 0; block < blocks_.size() && (block + 1) * kGroupsPerBlock <= end; ++block) {
    blocks_[block] = ZeroedPages();
  }
}

uint32_t GroupTable::NewGroup(const std::vector<ColumnView>& input, size_t row) {
  const auto group = static_cast<uint32_t>(num_groups_);
  if (num_groups_ % kGroupsPerBlock == 0) {
    // A table past its first block keeps growing: its next block is filled
    // in one go rather than page by page.
    blocks_.emplace_back(kGroupsPerBlock * row_stride_, blocks_.empty()
                                                            ? ZeroedPages::Fill::kOnFirstTouch
                                                            : ZeroedPages::Fill::kNow);
  }
  uint8_t* target = Row(group);  // Zeroed: rows are written once.
  for (size_t c = 0; c < columns_.size(); ++c) {
    const Column& column = columns_[c];
    if (column.nested) {
      const auto source_row = static_cast<uint32_t>(row);
      AppendRows(*input[c].vector, &source_row, 1, true, &nested_[c]);
      continue;
    }
    if (!ValidIn(input[c], row)) {
      target[c] = 1;
      continue;
    }
    uint8_t* value = target + column.offset;
    switch (column.physical) {
      case PhysicalType::kBool:
      case PhysicalType::kInt8:
        Store<uint8_t>(input[c], row, value);
        break;
      case PhysicalType::kInt16:
        Store<int16_t>(input[c], row, value);
        break;
      case PhysicalType::kInt32:
        Store<int32_t>(input[c], row, value);
        break;
      case PhysicalType::kInt64:
        Store<int64_t>(input[c], row, value);
        break;
      case PhysicalType::kInt128:
        Store<Int128>(input[c], row, value);
        break;
      case PhysicalType::kFloat:
        Store<float>(input[c], row, value);
        break;
      case PhysicalType::kDouble:
        Store<double>(input[c], row, value);
        break;
      case PhysicalType::kString: {
        StringView text = reinterpret_cast<const StringView*>(input[c].values)[row];
        if (!text.is_inline()) {
          text = heap_->Add(text.view());
        }
        std::memcpy(value, &text, sizeof(text));
        break;
      }
      default:
        break;
    }
  }
  ++num_groups_;
  return group;
}

bool GroupTable::RowEquals(const std::vector<ColumnView>& input, size_t row, uint32_t group) const {
  const uint8_t* stored = Row(group);
  for (size_t c = 0; c < columns_.size(); ++c) {
    const Column& column = columns_[c];
    if (column.nested) {
      if (input[c].vector->GetValue(row) != nested_[c].GetValue(group)) {
        return false;
      }
      continue;
    }
    const bool null_in = !ValidIn(input[c], row);
    const bool null_stored = stored[c] != 0;
    if (null_in || null_stored) {
      if (null_in != null_stored) {
        return false;
      }
      continue;
    }
    const uint8_t* value = stored + column.offset;
    bool equal = false;
    switch (column.physical) {
      case PhysicalType::kBool:
      case PhysicalType::kInt8:
        equal = EqualStored<uint8_t>(input[c], row, value);
        break;
      case PhysicalType::kInt16:
        equal = EqualStored<int16_t>(input[c], row, value);
        break;
      case PhysicalType::kInt32:
        equal = EqualStored<int32_t>(input[c], row, value);
        break;
      case PhysicalType::kInt64:
        equal = EqualStored<int64_t>(input[c], row, value);
        break;
      case PhysicalType::kInt128:
        equal = EqualStored<Int128>(input[c], row, value);
        break;
      case PhysicalType::kFloat:
        equal = EqualStored<float>(input[c], row, value);
        break;
      case PhysicalType::kDouble:
        equal = EqualStored<double>(input[c], row, value);
        break;
      case PhysicalType::kString: {
        StringView text;
        std::memcpy(&text, value, sizeof(text));
        equal = reinterpret_cast<const StringView*>(input[c].values)[row] == text;
        break;
      }
      default:
        break;
    }
    if (!equal) {
      return false;
    }
  }
  return true;
}

void GroupTable::Grow(size_t min_slots) {
  size_t capacity = (mask_ + 1) * 2;
  while (capacity < min_slots) {
    capacity *= 2;
  }
  // The rehash below writes all over the new slots: they are mapped at once.
  ZeroedPages pages(capacity * sizeof(uint64_t), ZeroedPages::Fill::kNow);
  auto* slots = reinterpret_cast<uint64_t*>(pages.data());
  const uint64_t mask = capacity - 1;
  for (size_t i = 0; i <= mask_; ++i) {
    const uint64_t slot = slots_[i];
    if (slot == 0) {
      continue;
    }
    size_t index = (slot >> 32) & mask;
    while (slots[index] != 0) {
      index = (index + 1) & mask;
    }
    slots[index] = slot;
  }
  slot_pages_ = std::move(pages);
  slots_ = slots;
  mask_ = mask;
}

void GroupTable::Reserve(size_t groups) {
  if (groups * 2 > mask_ + 1) {
    Grow(groups * 2);
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
  std::vector<ColumnView> input;
  input.reserve(flat.size());
  for (size_t c = 0; c < flat.size(); ++c) {
    HashColumn(flat[c], rows, c > 0, hashes.data());
    input.push_back(ViewOf(flat[c]));
  }
  std::vector<uint32_t> all(rows);
  for (size_t row = 0; row < rows; ++row) {
    all[row] = static_cast<uint32_t>(row);
  }
  FindOrInsertRows(input, hashes.data(), all.data(), rows, groups, new_groups);
}

void GroupTable::FindOrInsertRows(const std::vector<ColumnView>& input,
                                  const uint64_t* hashes,
                                  const uint32_t* rows,
                                  size_t count,
                                  uint32_t* groups,
                                  std::vector<uint32_t>* new_groups) {
  Reserve(num_groups_ + count);
  // Slots are fetched a batch ahead of the probes, so that misses overlap.
  for (size_t i = 0; i < count; ++i) {
    __builtin_prefetch(&slots_[TagOf(hashes[rows[i]]) & mask_]);
  }
  for (size_t i = 0; i < count; ++i) {
    const size_t row = rows[i];
    const uint32_t tag = TagOf(hashes[row]);
    size_t index = tag & mask_;
    while (true) {
      const uint64_t slot = slots_[index];
      if (slot == 0) {
        const uint32_t group = NewGroup(input, row);
        slots_[index] = (static_cast<uint64_t>(tag) << 32) | (group + 1);
        groups[row] = group;
        if (new_groups != nullptr) {
          new_groups->push_back(group);
        }
        break;
      }
      if (static_cast<uint32_t>(slot >> 32) == tag) {
        const auto group = static_cast<uint32_t>(slot & 0xffffffffULL) - 1;
        if (RowEquals(input, row, group)) {
          groups[row] = group;
          break;
        }
      }
      index = (index + 1) & mask_;
    }
  }
}

Vector GroupTable::Keys(size_t column_index, size_t begin, size_t count) const {
  const Column& column = columns_[column_index];
  if (column.nested) {
    return nested_[column_index].Slice(begin, count);
  }
  Vector out(column.type, count);
  out.set_size(count);
  std::vector<const uint8_t*> rows(count);
  for (size_t i = 0; i < count; ++i) {
    rows[i] = Row(static_cast<uint32_t>(begin + i));
  }
  switch (column.physical) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8:
      Load<uint8_t>(rows.data(), count, column.offset, &out);
      break;
    case PhysicalType::kInt16:
      Load<int16_t>(rows.data(), count, column.offset, &out);
      break;
    case PhysicalType::kInt32:
      Load<int32_t>(rows.data(), count, column.offset, &out);
      break;
    case PhysicalType::kInt64:
      Load<int64_t>(rows.data(), count, column.offset, &out);
      break;
    case PhysicalType::kInt128:
      Load<Int128>(rows.data(), count, column.offset, &out);
      break;
    case PhysicalType::kFloat:
      Load<float>(rows.data(), count, column.offset, &out);
      break;
    case PhysicalType::kDouble:
      Load<double>(rows.data(), count, column.offset, &out);
      break;
    case PhysicalType::kString:
      Load<StringView>(rows.data(), count, column.offset, &out);
      out.KeepAlive(heap_);
      break;
    default:
      break;
  }
  for (size_t i = 0; i < count; ++i) {
    if (rows[i][column_index] != 0) {
      out.SetNull(i, true);
    }
  }
  return out;
}

}  // namespace stratus::sql::exec
