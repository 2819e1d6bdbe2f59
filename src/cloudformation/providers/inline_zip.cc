#include "cloudformation/providers/inline_zip.h"

#include <cstdint>

#include <zlib.h>

namespace stratus::cloudformation {
namespace {

void Put16(std::string& out, uint16_t value) {
  out.push_back(static_cast<char>(value & 0xff));
  out.push_back(static_cast<char>(value >> 8));
}

void Put32(std::string& out, uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

// 1980-01-01 00:00 in MS-DOS time and date: the archive is deterministic.
constexpr uint16_t kDosTime = 0;
constexpr uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr uint16_t kVersionMadeByUnix = (3 << 8) | 20;
constexpr uint16_t kVersionNeeded = 20;
constexpr uint32_t kUnixMode = 0100644;

}  // namespace

std::string ZipSingleFile(std::string_view name, std::string_view contents) {
  const uint32_t crc = static_cast<uint32_t>(crc32(
      0L, reinterpret_cast<const Bytef*>(contents.data()), static_cast<uInt>(contents.size())));
  const auto size = static_cast<uint32_t>(contents.size());
  const auto name_length = static_cast<uint16_t>(name.size());
  std::string zip;
  // Local file header.
  Put32(zip, 0x04034b50);
  Put16(zip, kVersionNeeded);
  Put16(zip, 0);  // Flags.
  Put16(zip, 0);  // Stored.
  Put16(zip, kDosTime);
  Put16(zip, kDosDate);
  Put32(zip, crc);
  Put32(zip, size);
  Put32(zip, size);
  Put16(zip, name_length);
  Put16(zip, 0);  // Extra field length.
  zip.append(name);
  zip.append(contents);
  // Central directory.
  const auto directory_offset = static_cast<uint32_t>(zip.size());
  Put32(zip, 0x02014b50);
  Put16(zip, kVersionMadeByUnix);
  Put16(zip, kVersionNeeded);
  Put16(zip, 0);
  Put16(zip, 0);
  Put16(zip, kDosTime);
  Put16(zip, kDosDate);
  Put32(zip, crc);
  Put32(zip, size);
  Put32(zip, size);
  Put16(zip, name_length);
  Put16(zip, 0);  // Extra field length.
  Put16(zip, 0);  // Comment length.
  Put16(zip, 0);  // Disk number.
  Put16(zip, 0);  // Internal attributes.
  Put32(zip, kUnixMode << 16);
  Put32(zip, 0);  // Local header offset.
  zip.append(name);
  const auto directory_size = static_cast<uint32_t>(zip.size() - directory_offset);
  // End of central directory.
  Put32(zip, 0x06054b50);
  Put16(zip, 0);
  Put16(zip, 0);
  Put16(zip, 1);
  Put16(zip, 1);
  Put32(zip, directory_size);
  Put32(zip, directory_offset);
  Put16(zip, 0);
  return zip;
}

}  // namespace stratus::cloudformation
