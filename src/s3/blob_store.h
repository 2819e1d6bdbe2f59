#pragma once

#include <bitset>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "base/result.h"

namespace stratus {
class IdGenerator;
}  // namespace stratus

namespace stratus::io {
class FileSystem;
class RandomAccessFile;
class WritableFile;
}  // namespace stratus::io

namespace stratus::s3 {

class BlobStore;

/// A new blob being written. The file exists from Create() on; it becomes
/// part of an object only when a committed database row names it. A writer
/// destroyed without Keep() removes its file.
///
/// Thread safety: one thread at a time.
class BlobWriter {
 public:
  BlobWriter(BlobStore& store, std::string id, std::unique_ptr<io::WritableFile> file);
  BlobWriter(const BlobWriter&) = delete;
  BlobWriter& operator=(const BlobWriter&) = delete;
  ~BlobWriter();

  const std::string& id() const { return id_; }

  uint64_t size() const { return size_; }

  Status Append(std::string_view bytes);

  /// Makes the bytes and the file's name durable (fdatasync of the file,
  /// fsync of its directory) and closes the file. Blocks on the disk.
  Status Sync();

  /// Writes out buffered bytes and closes the file, without waiting for the
  /// disk: after it, readers of the blob see every byte (servers run with
  /// fsync off).
  Status Close();

  /// Leaves the file in place when the writer is destroyed: a row names it
  /// now (or will, once the caller's commit succeeds).
  void Keep() { keep_ = true; }

 private:
  static constexpr uint64_t kWritebackBytes = uint64_t{8} * 1024 * 1024;

  BlobStore& store_;
  std::string id_;
  std::unique_ptr<io::WritableFile> file_;
  uint64_t size_ = 0;
  uint64_t written_back_ = 0;  // size_ at the last StartWriteback().
  bool keep_ = false;
};

/// Object bytes as files: `<root>/<id[0..1]>/<id>`, one file per blob, named
/// by a random 128-bit id (32 hex digits) and never by anything a client
/// sent, so that no key can reach outside the root. A blob is written once
/// and never changed; objects and parts refer to blobs by id from their
/// database rows (see docs/formats/s3.md).
///
/// Thread safety: all methods are safe from any thread.
class BlobStore {
 public:
  BlobStore(io::FileSystem& files, std::string root, IdGenerator& ids);

  /// Creates the root. Fan-out directories are made on first use.
  Status Init();

  /// Creates a new, empty blob.
  Result<std::unique_ptr<BlobWriter>> Create();

  /// Opens a blob for reading; NotFound when it is gone.
  Result<std::unique_ptr<io::RandomAccessFile>> Open(std::string_view id) const;

  /// Removes a blob; a missing one is not an error.
  Status Remove(std::string_view id);

  /// Removes every blob for which `is_live` returns false and every file that
  /// is not a blob; returns how many were removed. For start-up, before any
  /// writer exists.
  Result<size_t> Sweep(const std::function<bool(std::string_view id)>& is_live);

  /// Returns true when `id` has the form of a blob id.
  static bool IsBlobId(std::string_view id);

  std::string PathOf(std::string_view id) const;
  std::string DirectoryOf(std::string_view id) const;

  io::FileSystem& files() const { return files_; }

 private:
  // Makes the fan-out directory of `id` unless it is known to exist.
  Status EnsureDirectory(std::string_view id);

  io::FileSystem& files_;
  std::string root_;
  IdGenerator& ids_;
  std::mutex mu_;
  std::bitset<256> directories_;  // Fan-out directories known to exist. Guarded by mu_.
};

}  // namespace stratus::s3
