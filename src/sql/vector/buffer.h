#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace stratus::sql {

/// A fixed-size block of bytes, aligned for any value type (16 bytes), that
/// vectors share through std::shared_ptr: a vector's values, its validity
/// bitmap, a string heap's blocks, or a scan's read buffer that strings point
/// into.
///
/// Thread safety: the bytes are written by one owner before the buffer is
/// shared; reading a shared buffer from several threads is safe.
class Buffer {
 public:
  /// Allocates `size` uninitialized bytes.
  static std::shared_ptr<Buffer> Allocate(size_t size);
  /// Allocates `size` bytes set to zero.
  static std::shared_ptr<Buffer> AllocateZeroed(size_t size);

  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  uint8_t* data() { return bytes_.get(); }

  const uint8_t* data() const { return bytes_.get(); }

  size_t size() const { return size_; }

 private:
  explicit Buffer(size_t size);

  std::unique_ptr<uint8_t[]> bytes_;
  size_t size_;
};

}  // namespace stratus::sql
