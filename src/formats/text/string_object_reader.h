#pragma once

#include <algorithm>
#include <cstring>
#include <span>
#include <string>
#include <utility>

#include "lake/object_store.h"

namespace stratus::formats::text {

/// An ObjectReader over bytes in memory: for tests, fuzzing and benchmarks
/// of readers that take a lake::ObjectReader.
///
/// Thread safety: ReadAt() is safe from several threads (the bytes never change).
class StringObjectReader final : public lake::ObjectReader {
 public:
  explicit StringObjectReader(std::string bytes) : bytes_(std::move(bytes)) {}

  uint64_t size() const override { return bytes_.size(); }

  const std::string& etag() const override { return etag_; }

  Result<size_t> ReadAt(uint64_t offset, std::span<char> out) const override {
    if (offset > bytes_.size()) {
      return Status::InvalidArgument("read past the end");
    }
    const size_t n = std::min<size_t>(out.size(), bytes_.size() - offset);
    std::memcpy(out.data(), bytes_.data() + offset, n);
    return n;
  }

 private:
  std::string bytes_;
  std::string etag_ = "\"memory\"";
};

}  // namespace stratus::formats::text
