#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "base/result.h"

namespace stratus::lambda {

/// The /opt a function sees: its layers' unpacked packages (CodeStore
/// directories, one per layer version) merged in the function's order, a
/// later layer's file replacing an earlier one's at the same path, as AWS
/// overlays layers under /opt. Built once per combination of layer versions
/// under `<directory>/<key>/`, where the key is the hex SHA-256 of the
/// packages' ids in order, from hard links into the unpacked packages (a
/// copy where a link is refused), staged under `<key>.merging` and renamed
/// into place, so a crash leaves either nothing or a whole tree. Packages
/// never change, so a built tree never goes stale.
///
/// Thread safety: every method is safe from any thread.
class LayerOverlays {
 public:
  explicit LayerOverlays(std::string directory) : directory_(std::move(directory)) {}

  /// Returns the merged tree of `layer_directories` (in order), building it
  /// if missing. REQUIRES: `ids` names the packages of `layer_directories`.
  Result<std::string> Merged(const std::vector<std::string>& ids,
                             const std::vector<std::string>& layer_directories);

 private:
  const std::string directory_;
  std::mutex mu_;  // Serializes builds.
};

}  // namespace stratus::lambda
