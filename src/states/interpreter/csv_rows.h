#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::states::interpreter {

/// Splits CSV text into rows of fields, one row per call: RFC 4180 with the
/// leniency of common readers. Rows end at "\n", "\r\n" or "\r"; a field in
/// double quotes may hold the delimiter, line breaks and "" (one quote); a
/// quote inside an unquoted field, or text after a closing quote, is kept
/// as it is. Empty lines are skipped (",," is a row of three empty fields);
/// a UTF-8 byte order mark at the start is dropped.
///
/// Thread safety: none. Borrows `text`, which must outlive the reader.
class CsvRows {
 public:
  CsvRows(std::string_view text, char delimiter);

  /// Reads the next row into *row. Returns false at the end of the text;
  /// InvalidArgument for a quoted field that never closes.
  Result<bool> Next(std::vector<std::string>* row);

 private:
  std::string_view text_;
  char delimiter_;
  size_t at_ = 0;
};

}  // namespace stratus::states::interpreter
