#include "io/in_memory_file_system.h"

#include <algorithm>

#include "base/format.h"
#include "io/path.h"

namespace stratus::io {

// The bytes of one file.
struct InMemoryFileSystem::FileNode {
  explicit FileNode(uint64_t file_id) : id(file_id) {}

  const uint64_t id;
  std::mutex mu;
  std::string bytes = {};  // Guarded by mu.
};

class InMemoryFileSystem::Writer final : public WritableFile {
 public:
  Writer(std::string path, std::shared_ptr<FileNode> node)
      : path_(std::move(path)), node_(std::move(node)) {}

  Status Append(std::string_view data) override {
    if (closed_) {
      return Status::Internal(Format("append to closed file {}", path_));
    }
    const std::lock_guard lock(node_->mu);
    node_->bytes.append(data);
    size_ += data.size();
    return Status::Ok();
  }

  Status Sync() override {
    if (closed_) {
      return Status::Internal(Format("sync closed file {}", path_));
    }
    return Status::Ok();
  }

  Status Close() override {
    closed_ = true;
    return Status::Ok();
  }

  uint64_t size() const override { return size_; }

 private:
  std::string path_;
  std::shared_ptr<FileNode> node_;
  uint64_t size_ = 0;
  bool closed_ = false;
};

class InMemoryFileSystem::Reader final : public RandomAccessFile {
 public:
  Reader(std::shared_ptr<FileNode> node, uint64_t size) : node_(std::move(node)), size_(size) {}

  Result<size_t> ReadAt(uint64_t offset, std::span<char> out) const override {
    const std::lock_guard lock(node_->mu);
    const std::string& bytes = node_->bytes;
    if (offset >= bytes.size()) {
      return size_t{0};
    }
    const size_t num_read = std::min<size_t>(out.size(), bytes.size() - offset);
    std::copy_n(bytes.data() + offset, num_read, out.data());
    return num_read;
  }

  uint64_t size() const override { return size_; }

 private:
  std::shared_ptr<FileNode> node_;
  uint64_t size_ = 0;
};

namespace {

Status NotFound(std::string_view operation, std::string_view path) {
  return Status::NotFound(Format("{} {}: No such file or directory", operation, path));
}

}  // namespace

InMemoryFileSystem::InMemoryFileSystem() = default;

InMemoryFileSystem::~InMemoryFileSystem() = default;

bool InMemoryFileSystem::IsDirectory(const std::string& path) const {
  return path == "/" || path == "." || directories_.contains(path);
}

Result<std::unique_ptr<WritableFile>> InMemoryFileSystem::NewWritableFile(const std::string& path) {
  const std::string normalized = NormalizePath(path);
  const std::lock_guard lock(mu_);
  if (files_.contains(normalized) || IsDirectory(normalized)) {
    return Status::AlreadyExists(Format("create {}: File exists", path));
  }
  if (!IsDirectory(std::string(Dirname(normalized)))) {
    return NotFound("create", path);
  }
  auto node = std::make_shared<FileNode>(next_file_id_++);
  files_[normalized] = node;
  return std::unique_ptr<WritableFile>(std::make_unique<Writer>(path, std::move(node)));
}

Result<std::unique_ptr<RandomAccessFile>> InMemoryFileSystem::OpenForRead(const std::string& path) {
  const std::string normalized = NormalizePath(path);
  std::shared_ptr<FileNode> node;
  {
    const std::lock_guard lock(mu_);
    const auto it = files_.find(normalized);
    if (it == files_.end()) {
      if (IsDirectory(normalized)) {
        return Status::IoError(Format("open {}: not a regular file", path));
      }
      return NotFound("open", path);
    }
    node = it->second;
  }
  uint64_t size = 0;
  {
    const std::lock_guard lock(node->mu);
    size = node->bytes.size();
  }
  return std::unique_ptr<RandomAccessFile>(std::make_unique<Reader>(std::move(node), size));
}

Status InMemoryFileSystem::Rename(const std::string& from, const std::string& to) {
  const std::string source = NormalizePath(from);
  const std::string target = NormalizePath(to);
  const std::lock_guard lock(mu_);
  const auto it = files_.find(source);
  if (it == files_.end()) {
    if (IsDirectory(source)) {
      return Status::IoError(Format("rename {} to {}: directories are not supported", from, to));
    }
    return NotFound("rename", Format("{} to {}", from, to));
  }
  if (!IsDirectory(std::string(Dirname(target)))) {
    return NotFound("rename", Format("{} to {}", from, to));
  }
  if (IsDirectory(target)) {
    return Status::IoError(Format("rename {} to {}: Is a directory", from, to));
  }
  if (source != target) {
    std::shared_ptr<FileNode> node = std::move(it->second);
    files_.erase(it);
    files_[target] = std::move(node);
  }
  return Status::Ok();
}

Status InMemoryFileSystem::Remove(const std::string& path) {
  const std::string normalized = NormalizePath(path);
  const std::lock_guard lock(mu_);
  if (files_.erase(normalized) == 1) {
    return Status::Ok();
  }
  if (IsDirectory(normalized)) {
    return Status::IoError(Format("remove {}: Is a directory", path));
  }
  return NotFound("remove", path);
}

Status InMemoryFileSystem::CreateDirectories(const std::string& path) {
  const std::string normalized = NormalizePath(path);
  const std::lock_guard lock(mu_);
  // Checks every prefix first, so that a file in the way changes nothing.
  std::vector<std::string> missing;
  for (std::string prefix = normalized; !IsDirectory(prefix);
       prefix = std::string(Dirname(prefix))) {
    if (files_.contains(prefix)) {
      return Status::AlreadyExists(
          Format("create directory {}: {} is not a directory", path, prefix));
    }
    missing.push_back(prefix);
  }
  directories_.insert(missing.begin(), missing.end());
  return Status::Ok();
}

Status InMemoryFileSystem::RemoveDirectory(const std::string& path) {
  const std::string normalized = NormalizePath(path);
  const std::lock_guard lock(mu_);
  if (!directories_.contains(normalized)) {
    return NotFound("remove directory", path);
  }
  const auto has_child = [&](const std::string& entry) {
    return Dirname(entry) == normalized;
  };
  if (std::any_of(files_.begin(), files_.end(),
                  [&](const auto& file) { return has_child(file.first); }) ||
      std::any_of(directories_.begin(), directories_.end(), has_child)) {
    return Status::IoError(Format("remove directory {}: Directory not empty", path));
  }
  directories_.erase(normalized);
  return Status::Ok();
}

Status InMemoryFileSystem::SyncDirectory(const std::string& path) {
  const std::string normalized = NormalizePath(path);
  const std::lock_guard lock(mu_);
  return IsDirectory(normalized) ? Status::Ok() : NotFound("open directory", path);
}

Result<std::vector<std::string>> InMemoryFileSystem::ListDirectory(const std::string& path) {
  const std::string normalized = NormalizePath(path);
  const std::lock_guard lock(mu_);
  if (!IsDirectory(normalized)) {
    return NotFound("open directory", path);
  }
  std::vector<std::string> names;
  const auto add_if_child = [&](const std::string& entry) {
    if (entry != normalized && Dirname(entry) == normalized) {
      names.emplace_back(Basename(entry));
    }
  };
  for (const auto& [file, node] : files_) {
    add_if_child(file);
  }
  for (const std::string& directory : directories_) {
    add_if_child(directory);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<uint64_t> InMemoryFileSystem::FileSize(const std::string& path) {
  const std::string normalized = NormalizePath(path);
  std::shared_ptr<FileNode> node;
  {
    const std::lock_guard lock(mu_);
    const auto it = files_.find(normalized);
    if (it == files_.end()) {
      if (IsDirectory(normalized)) {
        return Status::IoError(Format("size of {}: not a regular file", path));
      }
      return NotFound("stat", path);
    }
    node = it->second;
  }
  const std::lock_guard lock(node->mu);
  return static_cast<uint64_t>(node->bytes.size());
}

Result<FileStat> InMemoryFileSystem::Stat(const std::string& path) {
  const std::string normalized = NormalizePath(path);
  std::shared_ptr<FileNode> node;
  {
    const std::lock_guard lock(mu_);
    const auto it = files_.find(normalized);
    if (it == files_.end()) {
      if (IsDirectory(normalized)) {
        return FileStat{.is_directory = true, .size = 0, .modified_nanos = 0, .file_id = 0};
      }
      return NotFound("stat", path);
    }
    node = it->second;
  }
  const std::lock_guard lock(node->mu);
  return FileStat{.is_directory = false,
                  .size = static_cast<uint64_t>(node->bytes.size()),
                  .modified_nanos = 0,
                  .file_id = node->id};
}

}  // namespace stratus::io
