#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include <stdlib.h>

#include "base/check.h"

namespace stratus::storage {

/// A fresh directory under /tmp (mkdtemp), removed with its contents on
/// destruction. For tests only.
///
/// Thread safety: a value owned by one test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/stratus_storage_XXXXXX";
    STRATUS_CHECK(mkdtemp(pattern.data()) != nullptr, "mkdtemp failed");
    path_ = pattern;
  }

  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }

  const std::string& path() const { return path_; }

  /// Returns the path of `name` inside the directory.
  std::string File(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

}  // namespace stratus::storage
