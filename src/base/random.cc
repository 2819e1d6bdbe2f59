#include "base/random.h"

#include "base/check.h"

namespace stratus {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

uint64_t OsSeed() {
  std::random_device device;
  return (static_cast<uint64_t>(device()) << 32) ^ device();
}

}  // namespace

IdGenerator::IdGenerator() : engine_(OsSeed()) {}

IdGenerator::IdGenerator(uint64_t seed) : engine_(seed) {}

uint64_t IdGenerator::Next() {
  std::lock_guard lock(mu_);
  return engine_();
}

uint64_t IdGenerator::Uniform(uint64_t bound) {
  STRATUS_CHECK(bound > 0, "Uniform bound must be positive");
  return Next() % bound;
}

std::string IdGenerator::Uuid() {
  uint64_t high = Next();
  uint64_t low = Next();
  high = (high & ~uint64_t{0xF000}) | uint64_t{0x4000};          // Version 4.
  low = (low & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);  // Variant 10xx.
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 32; ++i) {
    const uint64_t word = i < 16 ? high : low;
    const int shift = 60 - 4 * (i % 16);
    out.push_back(kHexDigits[(word >> shift) & 0xF]);
    if (i == 7 || i == 11 || i == 15 || i == 19) {
      out.push_back('-');
    }
  }
  return out;
}

std::string IdGenerator::Hex(size_t num_bytes) {
  std::string out;
  out.reserve(num_bytes * 2);
  uint64_t word = 0;
  for (size_t i = 0; i < num_bytes; ++i) {
    if (i % 8 == 0) {
      word = Next();
    }
    const auto byte = static_cast<uint8_t>(word >> (8 * (i % 8)));
    out.push_back(kHexDigits[byte >> 4]);
    out.push_back(kHexDigits[byte & 0xF]);
  }
  return out;
}

}  // namespace stratus
