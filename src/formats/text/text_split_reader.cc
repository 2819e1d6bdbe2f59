#include "formats/text/text_split_reader.h"

#include <algorithm>
#include <cstring>
#include <span>
#include <utility>

#include "base/format.h"
#include "formats/text/json_line_decoder_internal.h"
#include "formats/text/text_column_decoder_internal.h"
#include "formats/text/text_tokenizer_internal.h"
#include "lake/object_store.h"
#include "sql/vector/batch.h"
#include "sql/vector/buffer.h"
#include "sql/vector/string_heap.h"

namespace stratus::formats::text {
namespace {

// Bytes after a block's data: the tokenizer reads 16 bytes at a time, and a
// final line without '\n' gets one.
constexpr size_t kPadding = 32;

}  // namespace

TextSplitReader::TextSplitReader(const lake::ObjectReader& source, TextSplit split)
    : source_(source), split_(std::move(split)) {}

TextSplitReader::~TextSplitReader() = default;

Result<std::unique_ptr<TextSplitReader>> TextSplitReader::Open(const lake::ObjectReader& source,
                                                               TextSplit split) {
  for (const size_t index : split.projection) {
    if (index >= split.columns.size()) {
      return Status::InvalidArgument(
          Format("projected column {} of a table with {} columns", index, split.columns.size()));
    }
  }
  if (split.start > split.end || split.read_bytes == 0) {
    return Status::InvalidArgument("bad text split range");
  }
  std::unique_ptr<TextSplitReader> reader(
      new TextSplitReader(source, std::move(split)));  // STRATUS_LINT_ALLOW(private constructor)
  STRATUS_RETURN_IF_ERROR(reader->Start());
  return reader;
}

Status TextSplitReader::Start() {
  std::vector<int> slot_of_column(split_.columns.size(), -1);
  for (size_t slot = 0; slot < split_.projection.size(); ++slot) {
    slot_of_column[split_.projection[slot]] = static_cast<int>(slot);
  }
  if (split_.format.serde == TextSerde::kJson) {
    json_ = std::make_unique<JsonLineDecoder>(split_.columns, split_.projection, split_.format);
  } else {
    tokenizer_ = std::make_unique<LineTokenizer>(split_.format, std::move(slot_of_column),
                                                 split_.projection.size());
  }
  file_size_ = source_.size();
  end_ = std::min(split_.end, file_size_);
  if (split_.compression != TextCompression::kNone) {
    if (split_.start != 0) {
      done_ = true;  // A compressed file is one split: the one at 0 reads it.
      return Status::Ok();
    }
    end_ = std::numeric_limits<uint64_t>::max();
    header_lines_left_ = split_.format.skip_header_lines;
    return LoadCompressed();
  }
  if ((split_.start >= file_size_ && split_.start != 0) || split_.start == split_.end) {
    done_ = true;
    return Status::Ok();
  }
  read_position_ = split_.start;
  if (split_.start == 0) {
    header_lines_left_ = split_.format.skip_header_lines;
    return Status::Ok();
  }
  skip_first_line_ = true;
  if (split_.format.skip_header_lines > 0) {
    // The header may reach into this split: start after it if it does.
    STRATUS_ASSIGN_OR_RETURN(const uint64_t header_end, FindHeaderEnd());
    if (header_end > split_.start) {
      read_position_ = header_end;
      skip_first_line_ = false;
    }
  }
  return Status::Ok();
}

Result<uint64_t> TextSplitReader::FindHeaderEnd() {
  int lines = split_.format.skip_header_lines;
  std::string chunk(64 * 1024, '\0');
  uint64_t offset = 0;
  while (offset < file_size_) {
    STRATUS_ASSIGN_OR_RETURN(const size_t n,
                             source_.ReadAt(offset, std::span<char>(chunk.data(), chunk.size())));
    if (n == 0) {
      break;
    }
    bytes_read_ += n;
    for (size_t i = 0; i < n; ++i) {
      if (chunk[i] == '\n' && --lines == 0) {
        return offset + i + 1;
      }
    }
    offset += n;
  }
  return file_size_;
}

Status TextSplitReader::LoadCompressed() {
  size_t size = 0;
  STRATUS_ASSIGN_OR_RETURN(block_, ReadDecompressed(source_, split_.compression, kPadding + 1,
                                                    split_.max_decompressed_bytes, &size));
  bytes_read_ += file_size_;
  char* data = reinterpret_cast<char*>(block_->data());
  if (size > 0 && data[size - 1] != '\n') {
    data[size++] = '\n';
  }
  region_end_ = size;
  cursor_ = 0;
  eof_ = true;
  return Status::Ok();
}

Status TextSplitReader::LoadBlock() {
  for (;;) {
    if (eof_) {
      done_ = true;
      return Status::Ok();
    }
    if (carry_.size() > split_.max_line_bytes) {
      return Status::ResourceExhausted(
          Format("a line of the text file is longer than {} bytes", split_.max_line_bytes));
    }
    const size_t want = split_.read_bytes;
    // Reuse the last block when no batch holds it any more: fresh pages cost
    // a fault each, more than parsing them.
    const size_t need = carry_.size() + want + kPadding + 1;
    std::shared_ptr<sql::Buffer> block;
    if (block_ != nullptr && block_.use_count() == 1 && block_->size() >= need) {
      block = std::move(block_);
    } else {
      // Room for a longer carried line next time, so that the block is reusable.
      block = sql::Buffer::Allocate(need + std::max<size_t>(carry_.size(), 64 << 10));
    }
    char* data = reinterpret_cast<char*>(block->data());
    std::memcpy(data, carry_.data(), carry_.size());
    size_t n = 0;
    if (read_position_ < file_size_) {
      const size_t room =
          static_cast<size_t>(std::min<uint64_t>(want, file_size_ - read_position_));
      STRATUS_ASSIGN_OR_RETURN(
          n, source_.ReadAt(read_position_, std::span<char>(data + carry_.size(), room)));
    }
    block_offset_ = read_position_ - carry_.size();
    read_position_ += n;
    bytes_read_ += n;
    eof_ = n == 0 || read_position_ >= file_size_;
    size_t total = carry_.size() + n;
    std::memset(data + total, 0, kPadding + 1);
    const void* last_newline = total == 0 ? nullptr : memrchr(data, '\n', total);
    if (eof_) {
      if (total > 0 && data[total - 1] != '\n') {
        data[total++] = '\n';
      }
      carry_.clear();
      region_end_ = total;
    } else if (last_newline == nullptr) {
      carry_.assign(data, total);  // No complete line yet: read more.
      continue;
    } else {
      region_end_ = static_cast<size_t>(static_cast<const char*>(last_newline) - data) + 1;
      carry_.assign(data + region_end_, total - region_end_);
    }
    block_ = std::move(block);
    cursor_ = 0;
    return Status::Ok();
  }
}

bool TextSplitReader::SkipLine() {
  const char* data = reinterpret_cast<const char*>(block_->data());
  const void* newline = std::memchr(data + cursor_, '\n', region_end_ - cursor_);
  if (newline == nullptr) {
    return false;
  }
  cursor_ = static_cast<size_t>(static_cast<const char*>(newline) - data) + 1;
  return true;
}

Result<bool> TextSplitReader::Next(sql::Batch* batch) {
  while (!done_) {
    if (block_ == nullptr || cursor_ >= region_end_) {
      if (block_ != nullptr && eof_) {
        done_ = true;
        break;
      }
      STRATUS_RETURN_IF_ERROR(LoadBlock());
      continue;
    }
    if (skip_first_line_) {
      skip_first_line_ = !SkipLine();
      continue;
    }
    if (header_lines_left_ > 0) {
      if (SkipLine()) {
        --header_lines_left_;
      }
      continue;
    }
    if (block_offset_ + cursor_ > end_) {
      done_ = true;
      break;
    }
    const char* data = reinterpret_cast<const char*>(block_->data());
    const uint64_t last_start_offset = end_ - block_offset_;
    const char* last_start =
        data + static_cast<size_t>(std::min<uint64_t>(last_start_offset, region_end_));
    const char* next = nullptr;
    size_t num_rows = 0;
    std::vector<std::shared_ptr<const void>> owners = {block_};
    if (json_ != nullptr) {
      STRATUS_ASSIGN_OR_RETURN(num_rows, json_->Decode(data + cursor_, data + region_end_,
                                                       last_start, sql::kBatchRows, &next));
      owners = {json_->strings()};
    } else {
      num_rows = tokenizer_->Tokenize(data + cursor_, data + region_end_, last_start,
                                      sql::kBatchRows, &next);
      if (tokenizer_->csv_heap() != nullptr && tokenizer_->csv_heap()->allocated_bytes() > 0) {
        owners.push_back(tokenizer_->csv_heap());
      }
    }
    cursor_ = static_cast<size_t>(next - data);
    if (num_rows == 0) {
      continue;
    }
    std::vector<sql::Vector> columns;
    columns.reserve(split_.projection.size());
    for (size_t slot = 0; slot < split_.projection.size(); ++slot) {
      columns.push_back(
          DecodeColumn(split_.columns[split_.projection[slot]].type,
                       json_ != nullptr ? json_->fields(slot) : tokenizer_->fields(slot), num_rows,
                       split_.format, owners));
    }
    *batch = sql::Batch(std::move(columns), num_rows);
    return true;
  }
  return false;
}

}  // namespace stratus::formats::text
