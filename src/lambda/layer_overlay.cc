#include "lambda/layer_overlay.h"

#include <filesystem>
#include <system_error>

#include "base/digest.h"
#include "base/format.h"

namespace stratus::lambda {
namespace {

namespace fs = std::filesystem;

// Places one entry of a layer at `target`, replacing what an earlier layer put there.
Status PlaceEntry(const fs::directory_entry& entry, const fs::path& target) {
  std::error_code error;
  if (entry.is_directory(error) && !entry.is_symlink(error)) {
    if (fs::is_symlink(fs::symlink_status(target, error)) ||
        (fs::exists(target, error) && !fs::is_directory(target, error))) {
      fs::remove(target, error);
    }
    fs::create_directories(target, error);
    if (error) {
      return Status::IoError(Format("cannot create {}: {}", target.string(), error.message()));
    }
    return Status::Ok();
  }
  if (fs::exists(fs::symlink_status(target, error))) {
    fs::remove_all(target, error);
  }
  if (entry.is_symlink(error)) {
    fs::copy_symlink(entry.path(), target, error);
  } else {
    fs::create_hard_link(entry.path(), target, error);
    if (error) {
      error.clear();
      fs::copy_file(entry.path(), target, error);
    }
  }
  if (error) {
    return Status::IoError(Format("cannot place {}: {}", target.string(), error.message()));
  }
  return Status::Ok();
}

Status Overlay(const fs::path& layer, const fs::path& staging) {
  std::error_code error;
  fs::recursive_directory_iterator it(layer, error);
  if (error) {
    return Status::IoError(Format("cannot read {}: {}", layer.string(), error.message()));
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) {
      return Status::IoError(Format("cannot read {}: {}", layer.string(), error.message()));
    }
    const fs::path relative = fs::relative(it->path(), layer, error);
    if (error) {
      return Status::IoError(Format("cannot read {}: {}", layer.string(), error.message()));
    }
    STRATUS_RETURN_IF_ERROR(PlaceEntry(*it, staging / relative));
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> LayerOverlays::Merged(const std::vector<std::string>& ids,
                                          const std::vector<std::string>& layer_directories) {
  std::string joined;
  for (const std::string& id : ids) {
    joined += id + "\n";
  }
  const fs::path target = fs::path(directory_) / Sha256Hex(joined);
  std::lock_guard<std::mutex> lock(mu_);
  std::error_code error;
  if (fs::is_directory(target, error)) {
    return target.string();
  }
  const fs::path staging = target.string() + ".merging";
  fs::remove_all(staging, error);
  fs::create_directories(staging, error);
  if (error) {
    return Status::IoError(Format("cannot create {}: {}", staging.string(), error.message()));
  }
  for (const std::string& layer : layer_directories) {
    STRATUS_RETURN_IF_ERROR(Overlay(layer, staging));
  }
  fs::rename(staging, target, error);
  if (error) {
    return Status::IoError(Format("cannot rename {}: {}", staging.string(), error.message()));
  }
  return target.string();
}

}  // namespace stratus::lambda
