#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/status.h"

namespace stratus::io {

// The FileSystem seam (LevelDB's Env): every component that keeps bytes in
// files (the S3 object store first) reaches them through a FileSystem passed
// in by its owner, never through open(2) or std::fstream directly. Production
// code gets a PosixFileSystem from the composition root; tests use an
// InMemoryFileSystem, or a FaultInjectingFileSystem that fails chosen
// operations and simulates crashes.
//
// The model is POSIX's, reduced to what a store of immutable blobs needs:
//   - Files are written once, front to back, through a WritableFile created
//     with NewWritableFile() (never an existing file), then read at any offset
//     through RandomAccessFiles. There is no update in place and no truncate.
//   - Publication is by Rename(), which atomically replaces the target; a
//     reader that opened the old file keeps reading the old bytes.
//   - Durability is explicit, as on a real disk: WritableFile::Sync() makes a
//     file's bytes durable; SyncDirectory() makes the creations, renames and
//     removals of entries in that directory durable. A crash may undo anything
//     not made durable (FaultInjectingFileSystem::DropUnsyncedData() does).
//     WriteFileAtomically() (io/atomic_file.h) is the recipe.
//
// Paths are '/'-separated strings used as given (relative ones against the
// process's working directory); the seam does not normalise or resolve them
// beyond what the operating system does.
//
// Errors: a missing file or directory (including a path through a component
// that is not a directory) is kNotFound; creating over an existing entry is
// kAlreadyExists; every other failure is kIoError. Messages name the operation
// and the path, and the system's reason when there is one:
// "open /data/x: No such file or directory".

/// A new file being written, front to back.
///
/// Appended bytes may be buffered; they reach the file by Sync() or Close().
/// Destroying an unclosed file closes it (flushing; errors are lost). Use after
/// Close() is an error (kInternal), except Close() itself.
/// Thread safety: none; one thread at a time.
class WritableFile {
 public:
  WritableFile() = default;
  WritableFile(const WritableFile&) = delete;
  WritableFile& operator=(const WritableFile&) = delete;
  virtual ~WritableFile() = default;

  /// Adds `data` at the end of the file.
  virtual Status Append(std::string_view data) = 0;

  /// Makes every byte appended so far durable (fdatasync). It does not make
  /// the file's directory entry durable: see FileSystem::SyncDirectory().
  virtual Status Sync() = 0;

  /// Starts writing the bytes appended so far to the disk without waiting
  /// for them, so that a later Sync() has less left to do (a large file
  /// written then synced pays for the disk once, not after the writing).
  /// A hint: file systems without a disk do nothing.
  virtual Status StartWriteback() { return Status::Ok(); }

  /// Flushes and closes the file. Idempotent: a second call returns Ok.
  virtual Status Close() = 0;

  /// Returns the number of bytes appended (including any still buffered).
  virtual uint64_t size() const = 0;
};

/// An open file for reading at any offset.
///
/// Thread safety: ReadAt() and the accessors may be called concurrently.
class RandomAccessFile {
 public:
  RandomAccessFile() = default;
  RandomAccessFile(const RandomAccessFile&) = delete;
  RandomAccessFile& operator=(const RandomAccessFile&) = delete;
  virtual ~RandomAccessFile() = default;

  /// Reads up to out.size() bytes from `offset` into `out`; returns how many
  /// were read, fewer only when the file ends first (0 at or past the end).
  virtual Result<size_t> ReadAt(uint64_t offset, std::span<char> out) const = 0;

  /// Returns the file's size when it was opened.
  virtual uint64_t size() const = 0;

  /// Returns a file descriptor for zero-copy sends (sendfile(2)), or -1 when
  /// the file is not an operating-system file. The descriptor stays owned by
  /// this object.
  virtual int native_handle() const { return -1; }
};

/// What Stat() says about a file or directory.
struct FileStat {
  bool is_directory = false;
  uint64_t size = 0;  // Of a regular file; 0 for a directory.
  /// Last modification, nanoseconds since the Unix epoch; 0 when the file
  /// system does not keep it.
  int64_t modified_nanos = 0;
  /// Identifies the file while it exists (the inode number): a file renamed
  /// over another has a different id than the one it replaced, since both
  /// existed at once. 0 when the file system cannot tell.
  uint64_t file_id = 0;
};

/// Files and directories; see the essay at the top of this header.
///
/// Thread safety: every implementation is safe to call concurrently.
class FileSystem {
 public:
  FileSystem() = default;
  FileSystem(const FileSystem&) = delete;
  FileSystem& operator=(const FileSystem&) = delete;
  virtual ~FileSystem() = default;

  /// Creates the file `path` for writing. Errors: kAlreadyExists when `path`
  /// exists (a file or a directory); kNotFound when its directory does not.
  virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) = 0;

  /// Opens the file `path` for reading. Errors: kNotFound when absent;
  /// kIoError when it is not a regular file.
  virtual Result<std::unique_ptr<RandomAccessFile>> OpenForRead(const std::string& path) = 0;

  /// Renames the file `from` to `to`, atomically replacing a file at `to`.
  /// Errors: kNotFound when `from` or the directory of `to` is absent;
  /// kIoError when `to` is a directory. REQUIRES: `from` is not a directory.
  virtual Status Rename(const std::string& from, const std::string& to) = 0;

  /// Removes the file `path`; open readers keep their bytes. Errors: kNotFound
  /// when absent; kIoError when it is a directory.
  virtual Status Remove(const std::string& path) = 0;

  /// Creates the directory `path` and any missing parents; Ok when it exists.
  /// Errors: kAlreadyExists when `path` or a parent is a file.
  virtual Status CreateDirectories(const std::string& path) = 0;

  /// Removes the empty directory `path`. Errors: kNotFound when absent (or a
  /// file); kIoError when not empty.
  virtual Status RemoveDirectory(const std::string& path) = 0;

  /// Makes the entries of directory `path` durable: files created, renamed
  /// into, renamed out of or removed from it survive a crash (fsync of the
  /// directory). Errors: kNotFound when `path` is not a directory.
  virtual Status SyncDirectory(const std::string& path) = 0;

  /// Returns the names (not paths) of the files and directories in `path`,
  /// without "." and "..", in byte order. Errors: kNotFound when `path` is not
  /// a directory.
  virtual Result<std::vector<std::string>> ListDirectory(const std::string& path) = 0;

  /// Returns the size of the file `path`. Errors: kNotFound when absent;
  /// kIoError when it is not a regular file.
  virtual Result<uint64_t> FileSize(const std::string& path) = 0;

  /// Returns what kind of entry `path` is, with its size, modification time
  /// and identity. The default derives the kind and size from FileSize() and
  /// ListDirectory() and leaves modified_nanos and file_id 0. Errors:
  /// kNotFound when absent; kIoError when neither a file nor a directory.
  virtual Result<FileStat> Stat(const std::string& path);
};

/// Returns the whole content of the file `path` (errors as OpenForRead()).
Result<std::string> ReadFileToString(FileSystem& file_system, const std::string& path);

}  // namespace stratus::io
