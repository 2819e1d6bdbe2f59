#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include <stdlib.h>

#include "base/check.h"

namespace stratus::io {

/// A fresh directory under /tmp, removed with its contents on destruction.
/// For tests only (io cannot use storage/temp_dir_for_test.h: storage is above io).
///
/// Thread safety: a value owned by one test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/stratus_io_XXXXXX";
    STRATUS_CHECK(mkdtemp(pattern.data()) != nullptr, "mkdtemp failed");
    path_ = pattern;
  }

  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  ~TempDir() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace stratus::io
