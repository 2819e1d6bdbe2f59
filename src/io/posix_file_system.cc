#include "io/posix_file_system.h"

#include <algorithm>
#include <cerrno>
#include <limits>
#include <system_error>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/format.h"

namespace stratus::io {
namespace {

// Appends smaller than this are gathered before a write(2).
constexpr size_t kWriteBufferSize = 64 * 1024;

Status ErrnoStatus(std::string_view operation, const std::string& path, int error) {
  std::string message =
      Format("{} {}: {}", operation, path, std::generic_category().message(error));
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      return Status::NotFound(std::move(message));
    case EEXIST:
      return Status::AlreadyExists(std::move(message));
    default:
      return Status::IoError(std::move(message));
  }
}

// open(2), retried on EINTR.
int OpenRetrying(const std::string& path, int flags, mode_t mode = 0) {
  int fd = -1;
  do {
    fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

// Returns the stat of `path`, or the error of stat(2).
Result<struct stat> StatPath(const std::string& path) {
  struct stat info = {};
  if (::stat(path.c_str(), &info) != 0) {
    return ErrnoStatus("stat", path, errno);
  }
  return info;
}

class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}

  ~PosixWritableFile() override {
    if (fd_ >= 0) {
      static_cast<void>(Close());
    }
  }

  Status Append(std::string_view data) override {
    STRATUS_RETURN_IF_ERROR(CheckOpen("append to"));
    size_ += data.size();
    if (buffer_.size() + data.size() <= kWriteBufferSize) {
      buffer_.append(data);
      return Status::Ok();
    }
    STRATUS_RETURN_IF_ERROR(Flush());
    if (data.size() < kWriteBufferSize) {
      buffer_.append(data);
      return Status::Ok();
    }
    return WriteAll(data);
  }

  Status Sync() override {
    STRATUS_RETURN_IF_ERROR(CheckOpen("sync"));
    STRATUS_RETURN_IF_ERROR(Flush());
    int result = 0;
    do {
      result = ::fdatasync(fd_);
    } while (result != 0 && errno == EINTR);
    return result == 0 ? Status::Ok() : ErrnoStatus("fdatasync", path_, errno);
  }

  Status StartWriteback() override {
    STRATUS_RETURN_IF_ERROR(CheckOpen("write back"));
    STRATUS_RETURN_IF_ERROR(Flush());
    const uint64_t written = size_;
    if (written > written_back_) {
      // SYNC_FILE_RANGE_WRITE queues the dirty pages for writing and returns;
      // errors surface at the Sync() that follows.
      static_cast<void>(::sync_file_range(fd_, static_cast<off_t>(written_back_),
                                          static_cast<off_t>(written - written_back_),
                                          SYNC_FILE_RANGE_WRITE));
      written_back_ = written;
    }
    return Status::Ok();
  }

  Status Close() override {
    if (fd_ < 0) {
      return Status::Ok();
    }
    Status status = Flush();
    // close(2) is not retried: on Linux the descriptor is gone even after EINTR.
    if (::close(fd_) != 0 && status.ok()) {
      status = ErrnoStatus("close", path_, errno);
    }
    fd_ = -1;
    return status;
  }

  uint64_t size() const override { return size_; }

 private:
  Status CheckOpen(std::string_view operation) const {
    if (fd_ < 0) {
      return Status::Internal(Format("{} closed file {}", operation, path_));
    }
    return Status::Ok();
  }

  Status Flush() {
    if (buffer_.empty()) {
      return Status::Ok();
    }
    Status status = WriteAll(buffer_);
    buffer_.clear();
    return status;
  }

  Status WriteAll(std::string_view data) {
    while (!data.empty()) {
      const ssize_t written = ::write(fd_, data.data(), data.size());
      if (written < 0) {
        if (errno == EINTR) {
          continue;
        }
        return ErrnoStatus("write", path_, errno);
      }
      data.remove_prefix(static_cast<size_t>(written));
    }
    return Status::Ok();
  }

  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;
  uint64_t written_back_ = 0;  // Bytes handed to StartWriteback() so far.
  std::string buffer_;  // Appended bytes not yet written.
};

class PosixRandomAccessFile final : public RandomAccessFile {
 public:
  PosixRandomAccessFile(std::string path, int fd, uint64_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {}

  ~PosixRandomAccessFile() override { ::close(fd_); }

  Result<size_t> ReadAt(uint64_t offset, std::span<char> out) const override {
    if (offset > static_cast<uint64_t>(std::numeric_limits<off_t>::max())) {
      return Status::InvalidArgument(Format("read {}: offset {} is too large", path_, offset));
    }
    size_t done = 0;
    while (done < out.size()) {
      const ssize_t num_read =
          ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
      if (num_read < 0) {
        if (errno == EINTR) {
          continue;
        }
        return ErrnoStatus("read", path_, errno);
      }
      if (num_read == 0) {
        break;  // End of file.
      }
      done += static_cast<size_t>(num_read);
    }
    return done;
  }

  uint64_t size() const override { return size_; }

  int native_handle() const override { return fd_; }

 private:
  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;
};

}  // namespace

Result<std::unique_ptr<WritableFile>> PosixFileSystem::NewWritableFile(const std::string& path) {
  const int fd = OpenRetrying(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0) {
    return ErrnoStatus("create", path, errno);
  }
  return std::unique_ptr<WritableFile>(std::make_unique<PosixWritableFile>(path, fd));
}

Result<std::unique_ptr<RandomAccessFile>> PosixFileSystem::OpenForRead(const std::string& path) {
  const int fd = OpenRetrying(path, O_RDONLY);
  if (fd < 0) {
    return ErrnoStatus("open", path, errno);
  }
  struct stat info = {};
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return ErrnoStatus("stat", path, error);
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd);
    return Status::IoError(Format("open {}: not a regular file", path));
  }
  return std::unique_ptr<RandomAccessFile>(
      std::make_unique<PosixRandomAccessFile>(path, fd, static_cast<uint64_t>(info.st_size)));
}

Status PosixFileSystem::Rename(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    return ErrnoStatus("rename", Format("{} to {}", from, to), errno);
  }
  return Status::Ok();
}

Status PosixFileSystem::Remove(const std::string& path) {
  if (::unlink(path.c_str()) != 0) {
    return ErrnoStatus("remove", path, errno);
  }
  return Status::Ok();
}

Status PosixFileSystem::CreateDirectories(const std::string& path) {
  // Creates each prefix that ends before a '/' (and the whole path) in turn.
  for (size_t end = path.find('/', 1);; end = path.find('/', end + 1)) {
    const std::string prefix = path.substr(0, end);
    if (!prefix.empty() && prefix.back() != '/' && ::mkdir(prefix.c_str(), 0755) != 0) {
      const int error = errno;
      if (error != EEXIST) {
        return ErrnoStatus("create directory", prefix, error);
      }
      STRATUS_ASSIGN_OR_RETURN(const struct stat info, StatPath(prefix));
      if (!S_ISDIR(info.st_mode)) {
        return Status::AlreadyExists(
            Format("create directory {}: {} is not a directory", path, prefix));
      }
    }
    if (end == std::string::npos) {
      return Status::Ok();
    }
  }
}

Status PosixFileSystem::RemoveDirectory(const std::string& path) {
  if (::rmdir(path.c_str()) != 0) {
    return ErrnoStatus("remove directory", path, errno);
  }
  return Status::Ok();
}

Status PosixFileSystem::SyncDirectory(const std::string& path) {
  const int fd = OpenRetrying(path, O_RDONLY | O_DIRECTORY);
  if (fd < 0) {
    return ErrnoStatus("open directory", path, errno);
  }
  int result = 0;
  do {
    result = ::fsync(fd);
  } while (result != 0 && errno == EINTR);
  const int error = errno;
  ::close(fd);
  return result == 0 ? Status::Ok() : ErrnoStatus("fsync directory", path, error);
}

Result<std::vector<std::string>> PosixFileSystem::ListDirectory(const std::string& path) {
  const int fd = OpenRetrying(path, O_RDONLY | O_DIRECTORY);
  if (fd < 0) {
    return ErrnoStatus("open directory", path, errno);
  }
  DIR* dir = ::fdopendir(fd);  // Owns fd from here on.
  if (dir == nullptr) {
    const int error = errno;
    ::close(fd);
    return ErrnoStatus("open directory", path, error);
  }
  std::vector<std::string> names;
  Status status;
  while (true) {
    errno = 0;
    const dirent* entry = ::readdir(dir);
    if (entry == nullptr) {
      if (errno != 0) {
        status = ErrnoStatus("read directory", path, errno);
      }
      break;
    }
    const std::string_view name = entry->d_name;
    if (name != "." && name != "..") {
      names.emplace_back(name);
    }
  }
  ::closedir(dir);
  STRATUS_RETURN_IF_ERROR(status);
  std::sort(names.begin(), names.end());
  return names;
}

Result<uint64_t> PosixFileSystem::FileSize(const std::string& path) {
  STRATUS_ASSIGN_OR_RETURN(const struct stat info, StatPath(path));
  if (!S_ISREG(info.st_mode)) {
    return Status::IoError(Format("size of {}: not a regular file", path));
  }
  return static_cast<uint64_t>(info.st_size);
}

Result<FileStat> PosixFileSystem::Stat(const std::string& path) {
  STRATUS_ASSIGN_OR_RETURN(const struct stat info, StatPath(path));
  const bool directory = S_ISDIR(info.st_mode);
  if (!directory && !S_ISREG(info.st_mode)) {
    return Status::IoError(Format("stat {}: neither a regular file nor a directory", path));
  }
  return FileStat{.is_directory = directory,
                  .size = directory ? 0 : static_cast<uint64_t>(info.st_size),
                  .modified_nanos = static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 +
                                    static_cast<int64_t>(info.st_mtim.tv_nsec),
                  .file_id = static_cast<uint64_t>(info.st_ino)};
}

}  // namespace stratus::io
