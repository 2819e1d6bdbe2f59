#include "rds/directory_copy.h"

#include <filesystem>

#include "base/format.h"

namespace stratus::rds {

Status RemoveDirectory(const std::string& path) {
  std::error_code error;
  std::filesystem::remove_all(path, error);
  if (error) {
    return Status::IoError(Format("cannot remove {}: {}", path, error.message()));
  }
  return Status::Ok();
}

Status CopyDirectoryWhole(const std::string& from, const std::string& to) {
  const std::string partial = to + ".partial";
  STRATUS_RETURN_IF_ERROR(RemoveDirectory(partial));
  std::error_code error;
  if (!std::filesystem::is_directory(from, error)) {
    return Status::NotFound(Format("{} is not a directory", from));
  }
  std::filesystem::create_directories(std::filesystem::path(partial).parent_path(), error);
  if (error) {
    return Status::IoError(Format("cannot create the parent of {}: {}", partial, error.message()));
  }
  std::filesystem::copy(
      from, partial,
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::copy_symlinks,
      error);
  if (error) {
    return Status::IoError(Format("cannot copy {} to {}: {}", from, partial, error.message()));
  }
  STRATUS_RETURN_IF_ERROR(RemoveDirectory(to));
  std::filesystem::rename(partial, to, error);
  if (error) {
    return Status::IoError(Format("cannot rename {} to {}: {}", partial, to, error.message()));
  }
  return Status::Ok();
}

}  // namespace stratus::rds
