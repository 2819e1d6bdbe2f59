#pragma once

// TableWriter: writes rows as new files of a Hive table (CTAS, INSERT INTO),
// as Athena writes them. One interface, one implementation per file format:
// - text (text_table_writer.h): LazySimpleSerDe or OpenCSVSerde lines,
//   optionally compressed (gzip, zstd, bzip2) whole;
// - Parquet (parquet_table_writer.h): ParquetWriter files with the table's
//   codec (write_compression / parquet.compression: SNAPPY, ZSTD, GZIP,
//   LZ4_RAW or NONE; GZIP by default, as Athena's CTAS).
// Partitioned tables: the input's last columns are the partition keys; rows
// go under <location>/<key>=<value>/ (values escaped as Hive escapes path
// characters; NULL as __HIVE_DEFAULT_PARTITION__). Files are named
// <file_prefix>_<n> (n counts files across the writers of one statement),
// plus the compression's extension for text (".gz", ".zst", ".bz2"); each
// writer keeps one open file per partition and starts a new one every
// TableWriteTarget::file_bytes.
//
// Every finished file is recorded on the target (WrittenFile: URI, size,
// rows, partition values and, for Parquet, the footer as written), so that
// an Iceberg commit can turn them into manifest entries.
//
// Ownership: TableWriteTarget is shared by the writers of one statement;
// borrows the lake and the table. Thread safety: a TableWriter is one
// driver's; the target's counters are atomic, its lists locked.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/text/text_compression.h"
#include "formats/text/text_format_options.h"
#include "sql/catalog/catalog.h"
#include "sql/types/value.h"
#include "sql/vector/batch.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::sql::exec {

/// The uncompressed bytes after which a text writer starts a new file.
inline constexpr size_t kTableFileBytes = 64 << 20;

/// The encoded bytes after which a Parquet writer starts a new file.
inline constexpr size_t kParquetTableFileBytes = 128 << 20;

enum class TableFileFormat : uint8_t { kText, kParquet };

/// One file a table write finished.
struct WrittenFile {
  std::string uri = {};
  uint64_t size_bytes = 0;
  uint64_t num_rows = 0;
  /// The partition's values as written in the path (empty when unpartitioned).
  std::vector<std::string> partition_path_values = {};
  /// The same values typed (NULL for __HIVE_DEFAULT_PARTITION__).
  std::vector<Value> partition_values = {};
  /// Parquet files: the footer as written (row groups, column sizes,
  /// value/null counts, min/max). Null for text files.
  std::shared_ptr<const formats::parquet::FileMetaData> parquet_metadata = nullptr;
};

/// What the writers of one statement share.
struct TableWriteTarget {
  lake::Lake* lake = nullptr;
  const catalog::TableDescriptor* table = nullptr;
  TableFileFormat file_format = TableFileFormat::kText;
  /// Text tables.
  formats::text::TextFormatOptions format = {};
  formats::text::TextCompression compression = formats::text::TextCompression::kNone;
  /// Parquet tables.
  formats::parquet::Codec parquet_codec = formats::parquet::Codec::kGzip;
  /// Parquet tables: Iceberg's field ids per data column (none for Hive).
  std::vector<std::optional<int32_t>> parquet_field_ids = {};
  /// Parquet tables: TIMESTAMP(MICROS), as Iceberg wants.
  bool parquet_timestamp_micros = false;
  /// Parquet tables: the footer's key/value metadata.
  std::vector<formats::parquet::KeyValue> parquet_key_value_metadata = {};
  std::string file_prefix = {};
  /// A writer starts a new file past this size (0: the format's default).
  size_t file_bytes = 0;
  std::atomic<uint64_t> next_file{0};
  std::atomic<uint64_t> rows_written{0};
  std::mutex mu;
  /// The partitions written into (their values as path strings).
  std::vector<std::vector<std::string>> partitions = {};  // Guarded by mu.
  /// Every file finished, in no particular order.
  std::vector<WrittenFile> written_files = {};  // Guarded by mu.
};

/// Makes the shared target of a table write, choosing the format from the
/// table's serde and input format. Errors: unsupported serdes or
/// compression (NOT_SUPPORTED).
Result<std::shared_ptr<TableWriteTarget>> MakeTableWriteTarget(
    lake::Lake* lake, const catalog::TableDescriptor& table, std::string file_prefix);

/// Returns the Parquet codec of a compression name as Athena spells it
/// (write_compression: GZIP, SNAPPY, ZSTD, LZ4, NONE; case-insensitive; ""
/// is Athena's default, GZIP). Others are NOT_SUPPORTED.
Result<formats::parquet::Codec> ParquetCodecByName(const std::string& name);

/// Escapes a partition value for a path as Hive does ('/', '=', '%', ... as %XX).
std::string EscapePartitionValue(const std::string& value);

/// Writes the rows of one driver (see the essay above).
///
/// Thread safety: one driver's thread.
class TableWriter {
 public:
  virtual ~TableWriter() = default;
  TableWriter(const TableWriter&) = delete;
  TableWriter& operator=(const TableWriter&) = delete;

  /// Writes a batch whose columns are the table's data columns then its
  /// partition keys.
  virtual Status Write(const Batch& input) = 0;
  /// Writes what is buffered and closes every open file.
  virtual Status Finish() = 0;

 protected:
  TableWriter() = default;
};

/// Makes the writer for the target's format.
Result<std::unique_ptr<TableWriter>> MakeTableWriter(std::shared_ptr<TableWriteTarget> target);

}  // namespace stratus::sql::exec
