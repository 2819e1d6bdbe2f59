#pragma once

// A statement's result as Athena keeps it: the result file at the
// execution's OutputLocation ("<location><id>.csv", or ".txt" for DDL and
// SHOW/DESCRIBE) and `<that>.metadata` beside it (docs/formats/athena.md).
// ResultFileWriter writes both as the engine produces batches;
// ReadResultRows() reads a page of rows back for GetQueryResults.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "athena/result_metadata.h"
#include "base/result.h"
#include "sql/engine/engine.h"

namespace stratus::lake {
class Lake;
class ObjectWriter;
}  // namespace stratus::lake

namespace stratus::athena {

/// A ResultSink that writes the result file through the lake, rendering
/// values as Athena does (sql/types/value_format.h).
///
/// Thread safety: none; one statement's thread drives it.
class ResultFileWriter final : public sql::ResultSink {
 public:
  /// Writes `data_uri` and `data_uri + ".metadata"`. Borrows the lake.
  ResultFileWriter(lake::Lake& lake, std::string data_uri);
  ~ResultFileWriter() override;
  ResultFileWriter(const ResultFileWriter&) = delete;
  ResultFileWriter& operator=(const ResultFileWriter&) = delete;

  Status Begin(const sql::ResultDescription& description) override;
  Status Append(const sql::Batch& batch) override;

  /// Publishes the files (an empty result when Begin was never called).
  Status Finish(std::optional<int64_t> update_count);

  /// The description Begin() got (empty before).
  const sql::ResultDescription& description() const { return description_; }

  /// Bytes of the result file written so far.
  int64_t num_bytes() const { return num_bytes_; }

 private:
  Status Flush();
  // Records where the next row starts, every kRowIndexStride rows.
  void NoteRowStart();

  lake::Lake& lake_;
  std::string data_uri_;
  sql::ResultDescription description_;
  ResultMetadata metadata_;
  std::unique_ptr<lake::ObjectWriter> writer_;
  std::string buffer_;
  int64_t num_bytes_ = 0;
};

/// Rows of a result file: each value, or nullopt for NULL.
struct ResultRows {
  ResultMetadata metadata = {};
  std::vector<std::vector<std::optional<std::string>>> rows = {};
};

/// Reads rows [offset, offset + max_rows) of a result file and its metadata.
/// A missing file is NotFound.
Result<ResultRows> ReadResultRows(lake::Lake& lake,
                                  std::string_view data_uri,
                                  int64_t offset,
                                  int64_t max_rows);

/// Appends `value` to `out` as Athena's CSV field (quoted; NULL empty).
void AppendCsvField(const std::optional<std::string>& value, std::string& out);

/// Splits Athena's CSV into rows; quoted fields may hold commas, quotes and
/// newlines. An empty unquoted field is NULL.
Result<std::vector<std::vector<std::optional<std::string>>>> ParseQuotedCsv(std::string_view text);

}  // namespace stratus::athena
