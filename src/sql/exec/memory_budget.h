#pragma once

// MemoryBudget: the bytes that operators holding rows (hash tables, sort
// buffers, join builds, materialised inputs) may use, shared by every plan
// an executor runs. An operator holds a MemoryReservation and resizes it as
// it grows; a resize past the budget fails with EXCEEDED_LOCAL_MEMORY_LIMIT
// ("Query exceeded per-node memory limit of 1GB"), and the reservation is
// returned when the operator is destroyed.
//
// Thread safety: MemoryBudget is safe from any thread (one atomic counter);
// a MemoryReservation belongs to one driver.

#include <atomic>
#include <cstddef>
#include <string>

#include "base/status.h"
#include "sql/vector/batch.h"

namespace stratus::sql::exec {

class MemoryBudget {
 public:
  explicit MemoryBudget(size_t limit_bytes) : limit_(limit_bytes) {}

  MemoryBudget(const MemoryBudget&) = delete;
  MemoryBudget& operator=(const MemoryBudget&) = delete;

  /// Takes `bytes` from the budget, or fails (taking nothing) when that would exceed it.
  Status Reserve(size_t bytes);
  void Release(size_t bytes);

  size_t used() const { return used_.load(std::memory_order_relaxed); }

  size_t limit() const { return limit_; }

  /// Returns half the machine's physical memory (the default budget).
  static size_t DefaultLimit();

 private:
  const size_t limit_;
  std::atomic<size_t> used_{0};
};

/// Returns an estimate of the bytes a batch holds (values and out-of-line strings).
size_t EstimatedBytes(const Batch& batch);

/// Returns a byte count as Trino prints data sizes: "512B", "10MB", "1.5GB".
std::string SuccinctBytes(size_t bytes);

/// One operator's share of a MemoryBudget (see the essay above).
class MemoryReservation {
 public:
  /// `budget` may be null (nothing is counted).
  explicit MemoryReservation(MemoryBudget* budget) : budget_(budget) {}

  ~MemoryReservation();
  MemoryReservation(const MemoryReservation&) = delete;
  MemoryReservation& operator=(const MemoryReservation&) = delete;

  /// Grows or shrinks the reservation to `bytes`.
  Status Resize(size_t bytes);

  /// Grows the reservation by `bytes`.
  Status Grow(size_t bytes) { return Resize(bytes_ + bytes); }

  size_t bytes() const { return bytes_; }

 private:
  MemoryBudget* budget_;
  size_t bytes_ = 0;
};

}  // namespace stratus::sql::exec
