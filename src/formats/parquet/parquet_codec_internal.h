#pragma once

// Page compression codecs (docs/formats/parquet.md, "Encodings and pages").
//
// Thread safety: free functions, safe from any thread.

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"
#include "formats/parquet/parquet_metadata.h"

namespace stratus::formats::parquet {

/// Decompresses `input` into exactly `size` bytes at `out`. Bad data, or
/// data of another size, is Corruption; unsupported codecs NotImplemented.
Status Decompress(Codec codec, std::string_view input, char* out, size_t size);

/// Checks, before anything is allocated, that `input` can decompress to
/// `size` bytes: the size the stream itself declares (snappy, zstd, the gzip
/// trailer), the input's size (uncompressed), or LZ4's largest ratio. A page
/// claiming a size its bytes cannot hold is Corruption.
Status CheckDecompressedSize(Codec codec, std::string_view input, size_t size);

/// Appends `input` compressed with `codec` to *out.
Status Compress(Codec codec, std::string_view input, std::string* out);

}  // namespace stratus::formats::parquet
