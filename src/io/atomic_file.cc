#include "io/atomic_file.h"

#include <memory>

#include "io/path.h"

namespace stratus::io {
namespace {

Status WriteAndPublish(FileSystem& file_system,
                       const std::string& temporary,
                       const std::string& path,
                       std::string_view contents) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file,
                           file_system.NewWritableFile(temporary));
  STRATUS_RETURN_IF_ERROR(file->Append(contents));
  STRATUS_RETURN_IF_ERROR(file->Sync());
  STRATUS_RETURN_IF_ERROR(file->Close());
  return file_system.Rename(temporary, path);
}

}  // namespace

Status WriteFileAtomically(FileSystem& file_system,
                           const std::string& path,
                           std::string_view contents) {
  const std::string temporary = path + ".tmp";
  if (const Status removed = file_system.Remove(temporary);
      !removed.ok() && removed.code() != StatusCode::kNotFound) {
    return removed;
  }
  if (Status status = WriteAndPublish(file_system, temporary, path, contents); !status.ok()) {
    static_cast<void>(file_system.Remove(temporary));  // Best effort; it may not exist.
    return status;
  }
  return file_system.SyncDirectory(std::string(Dirname(NormalizePath(path))));
}

}  // namespace stratus::io
