#include "sql/exec/join_hash_table.h"

#include <utility>

#include "sql/exec/vector_hash.h"

namespace stratus::sql::exec {

JoinHashTable::JoinHashTable(std::vector<Vector> columns, std::vector<Vector> keys, size_t rows)
    : columns_(std::move(columns)), keys_(std::move(keys)), num_rows_(rows) {
  for (const Vector& key : keys_) {
    equal_.push_back(ViewEqualFor(key.physical_type()));
    key_views_.push_back(ViewOf(key));
  }
  if (!key_views_.empty() && key_views_[0].values != nullptr) {
    first_key_width_ = PhysicalTypeWidth(keys_[0].physical_type());
  }
  matched_ = std::make_unique<std::atomic<uint8_t>[]>(rows);
  for (size_t i = 0; i < rows; ++i) {
    matched_[i].store(0, std::memory_order_relaxed);
  }
  hashes_.assign(rows, 0);
  for (size_t c = 0; c < keys_.size(); ++c) {
    HashColumn(keys_[c], rows, c > 0, hashes_.data());
  }
  size_t buckets = 16;
  while (buckets < rows * 2) {
    buckets *= 2;
  }
  heads_.assign(buckets, 0);
  mask_ = buckets - 1;
  next_.assign(rows, 0);
  // Inserted from the last row so that chains list rows in input order.
  for (size_t i = rows; i-- > 0;) {
    bool null_key = false;
    for (size_t c = 0; c < keys_.size() && !null_key; ++c) {
      null_key = keys_[c].IsNull(i);
    }
    if (null_key) {
      has_null_key_ = true;
      continue;
    }
    uint32_t& head = heads_[hashes_[i] & mask_];
    next_[i] = head;
    head = static_cast<uint32_t>(i + 1);
  }
}

JoinHashTable::~JoinHashTable() = default;

size_t JoinHashTable::memory_bytes() const {
  size_t bytes = (hashes_.size() * 8) + (heads_.size() + next_.size()) * 4 + num_rows_;
  for (const Vector& column : columns_) {
    bytes += column.capacity() * PhysicalTypeWidth(column.physical_type());
  }
  for (const Vector& key : keys_) {
    bytes += key.capacity() * PhysicalTypeWidth(key.physical_type());
  }
  return bytes;
}

}  // namespace stratus::sql::exec
