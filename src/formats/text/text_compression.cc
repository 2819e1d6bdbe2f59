#include "formats/text/text_compression.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <bzlib.h>
#include <zlib.h>
#include <zstd.h>

#include "base/format.h"
#include "lake/object_store.h"
#include "sql/vector/buffer.h"

namespace stratus::formats::text {
namespace {

bool EndsWithIgnoreCase(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) {
    return false;
  }
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = text[text.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
    if (c != suffix[i]) {
      return false;
    }
  }
  return true;
}

Result<std::string> ReadWhole(const lake::ObjectReader& source) {
  std::string bytes(source.size(), '\0');
  size_t done = 0;
  while (done < bytes.size()) {
    STRATUS_ASSIGN_OR_RETURN(
        size_t n, source.ReadAt(done, std::span<char>(bytes.data() + done, bytes.size() - done)));
    if (n == 0) {
      return Status::IoError("object ended before its size");
    }
    done += n;
  }
  return bytes;
}

// Grows `out` so that at least `want` bytes are free after `used`.
Status Grow(std::string* out, size_t used, size_t want, size_t max_bytes) {
  if (out->size() - used >= want) {
    return Status::Ok();
  }
  if (used + want > max_bytes) {
    return Status::ResourceExhausted(Format("decompressed text file exceeds {} bytes", max_bytes));
  }
  out->resize(std::max(out->size() * 2, used + want));
  return Status::Ok();
}

Result<size_t> InflateGzip(const std::string& input, std::string* out, size_t max_bytes) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 32) != Z_OK) {
    return Status::Internal("inflateInit2 failed");
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));  // NOLINT
  stream.avail_in = static_cast<uInt>(input.size());
  size_t used = 0;
  Status status;
  for (;;) {
    status = Grow(out, used, 1 << 20, max_bytes);
    if (!status.ok()) {
      break;
    }
    stream.next_out = reinterpret_cast<Bytef*>(out->data() + used);
    stream.avail_out = static_cast<uInt>(std::min<size_t>(out->size() - used, 1u << 30));
    const uInt before = stream.avail_out;
    const int code = inflate(&stream, Z_NO_FLUSH);
    used += before - stream.avail_out;
    if (code == Z_STREAM_END) {
      if (stream.avail_in == 0) {
        break;
      }
      inflateReset(&stream);  // Another gzip member follows.
      continue;
    }
    if (code != Z_OK && code != Z_BUF_ERROR) {
      status =
          Status::Corruption(Format("gzip: {}", stream.msg != nullptr ? stream.msg : "bad data"));
      break;
    }
    if (code == Z_BUF_ERROR && stream.avail_in == 0) {
      status = Status::Corruption("gzip: truncated input");
      break;
    }
  }
  inflateEnd(&stream);
  if (!status.ok()) {
    return status;
  }
  return used;
}

Result<size_t> InflateZstd(const std::string& input, std::string* out, size_t max_bytes) {
  ZSTD_DCtx* context = ZSTD_createDCtx();
  ZSTD_inBuffer in{input.data(), input.size(), 0};
  size_t used = 0;
  size_t last = 0;
  Status status;
  while (in.pos < in.size) {
    status = Grow(out, used, 1 << 20, max_bytes);
    if (!status.ok()) {
      break;
    }
    ZSTD_outBuffer output{out->data() + used, out->size() - used, 0};
    last = ZSTD_decompressStream(context, &output, &in);
    used += output.pos;
    if (ZSTD_isError(last)) {
      status = Status::Corruption(Format("zstd: {}", ZSTD_getErrorName(last)));
      break;
    }
    if (output.pos == 0 && in.pos == in.size) {
      break;
    }
  }
  ZSTD_freeDCtx(context);
  if (status.ok() && last != 0) {
    status = Status::Corruption("zstd: truncated input");
  }
  if (!status.ok()) {
    return status;
  }
  return used;
}

Result<size_t> InflateBzip2(const std::string& input, std::string* out, size_t max_bytes) {
  bz_stream stream{};
  if (BZ2_bzDecompressInit(&stream, 0, 0) != BZ_OK) {
    return Status::Internal("BZ2_bzDecompressInit failed");
  }
  stream.next_in = const_cast<char*>(input.data());  // NOLINT: bzlib's API is not const.
  stream.avail_in = static_cast<unsigned>(input.size());
  size_t used = 0;
  Status status;
  for (;;) {
    status = Grow(out, used, 1 << 20, max_bytes);
    if (!status.ok()) {
      break;
    }
    stream.next_out = out->data() + used;
    stream.avail_out = static_cast<unsigned>(std::min<size_t>(out->size() - used, 1u << 30));
    const unsigned before = stream.avail_out;
    const int code = BZ2_bzDecompress(&stream);
    used += before - stream.avail_out;
    if (code == BZ_STREAM_END) {
      if (stream.avail_in == 0) {
        break;
      }
      // Another bzip2 stream follows (pbzip2 and Hadoop write several).
      char* next_in = stream.next_in;
      const unsigned avail_in = stream.avail_in;
      BZ2_bzDecompressEnd(&stream);
      stream = bz_stream{};
      BZ2_bzDecompressInit(&stream, 0, 0);
      stream.next_in = next_in;
      stream.avail_in = avail_in;
      continue;
    }
    if (code != BZ_OK) {
      status = Status::Corruption(Format("bzip2: error {}", code));
      break;
    }
    if (stream.avail_in == 0 && before == stream.avail_out) {
      status = Status::Corruption("bzip2: truncated input");
      break;
    }
  }
  BZ2_bzDecompressEnd(&stream);
  if (!status.ok()) {
    return status;
  }
  return used;
}

}  // namespace

TextCompression CompressionForKey(std::string_view key) {
  if (EndsWithIgnoreCase(key, ".gz")) {
    return TextCompression::kGzip;
  }
  if (EndsWithIgnoreCase(key, ".zst")) {
    return TextCompression::kZstd;
  }
  if (EndsWithIgnoreCase(key, ".bz2")) {
    return TextCompression::kBzip2;
  }
  return TextCompression::kNone;
}

Result<std::shared_ptr<sql::Buffer>> ReadDecompressed(const lake::ObjectReader& source,
                                                      TextCompression compression,
                                                      size_t padding,
                                                      size_t max_bytes,
                                                      size_t* size) {
  STRATUS_ASSIGN_OR_RETURN(std::string input, ReadWhole(source));
  std::string output;
  Result<size_t> used = size_t{0};
  switch (compression) {
    case TextCompression::kGzip:
      used = InflateGzip(input, &output, max_bytes);
      break;
    case TextCompression::kZstd:
      used = InflateZstd(input, &output, max_bytes);
      break;
    case TextCompression::kBzip2:
      used = InflateBzip2(input, &output, max_bytes);
      break;
    case TextCompression::kNone:
      output = std::move(input);
      used = output.size();
      break;
  }
  if (!used.ok()) {
    return used.status();
  }
  std::shared_ptr<sql::Buffer> buffer = sql::Buffer::AllocateZeroed(*used + padding);
  std::memcpy(buffer->data(), output.data(), *used);
  *size = *used;
  return buffer;
}

}  // namespace stratus::formats::text
