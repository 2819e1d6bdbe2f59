#include "sql/exec/memory_budget.h"

#include <algorithm>
#include <cstdio>

#include <unistd.h>

#include "sql/types/sql_error.h"
#include "sql/vector/string_view.h"

namespace stratus::sql::exec {

Status MemoryBudget::Reserve(size_t bytes) {
  size_t used = used_.load(std::memory_order_relaxed);
  while (true) {
    if (used + bytes > limit_) {
      return SqlError(kExceededMemoryLimit,
                      "Query exceeded per-node memory limit of " + SuccinctBytes(limit_));
    }
    if (used_.compare_exchange_weak(used, used + bytes, std::memory_order_relaxed)) {
      return Status::Ok();
    }
  }
}

void MemoryBudget::Release(size_t bytes) {
  used_.fetch_sub(bytes, std::memory_order_relaxed);
}

size_t MemoryBudget::DefaultLimit() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) {
    return size_t{4} << 30;
  }
  return static_cast<size_t>(pages) * static_cast<size_t>(page_size) / 2;
}

std::string SuccinctBytes(size_t bytes) {
  static constexpr const char* kUnits[] = {"B", "kB", "MB", "GB", "TB", "PB"};
  auto value = static_cast<double>(bytes);
  size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  if (value == static_cast<double>(static_cast<uint64_t>(value))) {
    std::snprintf(text, sizeof(text), "%llu%s", static_cast<unsigned long long>(value),
                  kUnits[unit]);
  } else {
    std::snprintf(text, sizeof(text), "%.2f%s", value, kUnits[unit]);
  }
  return text;
}

size_t EstimatedBytes(const Batch& batch) {
  size_t bytes = 0;
  for (const Vector& column : batch.columns()) {
    bytes += batch.num_rows() * std::max<size_t>(PhysicalTypeWidth(column.physical_type()), 8);
    if (column.encoding() == VectorEncoding::kFlat &&
        column.physical_type() == PhysicalType::kString) {
      const StringView* values = column.values<StringView>();
      for (size_t i = 0; i < batch.num_rows(); ++i) {
        bytes += values[i].is_inline() ? 0 : values[i].size();
      }
    }
  }
  return bytes;
}

MemoryReservation::~MemoryReservation() {
  if (budget_ != nullptr && bytes_ > 0) {
    budget_->Release(bytes_);
  }
}

Status MemoryReservation::Resize(size_t bytes) {
  if (budget_ == nullptr) {
    bytes_ = bytes;
    return Status::Ok();
  }
  if (bytes > bytes_) {
    STRATUS_RETURN_IF_ERROR(budget_->Reserve(bytes - bytes_));
  } else {
    budget_->Release(bytes_ - bytes);
  }
  bytes_ = bytes;
  return Status::Ok();
}

}  // namespace stratus::sql::exec
