#include "io/file_system.h"

#include "base/format.h"

namespace stratus::io {

Result<FileStat> FileSystem::Stat(const std::string& path) {
  Result<uint64_t> size = FileSize(path);
  if (size.ok()) {
    return FileStat{.is_directory = false, .size = *size, .modified_nanos = 0, .file_id = 0};
  }
  if (size.status().code() != StatusCode::kIoError) {
    return size.status();
  }
  STRATUS_RETURN_IF_ERROR(ListDirectory(path).status());
  return FileStat{.is_directory = true, .size = 0, .modified_nanos = 0, .file_id = 0};
}

Result<std::string> ReadFileToString(FileSystem& file_system, const std::string& path) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, file_system.OpenForRead(path));
  std::string contents(file->size(), '\0');
  STRATUS_ASSIGN_OR_RETURN(const size_t num_read, file->ReadAt(0, contents));
  if (num_read != contents.size()) {
    return Status::IoError(
        Format("read {}: {} bytes instead of {}", path, num_read, contents.size()));
  }
  return contents;
}

}  // namespace stratus::io
