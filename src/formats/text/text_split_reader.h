#pragma once

// TextSplitReader: reads one split of a Hive text file (LazySimpleSerDe,
// OpenCSVSerde or JsonSerDe, text_format_options.h) straight into Batches, as Athena reads
// it (docs/sql/text_tables.md).
//
// Splits follow Hadoop's LineRecordReader, so that the splits of a file read
// every line exactly once: a split [start, end) reads the lines that *start*
// in (start, end] — and the line at 0 when start is 0. A split that does not
// start at 0 therefore skips to just past the first '\n' at or after
// `start`, and every split reads the line that crosses its end. An empty
// split (start == end) reads nothing. Lines end at
// '\n' ("\r\n" too: the '\r' is dropped); the last line needs no '\n'.
// skip.header.line.count drops the first N lines of the file, whichever
// split they fall in. Compressed files (.gz, .zst, .bz2) cannot be split:
// they are read whole by the split that starts at 0.
//
// Bytes come through lake::ObjectReader (ranged reads), so file:// and s3://
// objects read alike. Reads are blocks of `read_bytes`; strings point into
// the block they were read in (the batch keeps it alive), so a batch never
// spans two blocks and may hold fewer than kBatchRows rows.
//
// Ownership: borrows the ObjectReader, which must outlive the reader.
// Thread safety: one thread at a time; readers of different splits are
// independent (ObjectReader::ReadAt is thread-safe).

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "formats/text/text_compression.h"
#include "formats/text/text_format_options.h"
#include "sql/types/logical_type.h"

namespace stratus::lake {
class ObjectReader;
}  // namespace stratus::lake

namespace stratus::sql {
class Batch;
class Buffer;
}  // namespace stratus::sql

namespace stratus::formats::text {

class JsonLineDecoder;
class LineTokenizer;

/// One column of a text table, in file order.
struct TextColumn {
  std::string name = {};
  sql::LogicalType type = {};
};

/// What to read: the table's columns, which of them to produce, the format
/// and the byte range.
struct TextSplit {
  /// The table's data columns in file order (not the partition keys).
  std::vector<TextColumn> columns = {};
  /// Indices into `columns` of the batch's columns, in output order. Empty
  /// produces batches with rows but no columns (count(*)).
  std::vector<size_t> projection = {};
  TextFormatOptions format = {};
  TextCompression compression = TextCompression::kNone;
  uint64_t start = 0;
  /// Exclusive; clipped to the object's size.
  uint64_t end = std::numeric_limits<uint64_t>::max();
  /// Bytes per ranged read.
  size_t read_bytes = 4 << 20;
  /// The longest line, and the most a compressed file may expand to.
  size_t max_line_bytes = 256 << 20;
  size_t max_decompressed_bytes = size_t{8} << 30;
};

/// Reads one split into batches (see the essay at the top of this file).
class TextSplitReader {
 public:
  /// Checks the split and prepares to read. REQUIRES: `source` outlives the reader.
  static Result<std::unique_ptr<TextSplitReader>> Open(const lake::ObjectReader& source,
                                                       TextSplit split);
  ~TextSplitReader();

  /// Fills *batch with the next rows; returns false (and leaves *batch
  /// alone) when the split has no more. I/O errors and oversized lines are errors;
  /// malformed fields are NULLs, never errors; a malformed JSON line is
  /// HIVE_BAD_DATA unless ignore.malformed.json.
  Result<bool> Next(sql::Batch* batch);

  /// Bytes read from the source so far (compressed bytes for compressed files).
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  TextSplitReader(const lake::ObjectReader& source, TextSplit split);

  Status Start();
  Status LoadBlock();
  Status LoadCompressed();
  Result<uint64_t> FindHeaderEnd();
  // Skips one line at the cursor; false when the block has no complete line left.
  bool SkipLine();

  const lake::ObjectReader& source_;
  TextSplit split_;
  std::unique_ptr<LineTokenizer> tokenizer_;
  std::unique_ptr<JsonLineDecoder> json_;  // Instead of tokenizer_ for JsonSerDe.
  uint64_t file_size_ = 0;
  uint64_t end_ = 0;            // Lines starting at offsets <= end_ are ours.
  uint64_t read_position_ = 0;  // The next file offset to read.
  uint64_t bytes_read_ = 0;
  bool eof_ = false;  // Nothing left to read from the source.
  bool done_ = false;
  bool skip_first_line_ = false;
  int header_lines_left_ = 0;
  std::string carry_;  // The partial line at the end of the last block.
  std::shared_ptr<sql::Buffer> block_;
  uint64_t block_offset_ = 0;  // The file offset of block_'s first byte.
  size_t cursor_ = 0;          // The next line in block_.
  size_t region_end_ = 0;      // Just past the last complete line in block_.
};

}  // namespace stratus::formats::text
