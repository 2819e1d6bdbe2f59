#include <algorithm>
#include <cstring>

#include "formats/parquet/parquet_encoding_internal.h"

namespace stratus::formats::parquet {
namespace {

Status Truncated() {
  return Status::Corruption("parquet: encoded values run past their page");
}

bool ReadVarint(const uint8_t*& data, const uint8_t* end, uint64_t* value) {
  *value = 0;
  for (int shift = 0; shift < 64 && data < end; shift += 7) {
    const uint8_t byte = *data++;
    *value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      return true;
    }
  }
  return false;
}

void WriteVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

// Reads `width` bits (<= 64) at bit `bit` of `data`, LSB first. REQUIRES:
// the bytes covering them are readable.
uint64_t ReadBits(const uint8_t* data, size_t bit, int width) {
  if (width == 0) {
    return 0;
  }
  const uint8_t* p = data + bit / 8;
  const int shift = static_cast<int>(bit % 8);
  const int bytes = (shift + width + 7) / 8;
  uint64_t low = 0;
  std::memcpy(&low, p, static_cast<size_t>(std::min(bytes, 8)));
  uint64_t value = low >> shift;
  if (bytes > 8) {  // Only when shift > 0.
    value |= static_cast<uint64_t>(p[8]) << (64 - shift);
  }
  return width == 64 ? value : value & ((uint64_t{1} << width) - 1);
}

}  // namespace

int BitWidth(uint64_t max_value) {
  int width = 0;
  while (max_value != 0) {
    ++width;
    max_value >>= 1;
  }
  return width;
}

Status RleBitPackedDecoder::NextRun() {
  uint64_t header = 0;
  if (!ReadVarint(data_, end_, &header)) {
    return Truncated();
  }
  if (header & 1) {
    const uint64_t groups = header >> 1;
    const size_t bytes = static_cast<size_t>(bit_width_);  // Per group of 8 values.
    if (groups == 0 || groups > (uint64_t{1} << 28) ||
        groups * bytes > static_cast<size_t>(end_ - data_)) {
      return Truncated();
    }
    packed_ = data_;
    packed_bit_ = 0;
    packed_left_ = groups * 8;
    data_ += groups * bytes;
  } else {
    // An empty run is legal (some writers pad with one); it still consumes
    // its header, so decoding always progresses.
    rle_left_ = header >> 1;
    const size_t bytes = (static_cast<size_t>(bit_width_) + 7) / 8;
    if (static_cast<size_t>(end_ - data_) < bytes) {
      return Truncated();
    }
    run_value_ = 0;
    std::memcpy(&run_value_, data_, bytes);
    data_ += bytes;
  }
  return Status::Ok();
}

bool RleBitPackedDecoder::TakeRun(size_t count, uint32_t* value) {
  if (rle_left_ < count) {
    return false;
  }
  rle_left_ -= count;
  *value = run_value_;
  return true;
}

Status RleBitPackedDecoder::Decode(uint32_t* out, size_t count) {
  if (bit_width_ > 32 || bit_width_ < 0) {
    return Status::Corruption("parquet: bad bit width");
  }
  size_t done = 0;
  while (done < count) {
    if (rle_left_ > 0) {
      const size_t n = std::min(rle_left_, count - done);
      std::fill_n(out + done, n, run_value_);
      rle_left_ -= n;
      done += n;
    } else if (packed_left_ > 0) {
      const size_t n = std::min(packed_left_, count - done);
      const auto width = static_cast<size_t>(bit_width_);
      const uint64_t mask = (uint64_t{1} << width) - 1;  // width <= 32.
      size_t i = 0;
      // One unaligned 8-byte load per value (shift + width <= 39 bits) while
      // those 8 bytes lie before end_.
      for (; i < n; ++i) {
        const size_t bit = packed_bit_ + i * width;
        const uint8_t* p = packed_ + bit / 8;
        if (end_ - p < 8) {
          break;
        }
        uint64_t word = 0;
        std::memcpy(&word, p, 8);
        out[done + i] = static_cast<uint32_t>((word >> (bit % 8)) & mask);
      }
      // The last value's bytes may end exactly at end_: ReadBits reads
      // whole bytes covering the bits only.
      for (; i < n; ++i) {
        out[done + i] =
            static_cast<uint32_t>(ReadBits(packed_, packed_bit_ + i * width, bit_width_));
      }
      packed_bit_ += n * width;
      packed_left_ -= n;
      done += n;
    } else {
      STRATUS_RETURN_IF_ERROR(NextRun());
    }
  }
  return Status::Ok();
}

void EncodeRleBitPacked(std::span<const uint32_t> values, int bit_width, std::string* out) {
  const size_t run_bytes = (static_cast<size_t>(bit_width) + 7) / 8;
  size_t i = 0;
  std::vector<uint32_t> literal;
  auto flush_literal = [&] {
    if (literal.empty()) {
      return;
    }
    literal.resize((literal.size() + 7) / 8 * 8, 0);
    WriteVarint(((literal.size() / 8) << 1) | 1, out);
    const size_t start = out->size();
    out->resize(start + literal.size() / 8 * static_cast<size_t>(bit_width), '\0');
    auto* bytes = reinterpret_cast<uint8_t*>(out->data() + start);
    size_t bit = 0;
    for (uint32_t value : literal) {
      for (int b = 0; b < bit_width; ++b, ++bit) {
        if ((value >> b) & 1) {
          bytes[bit / 8] |= static_cast<uint8_t>(1 << (bit % 8));
        }
      }
    }
    literal.clear();
  };
  while (i < values.size()) {
    size_t run = 1;
    while (i + run < values.size() && values[i + run] == values[i]) {
      ++run;
    }
    // Only a literal that is a whole number of groups may precede an RLE run.
    if (run >= 8 && literal.size() % 8 == 0) {
      flush_literal();
      WriteVarint(run << 1, out);
      out->append(reinterpret_cast<const char*>(&values[i]), run_bytes);
      i += run;
    } else {
      literal.push_back(values[i]);
      ++i;
    }
  }
  flush_literal();
}

Result<std::vector<int64_t>> DecodeDeltaBinaryPacked(const uint8_t* data,
                                                     size_t size,
                                                     size_t max_values,
                                                     size_t* consumed) {
  const uint8_t* p = data;
  const uint8_t* end = data + size;
  uint64_t block_size = 0;
  uint64_t miniblocks = 0;
  uint64_t total = 0;
  uint64_t first_raw = 0;
  if (!ReadVarint(p, end, &block_size) || !ReadVarint(p, end, &miniblocks) ||
      !ReadVarint(p, end, &total) || !ReadVarint(p, end, &first_raw)) {
    return Truncated();
  }
  if (block_size == 0 || block_size % 128 != 0 || block_size > (1 << 20) || miniblocks == 0 ||
      block_size % miniblocks != 0 || (block_size / miniblocks) % 32 != 0 || total > max_values) {
    return Status::Corruption("parquet: bad DELTA_BINARY_PACKED header");
  }
  const uint64_t per_mini = block_size / miniblocks;
  std::vector<int64_t> values;
  values.reserve(total);
  uint64_t last = (first_raw >> 1) ^ (~(first_raw & 1) + 1);
  if (total > 0) {
    values.push_back(static_cast<int64_t>(last));
  }
  while (values.size() < total) {
    uint64_t min_raw = 0;
    if (!ReadVarint(p, end, &min_raw)) {
      return Truncated();
    }
    const uint64_t min_delta = (min_raw >> 1) ^ (~(min_raw & 1) + 1);
    if (static_cast<uint64_t>(end - p) < miniblocks) {
      return Truncated();
    }
    const uint8_t* widths = p;
    p += miniblocks;
    for (uint64_t m = 0; m < miniblocks && values.size() < total; ++m) {
      const int width = widths[m];
      if (width > 64) {
        return Status::Corruption("parquet: bad DELTA_BINARY_PACKED bit width");
      }
      const uint64_t bytes = per_mini * static_cast<uint64_t>(width) / 8;
      if (static_cast<uint64_t>(end - p) < bytes) {
        return Truncated();
      }
      for (uint64_t i = 0; i < per_mini && values.size() < total; ++i) {
        // Wrapping arithmetic, as the format specifies.
        last += min_delta + ReadBits(p, i * static_cast<uint64_t>(width), width);
        values.push_back(static_cast<int64_t>(last));
      }
      p += bytes;
    }
  }
  *consumed = static_cast<size_t>(p - data);
  return values;
}

}  // namespace stratus::formats::parquet
