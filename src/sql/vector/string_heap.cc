#include "sql/vector/string_heap.h"

#include <algorithm>
#include <cstring>

#include "sql/vector/buffer.h"

namespace stratus::sql {

char* StringHeap::Allocate(size_t size) {
  if (size > free_bytes_ || free_ == nullptr) {
    const size_t block_size = std::max(kBlockBytes, size);
    blocks_.push_back(Buffer::Allocate(block_size));
    free_ = reinterpret_cast<char*>(blocks_.back()->data());
    free_bytes_ = block_size;
    allocated_bytes_ += block_size;
  }
  char* out = free_;
  free_ += size;
  free_bytes_ -= size;
  return out;
}

StringView StringHeap::Add(std::string_view bytes) {
  if (bytes.size() <= StringView::kInlineLimit) {
    return StringView(bytes);
  }
  char* copy = Allocate(bytes.size());
  std::memcpy(copy, bytes.data(), bytes.size());
  return StringView(copy, static_cast<uint32_t>(bytes.size()));
}

}  // namespace stratus::sql
