#include "sql/vector/buffer.h"

#include <cstring>

namespace stratus::sql {

Buffer::Buffer(size_t size)
    : bytes_(std::make_unique_for_overwrite<uint8_t[]>(size == 0 ? 1 : size)), size_(size) {}

std::shared_ptr<Buffer> Buffer::Allocate(size_t size) {
  return std::shared_ptr<Buffer>(new Buffer(size));  // STRATUS_LINT_ALLOW(private constructor)
}

std::shared_ptr<Buffer> Buffer::AllocateZeroed(size_t size) {
  std::shared_ptr<Buffer> buffer = Allocate(size);
  std::memset(buffer->data(), 0, size);
  return buffer;
}

}  // namespace stratus::sql
