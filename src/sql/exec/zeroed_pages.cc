#include "sql/exec/zeroed_pages.h"

#include <utility>

#include <sys/mman.h>

namespace stratus::sql::exec {

ZeroedPages::ZeroedPages(size_t bytes, Fill fill) : size_(bytes) {
  if (bytes == 0) {
    return;
  }
  if (bytes < kMapThreshold) {
    heap_ = std::make_unique<uint8_t[]>(bytes);
    data_ = heap_.get();
    return;
  }
  const bool huge = bytes >= kHugePageThreshold;
  // Populating maps every page in one call: a fault per page costs far more
  // than the zeroing itself, under a hypervisor most of all.
  const int populate = fill == Fill::kNow && !huge ? MAP_POPULATE : 0;
  void* mapped =
      mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | populate, -1, 0);
  if (mapped == MAP_FAILED) {
    // Out of mappings (vm.max_map_count) or of address space: the heap
    // decides, as for small buffers.
    heap_ = std::make_unique<uint8_t[]>(bytes);
    data_ = heap_.get();
    return;
  }
  data_ = static_cast<uint8_t*>(mapped);
  if (huge) {
    // 2 MiB pages take one fault where 4 KiB pages take 512. Advice only:
    // the buffer works the same without it.
    madvise(mapped, bytes, MADV_HUGEPAGE);
    if (fill == Fill::kNow) {
      madvise(mapped, bytes, MADV_POPULATE_WRITE);
    }
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
