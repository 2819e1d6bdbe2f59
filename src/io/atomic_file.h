#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "io/file_system.h"

namespace stratus::io {

/// Replaces the file `path` with `contents` so that a crash at any moment
/// leaves either the old file (or none) or the new one, never a mix, and so
/// that the new one is durable when this returns Ok: writes `path` + ".tmp"
/// in the same directory, syncs and closes it, renames it over `path`, then
/// syncs the directory. A stale ".tmp" from an earlier crash is removed first;
/// on failure the temporary file is removed (best effort).
/// REQUIRES: no concurrent WriteFileAtomically() of the same `path`; the
/// directory of `path` exists.
/// Errors: those of the file system steps.
Status WriteFileAtomically(FileSystem& file_system,
                           const std::string& path,
                           std::string_view contents);

}  // namespace stratus::io
