#pragma once

// `stratus extract`: copies a MySQL table or query result into the lake as
// Hive-compatible headerless CSV or as Parquet (typed from the result's
// columns: mysql_column_type.h), over MariaDB Connector/C with an
// unbuffered result (rows stream from the server to the lake, never all in
// memory).
//
// Objects: a full extract writes `<to>part-NNNNN.csv` (one per parallel
// range), or `<to>part-NNNNN-FFFFF.parquet` (Parquet files roll over at a
// size limit), and removes older `part-*` objects under `<to>` that this
// run did not write; an incremental one writes `<to>run-RRRRRR-part-NNNNN.csv`
// (`...-FFFFF.parquet`) and keeps earlier runs. No object becomes visible unless the whole
// extract succeeded. The incremental watermark lives in
// `<to>_stratus_extract_state.json` (docs/formats/mysql_extract_state.md),
// written after the data objects.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "connectors/mysql/mysql_url.h"
#include "connectors/mysql/parquet_extract_writer.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::connectors::mysql {

enum class ExtractFormat : uint8_t { kCsv, kParquet };

struct ExtractOptions {
  MySqlUrl source = {};
  /// `table` or `schema.table`; or else `query`.
  std::string table = {};
  std::string query = {};
  /// A lake prefix URI (s3://bucket/prefix/ or file:///dir/).
  std::string to = {};
  ExtractFormat format = ExtractFormat::kCsv;
  /// The Parquet files' codec and size (--format parquet).
  ParquetExtractOptions parquet = {};
  /// How NULL is written in CSV: "\N" (Hive's default) or "".
  std::string null_as = "\\N";
  /// Extract only rows whose column is past the last run's watermark.
  std::string incremental_column = {};
  /// Parallel connections over ranges of the table's integer primary key.
  int parallel = 1;
  /// Called now and then with the rows and bytes written so far (from any
  /// thread, never concurrently).
  std::function<void(uint64_t num_rows, uint64_t num_bytes)> on_progress = {};
};

struct ExtractSummary {
  uint64_t num_rows = 0;
  uint64_t num_bytes = 0;
  /// The objects written (lake URIs).
  std::vector<std::string> objects = {};
  /// The watermark after this run (incremental extracts).
  std::optional<std::string> watermark = std::nullopt;
  /// Why --parallel was not used, when it was asked for but not possible.
  std::string note = {};
};

/// Runs one extract. Errors: InvalidArgument (bad options), IoError (the
/// server refused the connection or lost it), NotFound (unknown table),
/// PermissionDenied (access denied), or the lake's error; none leaves an
/// object visible.
Result<ExtractSummary> RunExtract(const ExtractOptions& options, lake::Lake& lake);

}  // namespace stratus::connectors::mysql
