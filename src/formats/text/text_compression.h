#pragma once

#include <memory>
#include <string_view>

#include "base/result.h"

namespace stratus::lake {
class ObjectReader;
}  // namespace stratus::lake

namespace stratus::sql {
class Buffer;
}  // namespace stratus::sql

namespace stratus::formats::text {

/// How a text file is compressed, which Hive and Athena tell by its name.
enum class TextCompression : uint8_t { kNone, kGzip, kZstd, kBzip2 };

/// Returns the compression of an object by its key's extension (.gz, .zst,
/// .bz2; case-insensitive); kNone otherwise.
TextCompression CompressionForKey(std::string_view key);

/// Reads a whole compressed object and returns its decompressed bytes in a
/// buffer with `padding` zero bytes after them (Buffer::size() includes the
/// padding; *size gets the data's length). Concatenated gzip members and
/// bzip2 streams are read one after another, as gzip and Hadoop do. Corrupt
/// input is Corruption; more than `max_bytes` decompressed is ResourceExhausted.
Result<std::shared_ptr<sql::Buffer>> ReadDecompressed(const lake::ObjectReader& source,
                                                      TextCompression compression,
                                                      size_t padding,
                                                      size_t max_bytes,
                                                      size_t* size);

}  // namespace stratus::formats::text
