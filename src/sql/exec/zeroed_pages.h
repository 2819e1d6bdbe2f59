#pragma once

// ZeroedPages: a zero-filled byte buffer for the engine's big hash tables.
// Buffers from kMapThreshold up are anonymous memory mappings: the kernel
// hands them out zeroed (no memset), only the pages written become resident
// (a table's half-used last block costs what it holds), and destruction
// returns them to the system at once, whichever thread frees them (memory
// freed into another thread's malloc arena would stay resident while this
// thread's table grows). Smaller buffers come from the heap, zeroed. Mapped
// buffers from kHugePageThreshold up ask for transparent huge pages.
//
// Ownership: owns its bytes; move-only. Thread safety: none (a plain buffer).

#include <cstddef>
#include <cstdint>
#include <memory>

namespace stratus::sql::exec {

class ZeroedPages {
 public:
  /// Buffers of at least this many bytes are mapped; smaller ones are heap memory.
  static constexpr size_t kMapThreshold = size_t{64} * 1024;
  /// Mapped buffers of at least this many bytes are advised to use huge pages.
  static constexpr size_t kHugePageThreshold = size_t{4} * 1024 * 1024;

  ZeroedPages() = default;
  /// How a mapped buffer's pages come in.
  enum class Fill : uint8_t {
    kOnFirstTouch,  // One page fault per page, as the pages are written.
    kNow,           // All at once (MAP_POPULATE): for buffers about to be filled.
  };

  /// Allocates `bytes` zero bytes; falls back to the heap when no mapping
  /// can be made (and fails as operator new does when that has no memory).
  explicit ZeroedPages(size_t bytes, Fill fill = Fill::kOnFirstTouch);
  ~ZeroedPages();
  ZeroedPages(ZeroedPages&& other) noexcept;
  ZeroedPages& operator=(ZeroedPages&& other) noexcept;
  ZeroedPages(const ZeroedPages&) = delete;
  ZeroedPages& operator=(const ZeroedPages&) = delete;

  uint8_t* data() const { return data_; }

  size_t size() const { return size_; }

 private:
  void Release();

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  std::unique_ptr<uint8_t[]> heap_;  // Set for buffers below kMapThreshold.
};

}  // namespace stratus::sql::exec
