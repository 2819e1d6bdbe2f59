#include "io/file_system.h"

#include "base/format.h"

namespace stratus::io {

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
