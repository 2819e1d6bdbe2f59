#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/random.h"
#include "lake/object_store.h"

namespace stratus::io {
class FileSystem;
}  // namespace stratus::io

namespace stratus::lake {

struct FileStoreOptions {
  /// Makes every commit durable (fsync of the file and its directory) before
  /// it returns; tests over throwaway directories may turn it off.
  bool sync = true;
};

/// The lake over files: what file:///abs/path URIs name. There is one
/// nameless bucket (""), and a key is an absolute, normalized path
/// ("/data/t/part-0.csv"): no ".", ".." or empty components, no trailing
/// '/'. Other keys are InvalidArgument, so unlike S3 a key cannot be
/// "../x" or "a//b", and "a" cannot be an object while "a/b" is one.
///
/// Writes go to a temporary file beside the target (".NAME.stratus-tmp-HEX",
/// which listings skip), then are renamed over it, so a reader sees the old
/// file or the new one, never a mix; an open reader keeps the bytes it
/// opened. Write conditions are checked and the rename done under one mutex
/// per store, so conditional writes through one FileStore are atomic;
/// writers outside this process (or another FileStore) are not excluded.
///
/// ETags are derived from the size, modification time and inode number
/// (io::FileStat), not the bytes: a file replaced through this store always
/// gets a new ETag (the new file existed beside the old one, so its inode
/// differs), but the ETag of a file rewritten in place by someone else may
/// stay the same within the file system's timestamp granularity.
///
/// Listing walks the directories under the prefix's directory in key (byte)
/// order, rolling keys up by the delimiter as S3 does; directories with no
/// files below them list nothing, as S3 has no empty "folders".
///
/// Ownership: borrows the file system, which must outlive the store.
/// Thread safety: safe from any thread.
class FileStore final : public ObjectStore {
 public:
  explicit FileStore(io::FileSystem& files, FileStoreOptions options = {});

  Result<ListPage> List(std::string_view bucket, const ListOptions& options) override;
  Result<ObjectInfo> Head(std::string_view bucket, std::string_view key) override;
  Result<std::string> Read(std::string_view bucket,
                           std::string_view key,
                           std::optional<ByteRange> range = std::nullopt) override;
  Result<std::unique_ptr<ObjectReader>> Open(std::string_view bucket,
                                             std::string_view key) override;
  Result<std::unique_ptr<ObjectWriter>> Create(std::string_view bucket,
                                               std::string_view key,
                                               const WriteOptions& options) override;
  Status Delete(std::string_view bucket, std::string_view key) override;

 private:
  class Writer;

  // Publishes the temporary file `temp` as `key` if `condition` holds.
  Result<ObjectInfo> Publish(const std::string& temp,
                             const std::string& key,
                             const WriteCondition& condition);

  io::FileSystem& files_;
  FileStoreOptions options_;
  IdGenerator ids_;  // Names temporary files.
  // Serialises the check of a write condition with the rename that publishes
  // the write, and a Stat with the open that Open() pairs it with.
  std::mutex publish_mu_;
};

}  // namespace stratus::lake
