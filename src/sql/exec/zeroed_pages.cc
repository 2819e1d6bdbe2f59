#include "sql/exec/zeroed_pages.h"

#include <utility>

#include <sys/mman.h>

#include "base/check.h"

namespace stratus::sql::exec {

ZeroedPages::ZeroedPages(size_t bytes) : size_(bytes) {
  if (bytes == 0) {
    return;
  }
  if (bytes < kMapThreshold) {
    heap_ = std::make_unique<uint8_t[]>(bytes);
    data_ = heap_.get();
    return;
  }
  void* mapped = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  STRATUS_CHECK(mapped != MAP_FAILED, "cannot map {} bytes for a hash table", bytes);
  data_ = static_cast<uint8_t*>(mapped);
  if (bytes >= kHugePageThreshold) {
    // Every page of a big buffer (a hash table's slots) gets written, in no
    // order: 2 MiB pages take one fault where 4 KiB pages take 512. Advice
    // only; the buffer works the same without it.
    madvise(mapped, bytes, MADV_HUGEPAGE);
  }
}

ZeroedPages::~ZeroedPages() {
  Release();
}

ZeroedPages::ZeroedPages(ZeroedPages&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      heap_(std::move(other.heap_)) {}

ZeroedPages& ZeroedPages::operator=(ZeroedPages&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    heap_ = std::move(other.heap_);
  }
  return *this;
}

void ZeroedPages::Release() {
  if (data_ != nullptr && heap_ == nullptr) {
    munmap(data_, size_);
  }
  heap_.reset();
  data_ = nullptr;
  size_ = 0;
}

}  // namespace stratus::sql::exec
