#pragma once

// What GetQueryResults needs besides the rows of a result file: the columns
// as Athena describes them (ResultSetMetadata.ColumnInfo), whether the file
// starts with a header row, how many rows it holds and the update count of
// DML that writes. Kept next to the result as `<result file>.metadata`
// (docs/formats/athena.md), so results survive restarts.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::sql {
class LogicalType;
}  // namespace stratus::sql

namespace stratus::athena {

/// One column as Athena's ColumnInfo shows it.
struct ResultColumnInfo {
  std::string name = {};
  /// Athena's type name: "varchar", "integer", "decimal", "array", ...
  std::string type = {};
  int precision = 0;
  int scale = 0;
  bool case_sensitive = false;
};

/// Returns the ColumnInfo of a column named `name` of `type`.
ResultColumnInfo ColumnInfoFor(std::string name, const sql::LogicalType& type);

/// How a result file is written. Do not reorder: values are stored on disk.
enum class ResultFileFormat : uint8_t {
  /// Athena's CSV: every value double-quoted (quotes doubled), NULL an empty
  /// unquoted field, comma-separated, a header row of column names first.
  kQuotedCsv = 0,
  /// Athena's .txt for DDL and SHOW/DESCRIBE: values as they are, separated
  /// by tabs, one row per line, no header.
  kTabText = 1,
};

/// Rows between two entries of ResultMetadata::row_offsets.
inline constexpr int64_t kRowIndexStride = 1000;

struct ResultMetadata {
  std::vector<ResultColumnInfo> columns = {};
  ResultFileFormat format = ResultFileFormat::kQuotedCsv;
  /// Rows in the file, the header row included.
  int64_t num_rows = 0;
  /// Rows written by INSERT or CTAS (GetQueryResults' UpdateCount).
  std::optional<int64_t> update_count = std::nullopt;
  /// The byte offset in the result file of rows 0, kRowIndexStride,
  /// 2 × kRowIndexStride, ...: a page is read with one ranged read.
  std::vector<int64_t> row_offsets = {};
};

std::string EncodeResultMetadata(const ResultMetadata& metadata);
/// Decodes what EncodeResultMetadata wrote; Corruption when malformed.
Result<ResultMetadata> DecodeResultMetadata(std::string_view bytes);

}  // namespace stratus::athena
