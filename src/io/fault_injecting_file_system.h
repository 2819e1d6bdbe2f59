#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/file_system.h"

namespace stratus::io {

/// An operation of FileSystem or of the files it returns, as fault rules name them.
enum class FileOperation : uint8_t {
  kNewWritableFile,
  kAppend,
  kSync,
  kClose,
  kOpenForRead,
  kRead,
  kRename,
  kRemove,
  kCreateDirectories,
  kRemoveDirectory,
  kSyncDirectory,
  kListDirectory,
  kFileSize,
};

/// Returns the operation's name without the k, e.g. "Append".
std::string_view FileOperationName(FileOperation operation);

/// Which operations a FaultInjectingFileSystem fails. An operation matches when
/// its kind and path match; the first `skip` matches go through, the next
/// `count` fail with kIoError, and later ones go through again.
/// Examples: the 3rd Sync() of any file fails: {.operation = kSync, .skip = 2};
/// every write under "objects/" fails: {.operation = kAppend, .path_substring =
/// "objects/", .count = FaultRule::kEvery}.
struct FaultRule {
  static constexpr uint64_t kEvery = std::numeric_limits<uint64_t>::max();

  std::optional<FileOperation> operation = std::nullopt;  // Any operation when unset.
  std::string path_substring = {};  // Any path when empty. Rename matches either path.
  uint64_t skip = 0;
  uint64_t count = 1;  // kEvery: fail every match after the skipped ones.
};

/// Wraps a FileSystem to test how its users handle failures and crashes, in
/// the manner of LevelDB's FaultInjectionTestEnv.
///
/// Failures: operations matching an added FaultRule fail with kIoError and do
/// nothing (a failed Append writes no byte, a failed Sync makes nothing
/// durable).
///
/// Crashes: it tracks what is durable. A file's bytes are durable up to its
/// last Sync(); a directory entry change (a creation, a rename into or out of
/// the directory, a removal) is durable once SyncDirectory() of its directory
/// succeeds. Files that existed before this object first touched them count as
/// fully durable. DropUnsyncedData() then makes the wrapped file system look as
/// after a power loss: every non-durable entry change is undone (a renamed
/// file goes back to its old name, a replaced or removed file comes back with
/// its durable bytes, a new file disappears) and every file is cut back to its
/// durable bytes. Directories themselves are treated as durable once created.
///
/// Ownership: does not own `base`, which must outlive it; files it returns must
/// not outlive it. Nothing else may change the paths used through it.
/// Thread safety: safe to call concurrently; one mutex serialises every
/// operation except reads of open files.
class FaultInjectingFileSystem final : public FileSystem {
 public:
  explicit FaultInjectingFileSystem(FileSystem* base);
  ~FaultInjectingFileSystem() override;

  /// Adds a rule; rules are checked independently, and any firing fails the operation.
  void AddFaultRule(FaultRule rule);

  /// Removes every rule.
  void ClearFaultRules();

  /// Returns the number of operations failed by rules so far.
  uint64_t num_injected_faults() const;

  /// Simulates a crash: rewrites the wrapped file system to its durable state
  /// (see the class comment) and forgets what was pending. Files opened
  /// before the crash fail every later call with kIoError, except Close().
  /// Errors: those of the wrapped file system while rewriting.
  Status DropUnsyncedData();

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> OpenForRead(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status Remove(const std::string& path) override;
  Status CreateDirectories(const std::string& path) override;
  Status RemoveDirectory(const std::string& path) override;
  Status SyncDirectory(const std::string& path) override;
  Result<std::vector<std::string>> ListDirectory(const std::string& path) override;
  Result<uint64_t> FileSize(const std::string& path) override;

 private:
  class Writer;
  class Reader;
  using InodeId = uint64_t;

  // A file's identity across renames.
  struct Inode {
    uint64_t size = 0;         // Bytes appended (or found, for files that pre-existed).
    uint64_t synced_size = 0;  // The durable prefix.
    // The durable bytes, kept when the file lost its last name while a
    // non-durable directory entry still refers to it.
    std::optional<std::string> saved = std::nullopt;
  };

  // REQUIRES: mu_ held (for all the helpers below).
  Status MaybeFail(FileOperation operation, std::string_view path, std::string_view other_path);
  // Returns the inode named by normalized `path`, tracking a pre-existing file as durable.
  Result<InodeId> Track(const std::string& path);
  // Records what the entry `path` durably names, unless already recorded.
  void NoteEntryChange(const std::string& path);
  // Keeps the durable bytes of `id`, which is about to lose its name `path`,
  // if a non-durable entry still refers to it.
  Status SaveIfReferenced(InodeId id, const std::string& path);
  // Returns the durable bytes of `id`.
  Result<std::string> DurableBytes(InodeId id);
  // Forgets inodes with no name that no non-durable entry refers to.
  void ForgetUnreferencedInodes();

  FileSystem* const base_;

  mutable std::mutex mu_;
  // Guarded by mu_.
  std::vector<FaultRule> rules_;
  uint64_t num_injected_faults_ = 0;
  uint64_t generation_ = 0;  // Advanced by each crash; files from older ones are dead.
  InodeId next_inode_ = 0;
  std::map<InodeId, Inode> inodes_;
  std::map<std::string, InodeId> names_;  // Normalized path → inode, for tracked files.
  // Entries changed since their directory's last sync: normalized path → the
  // inode it durably names (nullopt: durably absent).
  std::map<std::string, std::optional<InodeId>> pending_entries_;
};

}  // namespace stratus::io
