#include "lambda/zip_archive.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "base/format.h"

namespace stratus::lambda {
namespace {

constexpr uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr uint32_t kCentralDirectoryHeader = 0x02014b50;
constexpr uint32_t kLocalFileHeader = 0x04034b50;
constexpr size_t kEndRecordSize = 22;
constexpr size_t kCentralHeaderSize = 46;
constexpr size_t kLocalHeaderSize = 30;
constexpr size_t kMaxCommentSize = 0xFFFF;
constexpr uint16_t kMethodStored = 0;
constexpr uint16_t kMethodDeflated = 8;
constexpr uint8_t kMadeOnUnix = 3;
// AWS: an unzipped deployment package holds at most 250 MB.
constexpr uint64_t kMaxUnzippedBytes = uint64_t{250} * 1024 * 1024;

Status Malformed(std::string_view what) {
  return Status::InvalidArgument(Format("Could not unzip uploaded file: {}", what));
}

uint16_t Le16(std::string_view bytes, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(bytes[at]) |
                               (static_cast<uint8_t>(bytes[at + 1]) << 8));
}

uint32_t Le32(std::string_view bytes, size_t at) {
  return static_cast<uint32_t>(Le16(bytes, at)) |
         (static_cast<uint32_t>(Le16(bytes, at + 2)) << 16);
}

bool SafeName(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos) {
    return false;
  }
  size_t start = 0;
  while (start <= name.size()) {
    const size_t slash = std::min(name.find('/', start), name.size());
    if (name.substr(start, slash - start) == "..") {
      return false;
    }
    start = slash + 1;
  }
  return true;
}

Result<std::string> Inflate(std::string_view compressed, uint64_t size) {
  std::string out(size, '\0');
  z_stream stream{};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) {
    return Status::Internal("zlib inflateInit2 failed");
  }
  // zlib's API takes non-const pointers; it does not write through next_in.
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = inflate(&stream, Z_FINISH);
  const uint64_t produced = stream.total_out;
  inflateEnd(&stream);
  if (result != Z_STREAM_END || produced != size) {
    return Malformed("corrupt deflate data");
  }
  return out;
}

Status WriteFile(const std::filesystem::path& path, std::string_view data, uint32_t mode) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (file == nullptr) {
    return Status::IoError(Format("cannot create {}", path.string()));
  }
  if (!data.empty() && std::fwrite(data.data(), 1, data.size(), file.get()) != data.size()) {
    return Status::IoError(Format("cannot write {}", path.string()));
  }
  file.reset();
  // AWS: files keep their permission bits; without Unix ones, files are 0644.
  const mode_t permissions = (mode & 0777) != 0 ? (mode & 0777) : 0644;
  if (::chmod(path.c_str(), permissions) != 0) {
    return Status::IoError(Format("cannot chmod {}", path.string()));
  }
  return Status::Ok();
}

}  // namespace

Result<ZipArchive> ZipArchive::Open(std::string_view bytes) {
  if (bytes.size() < kEndRecordSize) {
    return Malformed("too short to be a zip file");
  }
  size_t end = std::string_view::npos;
  const size_t lowest = bytes.size() > kEndRecordSize + kMaxCommentSize
                            ? bytes.size() - kEndRecordSize - kMaxCommentSize
                            : 0;
  for (size_t at = bytes.size() - kEndRecordSize + 1; at-- > lowest;) {
    if (Le32(bytes, at) == kEndOfCentralDirectory) {
      end = at;
      break;
    }
  }
  if (end == std::string_view::npos) {
    return Malformed("no end of central directory");
  }
  const uint16_t num_entries = Le16(bytes, end + 10);
  const uint32_t directory_offset = Le32(bytes, end + 16);
  if (Le16(bytes, end + 4) != 0 || Le16(bytes, end + 6) != 0 || directory_offset == 0xFFFFFFFF) {
    return Malformed("multi-disk and zip64 archives are not supported");
  }
  ZipArchive archive(bytes);
  size_t at = directory_offset;
  uint64_t total = 0;
  for (uint16_t i = 0; i < num_entries; ++i) {
    if (at + kCentralHeaderSize > bytes.size() || Le32(bytes, at) != kCentralDirectoryHeader) {
      return Malformed("bad central directory");
    }
    const uint16_t name_size = Le16(bytes, at + 28);
    const size_t next =
        at + kCentralHeaderSize + name_size + Le16(bytes, at + 30) + Le16(bytes, at + 32);
    if (next > bytes.size()) {
      return Malformed("bad central directory");
    }
    ZipEntry entry{.name = std::string(bytes.substr(at + kCentralHeaderSize, name_size)),
                   .method = Le16(bytes, at + 10),
                   .crc32 = Le32(bytes, at + 16),
                   .compressed_size = Le32(bytes, at + 20),
                   .size = Le32(bytes, at + 24),
                   .local_header_offset = Le32(bytes, at + 42)};
    if ((Le16(bytes, at + 8) & 1) != 0) {
      return Malformed("encrypted entries are not supported");
    }
    if (entry.size == 0xFFFFFFFF || entry.compressed_size == 0xFFFFFFFF ||
        entry.local_header_offset == 0xFFFFFFFF) {
      return Malformed("zip64 entries are not supported");
    }
    if (!SafeName(entry.name)) {
      return Malformed(Format("unsafe entry name {}", entry.name));
    }
    if ((Le16(bytes, at + 4) >> 8) == kMadeOnUnix) {
      entry.unix_mode = Le32(bytes, at + 38) >> 16;
    }
    total += entry.size;
    if (total > kMaxUnzippedBytes) {
      return Status::InvalidArgument(
          "Unzipped size must be smaller than 262144000 bytes");  // AWS's wording.
    }
    archive.entries_.push_back(std::move(entry));
    at = next;
  }
  return archive;
}

Result<std::string> ZipArchive::Read(const ZipEntry& entry) const {
  const size_t at = entry.local_header_offset;
  if (at + kLocalHeaderSize > bytes_.size() || Le32(bytes_, at) != kLocalFileHeader) {
    return Malformed(Format("bad local header for {}", entry.name));
  }
  const size_t data = at + kLocalHeaderSize + Le16(bytes_, at + 26) + Le16(bytes_, at + 28);
  if (data + entry.compressed_size > bytes_.size()) {
    return Malformed(Format("truncated entry {}", entry.name));
  }
  const std::string_view compressed = bytes_.substr(data, entry.compressed_size);
  std::string out;
  if (entry.method == kMethodStored) {
    out = std::string(compressed);
  } else if (entry.method == kMethodDeflated) {
    STRATUS_ASSIGN_OR_RETURN(out, Inflate(compressed, entry.size));
  } else {
    return Malformed(Format("unsupported compression method {} for {}", entry.method, entry.name));
  }
  const uLong crc =
      crc32(0L, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size()));
  if (out.size() != entry.size || crc != entry.crc32) {
    return Malformed(Format("checksum mismatch for {}", entry.name));
  }
  return out;
}

Status ZipArchive::ExtractTo(const std::string& directory) const {
  const std::filesystem::path root(directory);
  std::error_code error;
  std::filesystem::create_directories(root, error);
  if (error) {
    return Status::IoError(Format("cannot create {}: {}", directory, error.message()));
  }
  for (const ZipEntry& entry : entries_) {
    const std::filesystem::path path = root / entry.name;
    if (entry.name.ends_with('/')) {
      std::filesystem::create_directories(path, error);
      if (error) {
        return Status::IoError(Format("cannot create {}: {}", path.string(), error.message()));
      }
      continue;
    }
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) {
      return Status::IoError(Format("cannot create {}: {}", path.string(), error.message()));
    }
    STRATUS_ASSIGN_OR_RETURN(std::string data, Read(entry));
    if (S_ISLNK(entry.unix_mode)) {
      if (::symlink(data.c_str(), path.c_str()) != 0) {
        return Status::IoError(Format("cannot create symlink {}", path.string()));
      }
      continue;
    }
    STRATUS_RETURN_IF_ERROR(WriteFile(path, data, entry.unix_mode));
  }
  return Status::Ok();
}

}  // namespace stratus::lambda
