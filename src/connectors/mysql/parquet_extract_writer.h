#pragma once

// The Parquet side of `stratus extract --format parquet`: rows of a MySQL
// text result, typed by their columns (mysql_column_type.h), gathered into
// batches and written as Parquet files that roll over at a size limit. The
// files stay uncommitted (invisible) until the extract commits them all.
//
// Ownership: borrows the lake, which must outlive the writer.
// Thread safety: one thread at a time.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "connectors/mysql/mysql_column_type.h"
#include "formats/parquet/parquet_metadata.h"

namespace stratus::lake {
class Lake;
class ObjectWriter;
}  // namespace stratus::lake

namespace stratus::formats::parquet {
class ParquetWriter;
}  // namespace stratus::formats::parquet

namespace stratus::sql {
class Vector;
}  // namespace stratus::sql

namespace stratus::connectors::mysql {

struct ParquetExtractOptions {
  formats::parquet::Codec codec = formats::parquet::Codec::kSnappy;
  /// A file closes (and the next opens) once it holds this many bytes; row
  /// groups are at most this size too.
  uint64_t file_bytes = uint64_t{128} << 20;
};

class ParquetExtractWriter {
 public:
  /// `uri_of(n)` names the n-th file (from 0).
  ParquetExtractWriter(lake::Lake& lake,
                       std::vector<MySqlColumnInfo> columns,
                       ParquetExtractOptions options,
                       std::function<std::string(size_t)> uri_of);
  ~ParquetExtractWriter();
  ParquetExtractWriter(const ParquetExtractWriter&) = delete;
  ParquetExtractWriter& operator=(const ParquetExtractWriter&) = delete;

  /// Adds one row: `fields[i]` (nullptr for NULL) of `lengths[i]` bytes, one
  /// per column. InvalidArgument names the column of a value that does not
  /// read as its type.
  Status AddRow(const char* const* fields, const unsigned long* lengths);
  /// Writes the last rows and closes the last file (an empty result still
  /// makes one file, with the schema and no rows). Commits nothing.
  Status Finish();

  /// The files, uncommitted, with their URIs (complete after Finish()).
  std::vector<std::unique_ptr<lake::ObjectWriter>>& sinks() { return sinks_; }

  const std::vector<std::string>& uris() const { return uris_; }

  /// Bytes handed to the lake so far.
  uint64_t bytes_written() const;

 private:
  Status WriteBatch();
  Status OpenFile();
  Status CloseFile();
  void StartBatch();

  lake::Lake& lake_;
  std::vector<MySqlColumnInfo> columns_;
  std::vector<ExtractColumnType> types_;
  ParquetExtractOptions options_;
  std::function<std::string(size_t)> uri_of_;
  std::vector<std::unique_ptr<lake::ObjectWriter>> sinks_;
  std::vector<std::string> uris_;
  std::unique_ptr<formats::parquet::ParquetWriter> writer_;  // The open file's.
  uint64_t closed_bytes_ = 0;                                // Of the files closed so far.
  std::vector<sql::Vector> batch_;
  size_t batch_rows_ = 0;
};

}  // namespace stratus::connectors::mysql
