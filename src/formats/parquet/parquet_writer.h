#pragma once

// ParquetWriter: writes Batches as one Parquet file (docs/formats/parquet.md,
// "What we write"; ARRAY, MAP and ROW columns as the standard LIST, MAP and
// struct groups, see "Nested columns"): every column OPTIONAL, data
// page v1 (or v2), PLAIN values (dictionary-encoded strings while the dictionary
// stays small), RLE definition levels, min/max/null-count statistics, and
// the logical type annotations Athena and Iceberg expect. Row groups close
// when their encoded values reach `row_group_bytes`; each closed row group
// is appended to the sink at once, so memory stays about one row group.
//
// Ownership: borrows the sink, which must outlive the writer; Close()
// writes the footer but does not Commit() the sink.
// Thread safety: one thread at a time.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_split_reader.h"

namespace stratus::lake {
class ObjectWriter;
}  // namespace stratus::lake

namespace stratus::sql {
class Batch;
}  // namespace stratus::sql

namespace stratus::formats::parquet {

class ColumnChunkWriter;

struct ParquetWriterOptions {
  Codec codec = Codec::kSnappy;
  /// A row group closes once its encoded values reach this size.
  size_t row_group_bytes = size_t{128} << 20;
  /// Rows per data page.
  size_t page_rows = 20000;
  /// Data page v2 (levels uncompressed ahead of the values) instead of v1.
  bool data_page_v2 = false;
  /// Timestamps as TIMESTAMP(MICROS) (Iceberg) rather than MILLIS.
  bool timestamp_micros = false;
  /// Strings fall back from dictionary to PLAIN past this dictionary size.
  size_t max_dictionary_bytes = size_t{1} << 20;
  std::string created_by = "stratus";
  /// The footer's key/value metadata (Iceberg's "iceberg.schema", ...).
  std::vector<KeyValue> key_value_metadata = {};
};

/// Writes one Parquet file (see the essay at the top of this file).
class ParquetWriter {
 public:
  /// Checks the columns' types; an unsupported one is NotImplemented.
  /// REQUIRES: `sink` outlives the writer.
  static Result<std::unique_ptr<ParquetWriter>> Make(std::vector<ParquetColumn> columns,
                                                     ParquetWriterOptions options,
                                                     lake::ObjectWriter* sink);
  ~ParquetWriter();

  /// Appends a batch whose columns match the writer's, in order.
  Status Write(const sql::Batch& batch);
  /// Flushes the last row group and writes the footer. Call once.
  Status Close();

  /// Bytes appended to the sink so far.
  uint64_t bytes_written() const { return offset_; }

  /// Rows written so far.
  int64_t num_rows() const { return metadata_.num_rows + open_rows_; }

  /// The footer as written (complete after Close()): row groups, column
  /// sizes, value and null counts and min/max, for Iceberg's manifests.
  const FileMetaData& metadata() const { return metadata_; }

 private:
  ParquetWriter(ParquetWriterOptions options, lake::ObjectWriter* sink);

  Status Append(std::string_view bytes);
  Status FlushRowGroup();

  ParquetWriterOptions options_;
  lake::ObjectWriter* sink_;
  std::vector<std::unique_ptr<ColumnChunkWriter>> columns_;
  FileMetaData metadata_;
  uint64_t offset_ = 0;
  int64_t open_rows_ = 0;  // Rows in the row group being built.
  bool closed_ = false;
};

/// Writes `batches` as one Parquet file and returns its bytes (tests, small results).
Result<std::string> WriteParquet(const std::vector<ParquetColumn>& columns,
                                 const std::vector<sql::Batch>& batches,
                                 ParquetWriterOptions options = {});

}  // namespace stratus::formats::parquet
