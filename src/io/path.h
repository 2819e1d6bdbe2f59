#pragma once

#include <string>
#include <string_view>

namespace stratus::io {

// Lexical path helpers for FileSystem paths ('/'-separated; no file system
// access, no symlink resolution).

/// Returns `path` with "." and empty components removed, ".." applied where a
/// component precedes it, and no trailing '/': "a//b/./c/" → "a/b/c",
/// "/x/../y" → "/y". The root stays "/", and a path that empties is ".".
std::string NormalizePath(std::string_view path);

/// Returns the directory part of a normalized path: "a/b" → "a", "/a" → "/",
/// "a" → ".", "/" → "/".
std::string_view Dirname(std::string_view path);

/// Returns the last component of a normalized path: "a/b" → "b", "a" → "a".
std::string_view Basename(std::string_view path);

/// Returns `directory` + "/" + `name`, without doubling a '/'.
std::string JoinPath(std::string_view directory, std::string_view name);

}  // namespace stratus::io
