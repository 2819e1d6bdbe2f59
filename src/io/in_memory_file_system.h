#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "io/file_system.h"

namespace stratus::io {

/// A FileSystem held in memory, for tests: the same contract as
/// PosixFileSystem (the same error codes for the same situations), with paths
/// normalized as the kernel would ("a//b/." is "a/b"). The root "/" and the
/// working directory "." always exist. Sync() and SyncDirectory() do nothing,
/// since nothing here survives the process; FaultInjectingFileSystem models
/// crashes on top of any FileSystem.
///
/// Ownership: file contents are shared between the file system and open
/// files, so a reader of a removed or replaced file keeps its bytes.
/// Thread safety: safe to call concurrently (one mutex for the namespace, one
/// per file for its bytes).
class InMemoryFileSystem final : public FileSystem {
 public:
  InMemoryFileSystem();
  ~InMemoryFileSystem() override;

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> OpenForRead(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status Remove(const std::string& path) override;
  Status CreateDirectories(const std::string& path) override;
  Status RemoveDirectory(const std::string& path) override;
  Status SyncDirectory(const std::string& path) override;
  Result<std::vector<std::string>> ListDirectory(const std::string& path) override;
  Result<uint64_t> FileSize(const std::string& path) override;
  /// Gives every file created a new file_id (a counter); modified_nanos is 0,
  /// since this file system has no clock.
  Result<FileStat> Stat(const std::string& path) override;

 private:
  struct FileNode;
  class Writer;
  class Reader;

  // REQUIRES: mu_ held; `path` normalized.
  bool IsDirectory(const std::string& path) const;

  mutable std::mutex mu_;
  // Guarded by mu_.
  std::map<std::string, std::shared_ptr<FileNode>> files_;  // By normalized path.
  std::set<std::string> directories_;                       // Normalized paths.
  uint64_t next_file_id_ = 1;
};

}  // namespace stratus::io
