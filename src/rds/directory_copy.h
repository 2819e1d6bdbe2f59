#pragma once

#include <string>

#include "base/status.h"

namespace stratus::rds {

/// Copies the directory tree `from` to `to` so that `to` appears whole or
/// not at all: the files go to `<to>.partial` (a leftover one from an
/// interrupted copy is removed first), which is renamed to `to` once
/// complete. An existing `to` is replaced. Used for DB snapshots, whose
/// copies are taken from a cleanly stopped server's data dir.
Status CopyDirectoryWhole(const std::string& from, const std::string& to);

/// Removes the directory tree `path` (nothing when it is absent).
Status RemoveDirectory(const std::string& path);

}  // namespace stratus::rds
