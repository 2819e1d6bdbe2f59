#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "lake/object_store.h"

namespace stratus::io {
class FileSystem;
struct FileStat;
}  // namespace stratus::io

namespace stratus::lake::internal {

/// Marks FileStore's temporary files (".NAME.stratus-tmp-HEX"); listings
/// skip names that contain it.
inline constexpr std::string_view kTempMarker = ".stratus-tmp-";

/// Returns the ObjectInfo of the file `path` described by `stat`: its ETag
/// is the quoted MD5 of its size, modification time and inode number.
ObjectInfo FileInfoOf(std::string_view path, const io::FileStat& stat);

/// Lists the files under an absolute path prefix, as FileStore::List()
/// describes. REQUIRES: options.prefix starts with '/'.
Result<ListPage> ListFiles(io::FileSystem& files, const ListOptions& options);

}  // namespace stratus::lake::internal
