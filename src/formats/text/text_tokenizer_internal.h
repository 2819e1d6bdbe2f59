#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "formats/text/text_column_decoder_internal.h"
#include "formats/text/text_format_options.h"

namespace stratus::sql {
class StringHeap;
}  // namespace stratus::sql

namespace stratus::formats::text {

/// Splits lines into fields for one batch at a time, keeping only the fields
/// of projected columns (one "slot" per projected column).
///
/// LazySimpleSerDe lines are scanned 16 bytes at a time (SSE2) for the field
/// delimiter, '\n' and the escape byte; an escaped byte never splits, but an
/// escaped '\n' still ends the line, as Hadoop's line reader knows nothing of
/// escapes. OpenCSVSerde lines without quote or escape bytes are split on the
/// separator in place; others go through OpenCSV's parser (Trino's
/// CsvDeserializer, bug for bug) and their fields are decoded into a heap.
///
/// Thread safety: one thread at a time.
class LineTokenizer {
 public:
  /// `slot_of_column[i]` is the slot of file column i, or -1 when not projected.
  LineTokenizer(const TextFormatOptions& options,
                std::vector<int> slot_of_column,
                size_t num_slots);
  ~LineTokenizer();

  /// Tokenizes up to `max_rows` lines from `begin`. REQUIRES: [begin, end)
  /// ends with '\n', and 16 readable bytes follow `end`. Stops before a line
  /// that starts after `last_start`. Returns the number of lines; *next is
  /// where the next line starts.
  size_t Tokenize(const char* begin,
                  const char* end,
                  const char* last_start,
                  size_t max_rows,
                  const char** next);

  /// The fields of slot `slot` for the lines of the last Tokenize().
  const FieldRef* fields(size_t slot) const { return fields_[slot].data(); }

  /// The heap that decoded CSV fields point into (null until one is decoded).
  /// A new heap starts with every Tokenize() that needs one.
  const std::shared_ptr<sql::StringHeap>& csv_heap() const { return csv_heap_; }

 private:
  size_t TokenizeLazySimpleLines(const char* begin,
                                 const char* end,
                                 const char* last_start,
                                 size_t max_rows,
                                 const char** next);
  const char* TokenizeLazySimpleLine(const char* line, size_t row);
  const char* TokenizeCsvLine(const char* line, const char* end, size_t row);
  void ParseQuotedCsvLine(const char* line, const char* line_end, size_t row);

  void Emit(size_t column, size_t row, const char* begin, const char* end, uint32_t flags) {
    if (column < slot_of_column_.size() && slot_of_column_[column] >= 0) {
      fields_[static_cast<size_t>(slot_of_column_[column])][row] =
          FieldRef{.data = begin, .length = static_cast<uint32_t>(end - begin), .flags = flags};
    }
  }

  const TextFormatOptions& options_;
  std::vector<int> slot_of_column_;
  std::vector<std::vector<FieldRef>> fields_;  // [slot][row]
  std::shared_ptr<sql::StringHeap> csv_heap_;
  bool heap_used_ = false;
  std::string scratch_;
};

}  // namespace stratus::formats::text
