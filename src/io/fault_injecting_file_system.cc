#include "io/fault_injecting_file_system.h"

#include <algorithm>
#include <set>

#include "base/format.h"
#include "io/path.h"

namespace stratus::io {
namespace {

bool Matches(const FaultRule& rule,
             FileOperation operation,
             std::string_view path,
             std::string_view other_path) {
  if (rule.operation.has_value() && *rule.operation != operation) {
    return false;
  }
  return rule.path_substring.empty() || path.find(rule.path_substring) != std::string_view::npos ||
         other_path.find(rule.path_substring) != std::string_view::npos;
}

Status CrashedError(std::string_view path) {
  return Status::IoError(Format("{}: opened before a simulated crash", path));
}

}  // namespace

std::string_view FileOperationName(FileOperation operation) {
  switch (operation) {
    case FileOperation::kNewWritableFile:
      return "NewWritableFile";
    case FileOperation::kAppend:
      return "Append";
    case FileOperation::kSync:
      return "Sync";
    case FileOperation::kClose:
      return "Close";
    case FileOperation::kOpenForRead:
      return "OpenForRead";
    case FileOperation::kRead:
      return "Read";
    case FileOperation::kRename:
      return "Rename";
    case FileOperation::kRemove:
      return "Remove";
    case FileOperation::kCreateDirectories:
      return "CreateDirectories";
    case FileOperation::kRemoveDirectory:
      return "RemoveDirectory";
    case FileOperation::kSyncDirectory:
      return "SyncDirectory";
    case FileOperation::kListDirectory:
      return "ListDirectory";
    case FileOperation::kFileSize:
      return "FileSize";
  }
  return "Unknown";
}

class FaultInjectingFileSystem::Writer final : public WritableFile {
 public:
  Writer(FaultInjectingFileSystem* file_system,
         std::unique_ptr<WritableFile> base,
         std::string path,
         InodeId inode,
         uint64_t generation)
      : file_system_(file_system),
        base_(std::move(base)),
        path_(std::move(path)),
        inode_(inode),
        generation_(generation) {}

  Status Append(std::string_view data) override {
    const std::lock_guard lock(file_system_->mu_);
    STRATUS_RETURN_IF_ERROR(CheckAlive());
    STRATUS_RETURN_IF_ERROR(file_system_->MaybeFail(FileOperation::kAppend, path_, {}));
    STRATUS_RETURN_IF_ERROR(base_->Append(data));
    if (Inode* inode = FindInode()) {
      inode->size += data.size();
    }
    return Status::Ok();
  }

  Status Sync() override {
    const std::lock_guard lock(file_system_->mu_);
    STRATUS_RETURN_IF_ERROR(CheckAlive());
    STRATUS_RETURN_IF_ERROR(file_system_->MaybeFail(FileOperation::kSync, path_, {}));
    STRATUS_RETURN_IF_ERROR(base_->Sync());
    if (Inode* inode = FindInode()) {
      inode->synced_size = inode->size;
    }
    return Status::Ok();
  }

  Status Close() override {
    const std::lock_guard lock(file_system_->mu_);
    if (generation_ == file_system_->generation_) {
      STRATUS_RETURN_IF_ERROR(file_system_->MaybeFail(FileOperation::kClose, path_, {}));
    }
    return base_->Close();
  }

  uint64_t size() const override { return base_->size(); }

 private:
  // REQUIRES: file_system_->mu_ held.
  Status CheckAlive() const {
    return generation_ == file_system_->generation_ ? Status::Ok() : CrashedError(path_);
  }

  // Returns the file's inode; null once the file system forgot it (it was
  // removed for good).
  Inode* FindInode() {
    const auto it = file_system_->inodes_.find(inode_);
    return it == file_system_->inodes_.end() ? nullptr : &it->second;
  }

  FaultInjectingFileSystem* const file_system_;
  std::unique_ptr<WritableFile> base_;
  std::string path_;
  InodeId inode_ = 0;
  uint64_t generation_ = 0;
};

class FaultInjectingFileSystem::Reader final : public RandomAccessFile {
 public:
  Reader(FaultInjectingFileSystem* file_system,
         std::unique_ptr<RandomAccessFile> base,
         std::string path,
         uint64_t generation)
      : file_system_(file_system),
        base_(std::move(base)),
        path_(std::move(path)),
        generation_(generation) {}

  Result<size_t> ReadAt(uint64_t offset, std::span<char> out) const override {
    {
      const std::lock_guard lock(file_system_->mu_);
      if (generation_ != file_system_->generation_) {
        return CrashedError(path_);
      }
      STRATUS_RETURN_IF_ERROR(file_system_->MaybeFail(FileOperation::kRead, path_, {}));
    }
    return base_->ReadAt(offset, out);
  }

  uint64_t size() const override { return base_->size(); }

  int native_handle() const override { return base_->native_handle(); }

 private:
  FaultInjectingFileSystem* const file_system_;
  std::unique_ptr<RandomAccessFile> base_;
  std::string path_;
  uint64_t generation_ = 0;
};

FaultInjectingFileSystem::FaultInjectingFileSystem(FileSystem* base) : base_(base) {}

FaultInjectingFileSystem::~FaultInjectingFileSystem() = default;

void FaultInjectingFileSystem::AddFaultRule(FaultRule rule) {
  const std::lock_guard lock(mu_);
  rules_.push_back(std::move(rule));
}

void FaultInjectingFileSystem::ClearFaultRules() {
  const std::lock_guard lock(mu_);
  rules_.clear();
}

uint64_t FaultInjectingFileSystem::num_injected_faults() const {
  const std::lock_guard lock(mu_);
  return num_injected_faults_;
}

Status FaultInjectingFileSystem::MaybeFail(FileOperation operation,
                                           std::string_view path,
                                           std::string_view other_path) {
  bool fail = false;
  for (FaultRule& rule : rules_) {
    if (!Matches(rule, operation, path, other_path)) {
      continue;
    }
    if (rule.skip > 0) {
      --rule.skip;
    } else if (rule.count > 0) {
      if (rule.count != FaultRule::kEvery) {
        --rule.count;
      }
      fail = true;
    }
  }
  if (!fail) {
    return Status::Ok();
  }
  ++num_injected_faults_;
  return Status::IoError(Format("injected fault: {} {}", FileOperationName(operation), path));
}

Result<FaultInjectingFileSystem::InodeId> FaultInjectingFileSystem::Track(const std::string& path) {
  if (const auto it = names_.find(path); it != names_.end()) {
    return it->second;
  }
  STRATUS_ASSIGN_OR_RETURN(const uint64_t size, base_->FileSize(path));
  const InodeId id = next_inode_++;
  inodes_[id] = Inode{.size = size, .synced_size = size};
  names_[path] = id;
  return id;
}

void FaultInjectingFileSystem::NoteEntryChange(const std::string& path) {
  if (pending_entries_.contains(path)) {
    return;
  }
  const auto it = names_.find(path);
  pending_entries_[path] = it == names_.end() ? std::nullopt : std::optional<InodeId>(it->second);
}

Status FaultInjectingFileSystem::SaveIfReferenced(InodeId id, const std::string& path) {
  const bool referenced =
      std::any_of(pending_entries_.begin(), pending_entries_.end(),
                  [id](const auto& entry) { return entry.second == std::optional(id); });
  Inode& inode = inodes_[id];
  if (!referenced || inode.saved.has_value()) {
    return Status::Ok();
  }
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, base_->OpenForRead(path));
  std::string bytes(inode.synced_size, '\0');
  STRATUS_ASSIGN_OR_RETURN(const size_t num_read, file->ReadAt(0, bytes));
  bytes.resize(num_read);
  inode.saved = std::move(bytes);
  return Status::Ok();
}

Result<std::string> FaultInjectingFileSystem::DurableBytes(InodeId id) {
  const Inode& inode = inodes_[id];
  if (inode.saved.has_value()) {
    return *inode.saved;
  }
  const auto named = std::find_if(names_.begin(), names_.end(),
                                  [id](const auto& name) { return name.second == id; });
  if (named == names_.end()) {
    return Status::Internal("fault injection lost track of a durable file");
  }
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file,
                           base_->OpenForRead(named->first));
  std::string bytes(inode.synced_size, '\0');
  STRATUS_ASSIGN_OR_RETURN(const size_t num_read, file->ReadAt(0, bytes));
  bytes.resize(num_read);
  return bytes;
}

void FaultInjectingFileSystem::ForgetUnreferencedInodes() {
  std::set<InodeId> referenced;
  for (const auto& [path, id] : names_) {
    referenced.insert(id);
  }
  for (const auto& [path, id] : pending_entries_) {
    if (id.has_value()) {
      referenced.insert(*id);
    }
  }
  std::erase_if(inodes_, [&](const auto& inode) { return !referenced.contains(inode.first); });
}

Status FaultInjectingFileSystem::DropUnsyncedData() {
  const std::lock_guard lock(mu_);
  // What each touched path names after the crash: its durable entry if the
  // entry changed since its directory's last sync, else its current file.
  std::map<std::string, std::optional<InodeId>> after;
  for (const auto& [path, id] : names_) {
    after[path] = id;
  }
  for (const auto& [path, id] : pending_entries_) {
    after[path] = id;
  }
  // Reads every surviving file's durable bytes before changing anything.
  std::map<std::string, std::optional<std::string>> rewrites;
  for (const auto& [path, id] : after) {
    const auto current = names_.find(path);
    if (current != names_.end() && id == std::optional(current->second) &&
        inodes_[*id].synced_size == inodes_[*id].size) {
      continue;  // The same file, wholly durable: nothing to undo.
    }
    if (!id.has_value()) {
      rewrites[path] = std::nullopt;
      continue;
    }
    STRATUS_ASSIGN_OR_RETURN(std::string bytes, DurableBytes(*id));
    rewrites[path] = std::move(bytes);
  }
  for (const auto& [path, bytes] : rewrites) {
    if (names_.contains(path)) {
      STRATUS_RETURN_IF_ERROR(base_->Remove(path));
    }
  }
  for (const auto& [path, bytes] : rewrites) {
    if (bytes.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, base_->NewWritableFile(path));
      STRATUS_RETURN_IF_ERROR(file->Append(*bytes));
      STRATUS_RETURN_IF_ERROR(file->Sync());
      STRATUS_RETURN_IF_ERROR(file->Close());
    }
  }
  // Everything on disk is durable now; tracking starts afresh.
  names_.clear();
  inodes_.clear();
  pending_entries_.clear();
  ++generation_;
  return Status::Ok();
}

Result<std::unique_ptr<WritableFile>> FaultInjectingFileSystem::NewWritableFile(
    const std::string& path) {
  const std::lock_guard lock(mu_);
  STRATUS_RETURN_IF_ERROR(MaybeFail(FileOperation::kNewWritableFile, path, {}));
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, base_->NewWritableFile(path));
  const std::string normalized = NormalizePath(path);
  NoteEntryChange(normalized);
  const InodeId id = next_inode_++;
  inodes_[id] = Inode{};
  names_[normalized] = id;
  return std::unique_ptr<WritableFile>(
      std::make_unique<Writer>(this, std::move(file), path, id, generation_));
}

Result<std::unique_ptr<RandomAccessFile>> FaultInjectingFileSystem::OpenForRead(
    const std::string& path) {
  const std::lock_guard lock(mu_);
  STRATUS_RETURN_IF_ERROR(MaybeFail(FileOperation::kOpenForRead, path, {}));
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, base_->OpenForRead(path));
  return std::unique_ptr<RandomAccessFile>(
      std::make_unique<Reader>(this, std::move(file), path, generation_));
}

Status FaultInjectingFileSystem::Rename(const std::string& from, const std::string& to) {
  const std::lock_guard lock(mu_);
  STRATUS_RETURN_IF_ERROR(MaybeFail(FileOperation::kRename, from, to));
  const std::string source = NormalizePath(from);
  const std::string target = NormalizePath(to);
  const Result<InodeId> moving = Track(source);
  if (!moving.ok() || source == target) {
    return base_->Rename(from, to);  // Fails (nothing to track), or changes nothing.
  }
  const Result<InodeId> replaced = Track(target);
  NoteEntryChange(source);
  NoteEntryChange(target);
  if (replaced.ok()) {
    STRATUS_RETURN_IF_ERROR(SaveIfReferenced(*replaced, target));
  }
  STRATUS_RETURN_IF_ERROR(base_->Rename(from, to));
  names_.erase(source);
  names_[target] = *moving;
  ForgetUnreferencedInodes();
  return Status::Ok();
}

Status FaultInjectingFileSystem::Remove(const std::string& path) {
  const std::lock_guard lock(mu_);
  STRATUS_RETURN_IF_ERROR(MaybeFail(FileOperation::kRemove, path, {}));
  const std::string normalized = NormalizePath(path);
  const Result<InodeId> removed = Track(normalized);
  if (!removed.ok()) {
    return base_->Remove(path);  // Fails: there is no such file.
  }
  NoteEntryChange(normalized);
  STRATUS_RETURN_IF_ERROR(SaveIfReferenced(*removed, normalized));
  STRATUS_RETURN_IF_ERROR(base_->Remove(path));
  names_.erase(normalized);
  ForgetUnreferencedInodes();
  return Status::Ok();
}

Status FaultInjectingFileSystem::CreateDirectories(const std::string& path) {
  const std::lock_guard lock(mu_);
  STRATUS_RETURN_IF_ERROR(MaybeFail(FileOperation::kCreateDirectories, path, {}));
  return base_->CreateDirectories(path);
}

Status FaultInjectingFileSystem::RemoveDirectory(const std::string& path) {
  const std::lock_guard lock(mu_);
  STRATUS_RETURN_IF_ERROR(MaybeFail(FileOperation::kRemoveDirectory, path, {}));
  return base_->RemoveDirectory(path);
}

Status FaultInjectingFileSystem::SyncDirectory(const std::string& path) {
  const std::lock_guard lock(mu_);
  STRATUS_RETURN_IF_ERROR(MaybeFail(FileOperation::kSyncDirectory, path, {}));
  STRATUS_RETURN_IF_ERROR(base_->SyncDirectory(path));
  const std::string directory = NormalizePath(path);
  std::erase_if(pending_entries_,
                [&](const auto& entry) { return Dirname(entry.first) == directory; });
  ForgetUnreferencedInodes();
  return Status::Ok();
}

Result<std::vector<std::string>> FaultInjectingFileSystem::ListDirectory(const std::string& path) {
  const std::lock_guard lock(mu_);
  STRATUS_RETURN_IF_ERROR(MaybeFail(FileOperation::kListDirectory, path, {}));
  return base_->ListDirectory(path);
}

Result<uint64_t> FaultInjectingFileSystem::FileSize(const std::string& path) {
  const std::lock_guard lock(mu_);
  STRATUS_RETURN_IF_ERROR(MaybeFail(FileOperation::kFileSize, path, {}));
  return base_->FileSize(path);
}

}  // namespace stratus::io
