#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace stratus::sql {

/// A string value in a vector: 16 bytes, as in Umbra, Velox and DuckDB.
///
///   bytes 0-3    length (uint32)
///   bytes 4-7    the first 4 bytes (the prefix), zero-padded
///   bytes 8-15   the next 8 bytes when length <= 12 (the string is inline),
///                else a pointer to all `length` bytes
///
/// Comparisons and hashing mostly touch the 16 bytes. A non-inline view does
/// not own its bytes: they live in a string heap or a scan buffer that the
/// vector holding the view keeps alive (Vector::KeepAlive).
///
/// The constructor and comparisons are defined here because every scan and
/// string kernel calls them per value.
///
/// Thread safety: a value type.
class StringView {
 public:
  static constexpr uint32_t kInlineLimit = 12;

  /// Constructs the empty string.
  StringView() = default;

  /// Views `size` bytes at `data`: copies them when size <= 12, else points at them.
  StringView(const char* data, uint32_t size) : size_(size) {
    if (size <= kInlineLimit) {
      if (size > 0) {
        std::memcpy(bytes_, data, size);
      }
    } else {
      std::memcpy(bytes_, data, 4);
      std::memcpy(bytes_ + 4, &data, sizeof(data));
    }
  }

  explicit StringView(std::string_view text)
      : StringView(text.data(), static_cast<uint32_t>(text.size())) {}

  uint32_t size() const { return size_; }

  bool empty() const { return size_ == 0; }

  bool is_inline() const { return size_ <= kInlineLimit; }

  /// Returns the bytes: inside this object when inline, else where the pointer points.
  const char* data() const {
    if (is_inline()) {
      return bytes_;
    }
    const char* pointer = nullptr;
    std::memcpy(&pointer, bytes_ + 4, sizeof(pointer));
    return pointer;
  }

  std::string_view view() const { return std::string_view(data(), size_); }

  friend bool operator==(const StringView& a, const StringView& b) {
    uint64_t head_a = 0;
    uint64_t head_b = 0;
    std::memcpy(&head_a, &a, 8);
    std::memcpy(&head_b, &b, 8);
    if (head_a != head_b) {
      return false;  // Different length or prefix.
    }
    if (a.is_inline()) {
      return std::memcmp(a.bytes_ + 4, b.bytes_ + 4, 8) == 0;
    }
    return std::memcmp(a.data() + 4, b.data() + 4, a.size_ - 4) == 0;
  }

  friend bool operator!=(const StringView& a, const StringView& b) { return !(a == b); }

 private:
  uint32_t size_ = 0;
  char bytes_[12] = {};
};

static_assert(sizeof(StringView) == 16, "StringView must stay 16 bytes");

}  // namespace stratus::sql
