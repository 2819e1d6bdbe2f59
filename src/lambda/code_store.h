#pragma once

#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "base/result.h"
#include "lambda/function_config.h"

namespace stratus::lambda {

/// Deployment packages under `<data_dir>/lambda/code/`, addressed by the
/// SHA-256 of the zip (docs/formats/lambda.md): `<id>.zip` as uploaded and
/// `<id>/` unpacked, once per code version however many functions share it.
/// Files are written to a temporary name and renamed into place, so a crash
/// leaves either nothing or a whole package; an unreferenced package is
/// harmless.
///
/// Thread safety: every method is safe from any thread.
class CodeStore {
 public:
  explicit CodeStore(std::string directory) : directory_(std::move(directory)) {}

  /// Checks that `zip` is a readable zip, then stores and unpacks it (unless
  /// a package with the same digest is already there).
  Result<CodeInfo> Put(std::string_view zip);

  /// Returns the directory the code was unpacked to, unpacking it again from
  /// its zip if the directory is missing at the package's first use since start.
  Result<std::string> UnpackedDirectory(const CodeInfo& code);

  /// Returns the zip's bytes.
  Result<std::string> ReadZip(const CodeInfo& code) const;

 private:
  std::string ZipPath(std::string_view id) const;
  std::string DirectoryPath(std::string_view id) const;
  Status Unpack(std::string_view id, std::string_view zip);

  const std::string directory_;
  std::mutex mu_;  // Serializes writers of one package.
  // Packages found unpacked since start: no stat on the invocation path. Guarded by mu_.
  std::set<std::string, std::less<>> unpacked_;
};

}  // namespace stratus::lambda
