#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::lambda {

/// One file of a zip archive, as its central directory lists it.
struct ZipEntry {
  std::string name = {};
  uint16_t method = 0;  // 0 stored, 8 deflated.
  uint32_t crc32 = 0;
  uint64_t compressed_size = 0;
  uint64_t size = 0;
  uint64_t local_header_offset = 0;
  uint32_t unix_mode = 0;  // 0 when the archive was not made on Unix.
};

/// Reads a zip archive held in memory (a Lambda deployment package): the
/// central directory, then each entry's data, stored or deflated (zlib).
/// Zip64, encryption and multi-disk archives are rejected as
/// InvalidArgument, as are entries whose names escape the archive root
/// (absolute paths, ".." segments).
///
/// Thread safety: immutable after Open(); the bytes must outlive it.
class ZipArchive {
 public:
  static Result<ZipArchive> Open(std::string_view bytes);

  const std::vector<ZipEntry>& entries() const { return entries_; }

  /// Returns the entry's uncompressed bytes (checks size and CRC-32).
  Result<std::string> Read(const ZipEntry& entry) const;

  /// Writes every entry under `directory` (created if needed), keeping the
  /// Unix permission bits (so a `bootstrap` stays executable) and symlinks.
  Status ExtractTo(const std::string& directory) const;

 private:
  explicit ZipArchive(std::string_view bytes) : bytes_(bytes) {}

  std::string_view bytes_;
  std::vector<ZipEntry> entries_;
};

}  // namespace stratus::lambda
