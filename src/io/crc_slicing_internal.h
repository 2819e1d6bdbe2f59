#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace stratus::io::internal {

/// Returns `value` with its bits in reverse order: turns a CRC polynomial as
/// catalogues write it (0x04C11DB7) into the reflected form the kernels use.
template <typename T>
requires std::is_unsigned_v<T>

constexpr T ReverseBits(T value) {
  T reversed = 0;
  for (size_t bit = 0; bit < 8 * sizeof(T); ++bit) {
    reversed = static_cast<T>((reversed << 1) | ((value >> bit) & 1));
  }
  return reversed;
}

/// Lookup tables for a reflected (LSB-first) CRC of width 8 * sizeof(T), for
/// slicing-by-16: tables[0] is the classic byte-at-a-time table and tables[k]
/// advances a byte by k further zero bytes. Built at compile time.
template <typename T>
using CrcSlicingTables = std::array<std::array<T, 256>, 16>;

/// Returns the slicing-by-16 tables of the reflected polynomial `reflected_poly`
/// (e.g. 0xEDB88320 for CRC-32).
template <typename T>
requires std::is_unsigned_v<T>

constexpr CrcSlicingTables<T> MakeCrcSlicingTables(T reflected_poly) {
  CrcSlicingTables<T> tables{};
  for (unsigned byte = 0; byte < 256; ++byte) {
    T crc = static_cast<T>(byte);
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc & 1) != 0 ? static_cast<T>((crc >> 1) ^ reflected_poly) : static_cast<T>(crc >> 1);
    }
    tables[0][byte] = crc;
  }
  for (size_t k = 1; k < tables.size(); ++k) {
    for (unsigned byte = 0; byte < 256; ++byte) {
      const T previous = tables[k - 1][byte];
      tables[k][byte] = static_cast<T>((previous >> 8) ^ tables[0][previous & 0xFF]);
    }
  }
  return tables;
}

/// Advances the raw CRC register `state` (no pre- or post-inversion) over
/// `size` bytes at `data`, sixteen bytes per step on little-endian machines.
template <typename T>
T ExtendCrcSlicing(const CrcSlicingTables<T>& tables,
                   T state,
                   const unsigned char* data,
                   size_t size) {
  static_assert(sizeof(T) <= 8);
  if constexpr (std::endian::native == std::endian::little) {
    while (size >= 16) {
      uint64_t first = 0;
      uint64_t second = 0;
      std::memcpy(&first, data, 8);
      std::memcpy(&second, data + 8, 8);
      first ^= state;  // The register (at most 8 bytes) meets the next bytes and is consumed.
      state = tables[15][first & 0xFF] ^ tables[14][(first >> 8) & 0xFF] ^
              tables[13][(first >> 16) & 0xFF] ^ tables[12][(first >> 24) & 0xFF] ^
              tables[11][(first >> 32) & 0xFF] ^ tables[10][(first >> 40) & 0xFF] ^
              tables[9][(first >> 48) & 0xFF] ^ tables[8][first >> 56] ^ tables[7][second & 0xFF] ^
              tables[6][(second >> 8) & 0xFF] ^ tables[5][(second >> 16) & 0xFF] ^
              tables[4][(second >> 24) & 0xFF] ^ tables[3][(second >> 32) & 0xFF] ^
              tables[2][(second >> 40) & 0xFF] ^ tables[1][(second >> 48) & 0xFF] ^
              tables[0][second >> 56];
      data += 16;
      size -= 16;
    }
  }
  for (; size > 0; --size, ++data) {
    state = static_cast<T>((state >> 8) ^ tables[0][(state ^ *data) & 0xFF]);
  }
  return state;
}

}  // namespace stratus::io::internal
