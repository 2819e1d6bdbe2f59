#pragma once

// TableWriter: writes rows as new files of a Hive text table (CTAS, INSERT
// INTO), as Athena writes them:
// - LazySimpleSerDe: fields joined by the table's field delimiter (default
//   \x01), NULL as the table's null format (default \N), values in Athena's
//   text rendering (value_format.h); array elements and map entries joined by
//   the collection delimiter, map keys and values by the map-key delimiter.
// - OpenCSVSerde: every field quoted with quoteChar (quotes and escapes
//   inside escaped with escapeChar), NULL as an empty field.
// - Lines end with '\n'. Partitioned tables: the input's last columns are
//   the partition keys; rows go under <location>/<key>=<value>/ (values
//   escaped as Hive escapes path characters; NULL as
//   __HIVE_DEFAULT_PARTITION__).
// - Files are named <file_prefix>_<n> (n counts files across the writers of
//   one statement) plus ".gz", ".zst" or ".bz2" when the table property
//   write.compression (or write_compression) is GZIP, ZSTD or BZIP2; each
//   writer starts a new file every kTableFileBytes.
//
// Ownership: TableWriteTarget is shared by the writers of one statement;
// borrows the lake. Thread safety: a TableWriter is one driver's; the
// target's counters and partition list are atomic or locked.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/result.h"
#include "formats/text/text_compression.h"
#include "formats/text/text_format_options.h"
#include "sql/catalog/catalog.h"
#include "sql/vector/batch.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::sql::exec {

/// The uncompressed bytes after which a writer starts a new file.
inline constexpr size_t kTableFileBytes = 64 << 20;

/// What the writers of one statement share.
struct TableWriteTarget {
  lake::Lake* lake = nullptr;
  const catalog::TableDescriptor* table = nullptr;
  formats::text::TextFormatOptions format = {};
  std::string file_prefix = {};
  formats::text::TextCompression compression = formats::text::TextCompression::kNone;
  std::atomic<uint64_t> next_file{0};
  std::atomic<uint64_t> rows_written{0};
  std::mutex mu;
  /// The partitions written into (their values as path strings).
  std::vector<std::vector<std::string>> partitions = {};  // Guarded by mu.
};

/// Makes the shared target of a table write. Errors: unsupported serdes or
/// compression (NOT_SUPPORTED).
Result<std::shared_ptr<TableWriteTarget>> MakeTableWriteTarget(
    lake::Lake* lake, const catalog::TableDescriptor& table, std::string file_prefix);

/// Escapes a partition value for a path as Hive does ('/', '=', '%', ... as %XX).
std::string EscapePartitionValue(const std::string& value);

class TableWriter {
 public:
  explicit TableWriter(std::shared_ptr<TableWriteTarget> target);
  ~TableWriter();
  TableWriter(const TableWriter&) = delete;
  TableWriter& operator=(const TableWriter&) = delete;

  Status Write(const Batch& input);
  /// Writes what is buffered.
  Status Finish();

 private:
  struct OpenFile {
    std::string directory;
    std::string text;
  };

  Status Flush(OpenFile& file);
  void AppendField(const Vector& column, size_t row, std::string* out) const;

  std::shared_ptr<TableWriteTarget> target_;
  size_t num_partition_keys_;
  // Per partition directory (one, "", for unpartitioned tables).
  std::map<std::string, OpenFile> files_;
};

}  // namespace stratus::sql::exec
