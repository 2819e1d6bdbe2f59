#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::io {
class RandomAccessFile;
}  // namespace stratus::io

namespace stratus::s3 {

/// One piece of an object's bytes: inline bytes, or a range of an open blob.
struct ObjectPiece {
  std::string_view bytes = {};                 // When file is null.
  const io::RandomAccessFile* file = nullptr;  // Owned by the reader.
  uint64_t offset = 0;                         // In the file.
  uint64_t length = 0;
};

/// An object's bytes, opened: inline bytes, or its blobs in order. Blobs
/// stay readable while the reader lives, even if the object is deleted
/// meanwhile (the files are open).
///
/// Thread safety: const methods are safe from any thread.
class ObjectReader {
 public:
  /// A reader of inline bytes.
  explicit ObjectReader(std::string bytes);
  /// A reader of blobs, in order.
  explicit ObjectReader(std::vector<std::unique_ptr<io::RandomAccessFile>> files);
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;
  ~ObjectReader();

  uint64_t size() const { return size_; }

  /// Reads up to out.size() bytes at `offset`; fewer only at the end.
  Result<size_t> ReadAt(uint64_t offset, std::span<char> out) const;

  /// Returns the pieces that cover [first, first + length), in order.
  /// REQUIRES: first + length <= size().
  std::vector<ObjectPiece> Pieces(uint64_t first, uint64_t length) const;

 private:
  std::string bytes_;
  std::vector<std::unique_ptr<io::RandomAccessFile>> files_;
  std::vector<uint64_t> starts_;  // Offset of each file within the object.
  uint64_t size_ = 0;
};

}  // namespace stratus::s3
