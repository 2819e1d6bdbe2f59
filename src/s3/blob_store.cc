#include "s3/blob_store.h"

#include <utility>

#include "base/digest.h"
#include "base/format.h"
#include "base/random.h"
#include "io/file_system.h"
#include "s3/log.h"

namespace stratus::s3 {
namespace {

constexpr size_t kBlobIdLength = 32;

bool IsLowerHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

// Returns the fan-out directory index of a blob id or directory name.
// REQUIRES: its first two characters are lowercase hex.
size_t FanOutIndex(std::string_view name) {
  return static_cast<size_t>(HexDigitValue(name[0]) * 16 + HexDigitValue(name[1]));
}

}  // namespace

BlobWriter::BlobWriter(BlobStore& store, std::string id, std::unique_ptr<io::WritableFile> file)
    : store_(store), id_(std::move(id)), file_(std::move(file)) {}

BlobWriter::~BlobWriter() {
  if (file_ != nullptr) {
    (void)file_->Close();
  }
  if (!keep_) {
    if (Status removed = store_.Remove(id_); !removed.ok()) {
      kS3Log.Warn("cannot remove abandoned blob {}: {}", id_, removed.ToString());
    }
  }
}

Status BlobWriter::Append(std::string_view bytes) {
  if (file_ == nullptr) {
    return Status::Internal("blob writer is closed");
  }
  STRATUS_RETURN_IF_ERROR(file_->Append(bytes));
  size_ += bytes.size();
  // The disk starts on a large blob while the rest arrives; Sync() then
  // waits for the last few MiB only.
  if (size_ - written_back_ >= kWritebackBytes) {
    STRATUS_RETURN_IF_ERROR(file_->StartWriteback());
    written_back_ = size_;
  }
  return Status::Ok();
}

Status BlobWriter::Sync() {
  if (file_ == nullptr) {
    return Status::Internal("blob writer is closed");
  }
  STRATUS_RETURN_IF_ERROR(file_->Sync());
  STRATUS_RETURN_IF_ERROR(file_->Close());
  file_.reset();
  return store_.files().SyncDirectory(store_.DirectoryOf(id_));
}

Status BlobWriter::Close() {
  if (file_ == nullptr) {
    return Status::Internal("blob writer is closed");
  }
  Status closed = file_->Close();
  file_.reset();
  return closed;
}

BlobStore::BlobStore(io::FileSystem& files, std::string root, IdGenerator& ids)
    : files_(files), root_(std::move(root)), ids_(ids) {}

Status BlobStore::Init() {
  return files_.CreateDirectories(root_);
}

Status BlobStore::EnsureDirectory(std::string_view id) {
  const size_t index = FanOutIndex(id);
  std::lock_guard lock(mu_);
  if (directories_.test(index)) {
    return Status::Ok();
  }
  STRATUS_RETURN_IF_ERROR(files_.CreateDirectories(DirectoryOf(id)));
  // A new directory's own entry must survive a crash too.
  STRATUS_RETURN_IF_ERROR(files_.SyncDirectory(root_));
  directories_.set(index);
  return Status::Ok();
}

Result<std::unique_ptr<BlobWriter>> BlobStore::Create() {
  std::string id = ids_.Hex(kBlobIdLength / 2);
  STRATUS_RETURN_IF_ERROR(EnsureDirectory(id));
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<io::WritableFile> file,
                           files_.NewWritableFile(PathOf(id)));
  return std::make_unique<BlobWriter>(*this, std::move(id), std::move(file));
}

Result<std::unique_ptr<io::RandomAccessFile>> BlobStore::Open(std::string_view id) const {
  if (!IsBlobId(id)) {
    return Status::Corruption(Format("not a blob id: '{}'", id));
  }
  return files_.OpenForRead(PathOf(id));
}

Status BlobStore::Remove(std::string_view id) {
  if (!IsBlobId(id)) {
    return Status::Corruption(Format("not a blob id: '{}'", id));
  }
  Status removed = files_.Remove(PathOf(id));
  if (removed.code() == StatusCode::kNotFound) {
    return Status::Ok();
  }
  return removed;
}

Result<size_t> BlobStore::Sweep(const std::function<bool(std::string_view id)>& is_live) {
  size_t num_removed = 0;
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> fan_out, files_.ListDirectory(root_));
  for (const std::string& entry : fan_out) {
    const bool fan_out_name = entry.size() == 2 && IsLowerHex(entry[0]) && IsLowerHex(entry[1]);
    if (!fan_out_name) {
      continue;  // Not ours; left alone.
    }
    const std::string directory = root_ + "/" + entry;
    STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> names, files_.ListDirectory(directory));
    {
      std::lock_guard lock(mu_);
      directories_.set(FanOutIndex(entry));
    }
    for (const std::string& name : names) {
      const bool blob = IsBlobId(name) && name.compare(0, 2, directory, directory.size() - 2) == 0;
      if (blob && is_live(name)) {
        continue;
      }
      STRATUS_RETURN_IF_ERROR(files_.Remove(directory + "/" + name));
      ++num_removed;
    }
  }
  return num_removed;
}

bool BlobStore::IsBlobId(std::string_view id) {
  if (id.size() != kBlobIdLength) {
    return false;
  }
  for (char c : id) {
    if (!IsLowerHex(c)) {
      return false;
    }
  }
  return true;
}

std::string BlobStore::PathOf(std::string_view id) const {
  return Format("{}/{}/{}", root_, id.substr(0, 2), id);
}

std::string BlobStore::DirectoryOf(std::string_view id) const {
  return Format("{}/{}", root_, id.substr(0, 2));
}

}  // namespace stratus::s3
