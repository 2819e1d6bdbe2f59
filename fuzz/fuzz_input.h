#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace stratus::fuzz {

/// Reads a fuzz input front to back: small numbers that choose options, then
/// the rest as the payload. Reading past the end yields zeros and empty views,
/// so every input, however short, is a valid one.
///
/// Thread safety: none; one fuzz iteration owns it.
class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size) : rest_(reinterpret_cast<const char*>(data), size) {}

  /// Returns the next byte, or 0 at the end.
  uint8_t Byte() {
    if (rest_.empty()) {
      return 0;
    }
    const auto byte = static_cast<uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return byte;
  }

  /// Returns the next two bytes as a little-endian number.
  uint16_t Uint16() {
    const uint16_t low = Byte();
    return static_cast<uint16_t>(low | (Byte() << 8));
  }

  /// Returns the next line (up to '\n', which is consumed but not returned).
  std::string_view Line() {
    const size_t newline = rest_.find('\n');
    const std::string_view line = rest_.substr(0, newline);
    rest_.remove_prefix(newline == std::string_view::npos ? rest_.size() : newline + 1);
    return line;
  }

  /// Returns everything not read yet, and reads it.
  std::string_view Rest() {
    const std::string_view rest = rest_;
    rest_ = {};
    return rest;
  }

 private:
  std::string_view rest_;
};

}  // namespace stratus::fuzz
