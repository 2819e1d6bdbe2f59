#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "sql/vector/string_view.h"

namespace stratus::sql {

class Buffer;

/// An append-only arena for the bytes of non-inline strings. Bytes never move
/// once added, so StringViews may point at them for as long as the heap
/// lives; vectors hold heaps through std::shared_ptr (Vector::heap()), and a
/// vector whose views are copied into another passes its heaps on.
///
/// Thread safety: Add() from one thread at a time; the stored bytes may be
/// read from any thread.
class StringHeap {
 public:
  StringHeap() = default;
  StringHeap(const StringHeap&) = delete;
  StringHeap& operator=(const StringHeap&) = delete;

  /// Returns a view of a copy of `bytes` (inline ones are not copied to the heap).
  StringView Add(std::string_view bytes);

  /// Returns `size` bytes to write into; they stay valid for the heap's life.
  char* Allocate(size_t size);

  /// Returns the bytes held (the sum of the block sizes).
  size_t allocated_bytes() const { return allocated_bytes_; }

 private:
  static constexpr size_t kBlockBytes = 64 * 1024;

  std::vector<std::shared_ptr<Buffer>> blocks_;
  char* free_ = nullptr;
  size_t free_bytes_ = 0;
  size_t allocated_bytes_ = 0;
};

}  // namespace stratus::sql
