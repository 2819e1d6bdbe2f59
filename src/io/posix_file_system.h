#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/file_system.h"

namespace stratus::io {

/// The FileSystem of the operating system (POSIX calls; fdatasync and a
/// directory fsync for durability). Descriptors are opened with O_CLOEXEC, and
/// calls interrupted by signals (EINTR) are retried. WritableFile buffers up to
/// 64 KiB of small appends; larger ones go straight to the file.
///
/// Errors map errno: ENOENT and ENOTDIR → kNotFound, EEXIST → kAlreadyExists,
/// others → kIoError, with the system's message and the path.
/// Ownership: made once by the composition root and passed down; it holds no
/// state, and files it returns own their descriptors.
/// Thread safety: safe to call concurrently.
class PosixFileSystem final : public FileSystem {
 public:
  PosixFileSystem() = default;

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> OpenForRead(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status Remove(const std::string& path) override;
  Status CreateDirectories(const std::string& path) override;
  Status RemoveDirectory(const std::string& path) override;
  Status SyncDirectory(const std::string& path) override;
  Result<std::vector<std::string>> ListDirectory(const std::string& path) override;
  Result<uint64_t> FileSize(const std::string& path) override;
  /// Uses stat(2): the modification time to the nanosecond the file system
  /// keeps (often a kernel tick), the inode number as file_id.
  Result<FileStat> Stat(const std::string& path) override;
};

}  // namespace stratus::io
