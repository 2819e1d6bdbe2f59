#include "lake/file_store.h"

#include <algorithm>
#include <utility>

#include "base/format.h"
#include "io/file_system.h"
#include "io/path.h"
#include "lake/file_lister_internal.h"
#include "lake/log.h"

namespace stratus::lake {
namespace {

// How many temporary names Create() tries before giving up.
constexpr int kMaxTempAttempts = 8;

Status CheckBucket(std::string_view bucket) {
  if (!bucket.empty()) {
    return Status::InvalidArgument(
        Format("file:// paths have no bucket, but bucket '{}' was given", bucket));
  }
  return Status::Ok();
}

// Accepts absolute, normalized paths of files: "/a/b", not "a", "/a/", "/a//b", "/a/../b".
Status CheckKey(std::string_view bucket, std::string_view key) {
  STRATUS_RETURN_IF_ERROR(CheckBucket(bucket));
  if (!key.starts_with('/') || key == "/" || io::NormalizePath(key) != key) {
    return Status::InvalidArgument(
        Format("a file key must be an absolute, normalized path of a file (no '.', '..', "
               "'//' or trailing '/'), not '{}'",
               key));
  }
  if (key.find(internal::kTempMarker) != std::string_view::npos) {
    return Status::InvalidArgument(
        Format("file key '{}' names one of the lake's temporary files", key));
  }
  return Status::Ok();
}

Status NoSuchFile(std::string_view key) {
  return Status::NotFound(Format("no such file: {}", key));
}

// Returns the file's stat; NotFound for a directory, which is no object.
Result<io::FileStat> StatFile(io::FileSystem& files, const std::string& key) {
  STRATUS_ASSIGN_OR_RETURN(io::FileStat stat, files.Stat(key));
  if (stat.is_directory) {
    return NoSuchFile(key);
  }
  return stat;
}

std::string_view Unquoted(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    return etag.substr(1, etag.size() - 2);
  }
  return etag;
}

class FileReader final : public ObjectReader {
 public:
  FileReader(std::unique_ptr<io::RandomAccessFile> file, std::string etag)
      : file_(std::move(file)), etag_(std::move(etag)) {}

  uint64_t size() const override { return file_->size(); }

  const std::string& etag() const override { return etag_; }

  Result<size_t> ReadAt(uint64_t offset, std::span<char> out) const override {
    if (offset >= file_->size()) {
      return size_t{0};
    }
    const uint64_t available = file_->size() - offset;
    return file_->ReadAt(offset, out.first(std::min<uint64_t>(out.size(), available)));
  }

 private:
  std::unique_ptr<io::RandomAccessFile> file_;
  std::string etag_;
};

}  // namespace

// Writes a temporary file beside the key; Commit() publishes it by rename.
class FileStore::Writer final : public ObjectWriter {
 public:
  Writer(FileStore& store,
         std::string key,
         std::string temp,
         std::unique_ptr<io::WritableFile> file,
         WriteCondition condition)
      : store_(store),
        key_(std::move(key)),
        temp_(std::move(temp)),
        file_(std::move(file)),
        condition_(std::move(condition)) {}

  ~Writer() override {
    if (!published_) {
      static_cast<void>(file_->Close());
      if (Status removed = store_.files_.Remove(temp_); !removed.ok()) {
        kLakeLog.Warn("abandoned temporary file not removed path={} error={}", temp_,
                      removed.ToString());
      }
    }
  }

  Status Append(std::string_view bytes) override {
    if (done_) {
      return Status::FailedPrecondition(Format("append to committed writer of {}", key_));
    }
    return file_->Append(bytes);
  }

  Result<ObjectInfo> Commit() override {
    if (done_) {
      return Status::FailedPrecondition(Format("second commit of {}", key_));
    }
    done_ = true;
    if (store_.options_.sync) {
      STRATUS_RETURN_IF_ERROR(file_->Sync());
    }
    STRATUS_RETURN_IF_ERROR(file_->Close());
    STRATUS_ASSIGN_OR_RETURN(ObjectInfo info, store_.Publish(temp_, key_, condition_));
    published_ = true;
    return info;
  }

 private:
  FileStore& store_;
  std::string key_;
  std::string temp_;
  std::unique_ptr<io::WritableFile> file_;
  WriteCondition condition_;
  bool done_ = false;       // Commit() was called.
  bool published_ = false;  // The temporary file became the key.
};

FileStore::FileStore(io::FileSystem& files, FileStoreOptions options)
    : files_(files), options_(options) {}

Result<ListPage> FileStore::List(std::string_view bucket, const ListOptions& options) {
  STRATUS_RETURN_IF_ERROR(CheckBucket(bucket));
  return internal::ListFiles(files_, options);
}

Result<ObjectInfo> FileStore::Head(std::string_view bucket, std::string_view key) {
  STRATUS_RETURN_IF_ERROR(CheckKey(bucket, key));
  const std::string path(key);
  STRATUS_ASSIGN_OR_RETURN(io::FileStat stat, StatFile(files_, path));
  return internal::FileInfoOf(path, stat);
}

Result<std::string> FileStore::Read(std::string_view bucket,
                                    std::string_view key,
                                    std::optional<ByteRange> range) {
  STRATUS_RETURN_IF_ERROR(CheckKey(bucket, key));
  Result<std::unique_ptr<io::RandomAccessFile>> opened = files_.OpenForRead(std::string(key));
  if (!opened.ok()) {
    // A directory is no object.
    return opened.status().code() == StatusCode::kIoError ? NoSuchFile(key) : opened.status();
  }
  const std::unique_ptr<io::RandomAccessFile>& file = *opened;
  uint64_t first = 0;
  uint64_t length = file->size();
  if (range.has_value()) {
    if (range->first > range->last || range->first >= file->size()) {
      return Status::InvalidArgument(Format("range {}-{} is not satisfiable: {} is {} bytes",
                                            range->first, range->last, key, file->size()));
    }
    first = range->first;
    length = std::min(range->last, file->size() - 1) - first + 1;
  }
  std::string bytes(length, '\0');
  STRATUS_ASSIGN_OR_RETURN(size_t got, file->ReadAt(first, bytes));
  bytes.resize(got);
  return bytes;
}

Result<std::unique_ptr<ObjectReader>> FileStore::Open(std::string_view bucket,
                                                      std::string_view key) {
  STRATUS_RETURN_IF_ERROR(CheckKey(bucket, key));
  const std::string path(key);
  // Holding the lock pairs the stat with the file opened: no publish between.
  const std::lock_guard lock(publish_mu_);
  STRATUS_ASSIGN_OR_RETURN(io::FileStat stat, StatFile(files_, path));
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<io::RandomAccessFile> file, files_.OpenForRead(path));
  return std::unique_ptr<ObjectReader>(
      std::make_unique<FileReader>(std::move(file), internal::FileInfoOf(path, stat).etag));
}

Result<std::unique_ptr<ObjectWriter>> FileStore::Create(std::string_view bucket,
                                                        std::string_view key,
                                                        const WriteOptions& options) {
  STRATUS_RETURN_IF_ERROR(CheckKey(bucket, key));
  const std::string path(key);
  const std::string dir(io::Dirname(path));
  if (Status made = files_.CreateDirectories(dir); !made.ok()) {
    if (made.code() == StatusCode::kAlreadyExists) {
      return Status::InvalidArgument(Format(
          "cannot create {}: a file is in the way of its directory ({})", path, made.message()));
    }
    return made;
  }
  for (int attempt = 0;; ++attempt) {
    const std::string temp = io::JoinPath(
        dir, Format(".{}{}{}", io::Basename(path), internal::kTempMarker, ids_.Hex(8)));
    Result<std::unique_ptr<io::WritableFile>> file = files_.NewWritableFile(temp);
    if (file.ok()) {
      return std::unique_ptr<ObjectWriter>(
          std::make_unique<Writer>(*this, path, temp, std::move(file).value(), options.condition));
    }
    if (file.status().code() != StatusCode::kAlreadyExists || attempt + 1 == kMaxTempAttempts) {
      return file.status();
    }
  }
}

Status FileStore::Delete(std::string_view bucket, std::string_view key) {
  STRATUS_RETURN_IF_ERROR(CheckKey(bucket, key));
  const std::string path(key);
  const std::lock_guard lock(publish_mu_);
  Result<io::FileStat> stat = files_.Stat(path);
  if (!stat.ok()) {
    // AWS: deleting a missing key succeeds.
    return stat.status().code() == StatusCode::kNotFound ? Status::Ok() : stat.status();
  }
  if (stat->is_directory) {
    return Status::Ok();  // No object is named so.
  }
  Status removed = files_.Remove(path);
  if (!removed.ok() && removed.code() != StatusCode::kNotFound) {
    return removed;
  }
  if (options_.sync) {
    return files_.SyncDirectory(std::string(io::Dirname(path)));
  }
  return Status::Ok();
}

Result<ObjectInfo> FileStore::Publish(const std::string& temp,
                                      const std::string& key,
                                      const WriteCondition& condition) {
  const std::lock_guard lock(publish_mu_);
  if (condition.if_absent || condition.if_match.has_value()) {
    Result<io::FileStat> current = StatFile(files_, key);
    if (!current.ok() && current.status().code() != StatusCode::kNotFound) {
      return current.status();
    }
    if (condition.if_absent && current.ok()) {
      return Status::FailedPrecondition(Format("{} exists (if_absent)", key));
    }
    if (condition.if_match.has_value()) {
      if (!current.ok()) {
        return Status::NotFound(Format("no such file: {} (if_match)", key));
      }
      const std::string etag = internal::FileInfoOf(key, *current).etag;
      if (Unquoted(*condition.if_match) != "*" && Unquoted(*condition.if_match) != Unquoted(etag)) {
        return Status::FailedPrecondition(
            Format("{} has ETag {}, not {} (if_match)", key, etag, *condition.if_match));
      }
    }
  }
  STRATUS_RETURN_IF_ERROR(files_.Rename(temp, key));
  if (options_.sync) {
    STRATUS_RETURN_IF_ERROR(files_.SyncDirectory(std::string(io::Dirname(key))));
  }
  STRATUS_ASSIGN_OR_RETURN(io::FileStat stat, files_.Stat(key));
  return internal::FileInfoOf(key, stat);
}

}  // namespace stratus::lake
