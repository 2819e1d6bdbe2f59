#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace stratus {

/// Makes identifiers: UUIDs for message ids and request ids, random tokens.
/// Tests seed it for repeatable output.
///
/// Thread safety: all methods are safe to call concurrently.
class IdGenerator {
 public:
  /// Seeds from the operating system's entropy source.
  IdGenerator();
  explicit IdGenerator(uint64_t seed);
  IdGenerator(const IdGenerator&) = delete;
  IdGenerator& operator=(const IdGenerator&) = delete;

  /// Returns a random 64-bit value.
  uint64_t Next();

  /// Returns a random value in [0, bound). REQUIRES: bound > 0.
  uint64_t Uniform(uint64_t bound);

  /// Returns a version-4 UUID in lowercase canonical form (8-4-4-4-12).
  std::string Uuid();

  /// Returns `num_bytes` random bytes as lowercase hex.
  std::string Hex(size_t num_bytes);

 private:
  std::mutex mu_;
  std::mt19937_64 engine_;  // Guarded by mu_.
};

}  // namespace stratus
