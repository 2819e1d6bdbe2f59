#include <algorithm>
#include <cstring>
#include <string>

#include <lz4.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include "formats/parquet/parquet_codec_internal.h"

namespace stratus::formats::parquet {
namespace {

Status SizeMismatch() {
  return Status::Corruption("parquet: page does not decompress to its declared size");
}

Status Inflate(std::string_view input, char* out, size_t size) {
  z_stream stream{};
  // 15 + 32: accept gzip or zlib headers.
  if (inflateInit2(&stream, 15 + 32) != Z_OK) {
    return Status::Internal("parquet: inflateInit2 failed");
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(out);
  stream.avail_out = static_cast<uInt>(size);
  const int rc = inflate(&stream, Z_FINISH);
  const size_t produced = size - stream.avail_out;
  inflateEnd(&stream);
  if (rc != Z_STREAM_END) {
    return rc == Z_BUF_ERROR && produced == size ? SizeMismatch()
                                                 : Status::Corruption("parquet: bad gzip data");
  }
  return produced == size ? Status::Ok() : SizeMismatch();
}

Status Deflate(std::string_view input, std::string* out) {
  z_stream stream{};
  // 15 + 16: a gzip header, as the format requires.
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return Status::Internal("parquet: deflateInit2 failed");
  }
  const size_t start = out->size();
  const size_t bound = deflateBound(&stream, input.size());
  out->resize(start + bound);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(out->data() + start);
  stream.avail_out = static_cast<uInt>(bound);
  const int rc = deflate(&stream, Z_FINISH);
  out->resize(start + (bound - stream.avail_out));
  deflateEnd(&stream);
  return rc == Z_STREAM_END ? Status::Ok() : Status::Internal("parquet: deflate failed");
}

}  // namespace

Status CheckDecompressedSize(Codec codec, std::string_view input, size_t size) {
  switch (codec) {
    case Codec::kUncompressed:
      return input.size() == size ? Status::Ok() : SizeMismatch();
    case Codec::kSnappy: {
      size_t length = 0;
      if (!snappy::GetUncompressedLength(input.data(), input.size(), &length)) {
        return Status::Corruption("parquet: bad snappy data");
      }
      return length == size ? Status::Ok() : SizeMismatch();
    }
    case Codec::kZstd: {
      const unsigned long long length = ZSTD_getFrameContentSize(input.data(), input.size());
      if (length == ZSTD_CONTENTSIZE_ERROR) {
        return Status::Corruption("parquet: bad zstd data");
      }
      // Streams without a declared size are checked while decompressing.
      return length == ZSTD_CONTENTSIZE_UNKNOWN || length == size ? Status::Ok() : SizeMismatch();
    }
    case Codec::kGzip: {
      // A gzip trailer ends with the input size mod 2^32 (zlib streams,
      // which some writers use, have none: they are checked while inflating).
      if (input.size() < 18 || static_cast<uint8_t>(input[0]) != 0x1f ||
          static_cast<uint8_t>(input[1]) != 0x8b) {
        return Status::Ok();
      }
      uint32_t trailer = 0;
      std::memcpy(&trailer, input.data() + input.size() - 4, 4);
      return trailer == static_cast<uint32_t>(size) ? Status::Ok() : SizeMismatch();
    }
    case Codec::kLz4Raw:
      // LZ4 expands at most about 255 times.
      return size <= input.size() * 255 + 16 ? Status::Ok() : SizeMismatch();
    default:
      return Status::Ok();  // Decompress rejects the codec.
  }
}

Status Decompress(Codec codec, std::string_view input, char* out, size_t size) {
  switch (codec) {
    case Codec::kUncompressed:
      if (input.size() != size) {
        return SizeMismatch();
      }
      if (size > 0) {
        std::memcpy(out, input.data(), size);
      }
      return Status::Ok();
    case Codec::kSnappy: {
      size_t length = 0;
      if (!snappy::GetUncompressedLength(input.data(), input.size(), &length)) {
        return Status::Corruption("parquet: bad snappy data");
      }
      if (length != size) {
        return SizeMismatch();
      }
      if (!snappy::RawUncompress(input.data(), input.size(), out)) {
        return Status::Corruption("parquet: bad snappy data");
      }
      return Status::Ok();
    }
    case Codec::kGzip:
      return Inflate(input, out, size);
    case Codec::kZstd: {
      const size_t produced = ZSTD_decompress(out, size, input.data(), input.size());
      if (ZSTD_isError(produced)) {
        return Status::Corruption(std::string("parquet: bad zstd data: ") +
                                  ZSTD_getErrorName(produced));
      }
      return produced == size ? Status::Ok() : SizeMismatch();
    }
    case Codec::kLz4Raw: {
      if (input.size() > static_cast<size_t>(LZ4_MAX_INPUT_SIZE) ||
          size > static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) {
        return Status::Corruption("parquet: LZ4 page too large");
      }
      const int produced = LZ4_decompress_safe(input.data(), out, static_cast<int>(input.size()),
                                               static_cast<int>(size));
      if (produced < 0) {
        return Status::Corruption("parquet: bad LZ4 data");
      }
      return static_cast<size_t>(produced) == size ? Status::Ok() : SizeMismatch();
    }
    default:
      return Status::NotImplemented("parquet: codec " + std::to_string(static_cast<int>(codec)));
  }
}

Status Compress(Codec codec, std::string_view input, std::string* out) {
  switch (codec) {
    case Codec::kUncompressed:
      out->append(input);
      return Status::Ok();
    case Codec::kSnappy: {
      const size_t start = out->size();
      out->resize(start + snappy::MaxCompressedLength(input.size()));
      size_t length = 0;
      snappy::RawCompress(input.data(), input.size(), out->data() + start, &length);
      out->resize(start + length);
      return Status::Ok();
    }
    case Codec::kGzip:
      return Deflate(input, out);
    case Codec::kZstd: {
      const size_t start = out->size();
      out->resize(start + ZSTD_compressBound(input.size()));
      const size_t length =
          ZSTD_compress(out->data() + start, out->size() - start, input.data(), input.size(), 3);
      if (ZSTD_isError(length)) {
        return Status::Internal("parquet: zstd compression failed");
      }
      out->resize(start + length);
      return Status::Ok();
    }
    case Codec::kLz4Raw: {
      if (input.size() > static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) {
        return Status::InvalidArgument("parquet: page too large for LZ4");
      }
      const size_t start = out->size();
      const int bound = LZ4_compressBound(static_cast<int>(input.size()));
      out->resize(start + static_cast<size_t>(bound));
      const int length = LZ4_compress_default(input.data(), out->data() + start,
                                              static_cast<int>(input.size()), bound);
      if (length <= 0 && !input.empty()) {
        return Status::Internal("parquet: LZ4 compression failed");
      }
      out->resize(start + static_cast<size_t>(std::max(length, 0)));
      return Status::Ok();
    }
    default:
      return Status::NotImplemented("parquet: codec " + std::to_string(static_cast<int>(codec)));
  }
}

}  // namespace stratus::formats::parquet
