#pragma once

// ParquetSplitReader: reads row groups of one Parquet file straight into
// Batches (docs/formats/parquet.md). A split is a set of row groups: the
// planner lists them with ListRowGroups() (row counts, sizes and min/max
// statistics for pruning) and hands each split the ones it owns.
//
// Columns are found by field id when the caller gives one (Iceberg), else by
// name (case-insensitively, as Athena does), and read
// as the LogicalType the table declares; a column the file lacks reads as
// NULLs. Each needed column chunk is fetched with one ranged ReadAt; pages
// are decompressed and decoded a batch at a time. Strings point into the
// decompressed pages, which the batch's vectors keep alive.
//
// Ownership: borrows the ObjectReader, which must outlive the reader.
// Thread safety: one thread at a time; readers of different splits are
// independent (ObjectReader::ReadAt is thread-safe).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "formats/parquet/parquet_metadata.h"
#include "sql/types/logical_type.h"
#include "sql/types/value.h"

namespace stratus::lake {
class ObjectReader;
}  // namespace stratus::lake

namespace stratus::sql {
class Batch;
class Buffer;
}  // namespace stratus::sql

namespace stratus::formats::parquet {

class ColumnChunkReader;
class NestedColumnReader;
struct LeafColumn;

/// One column to produce.
struct ParquetColumn {
  std::string name = {};
  sql::LogicalType type = {};
  /// Iceberg's field id. When set, the reader finds the column by it (so
  /// renamed columns still read) and the writer stores it in the schema.
  std::optional<int32_t> field_id = std::nullopt;
  /// For an ARRAY, MAP or ROW column, the field ids the writer stores on
  /// its element, key, value and row fields, depth first (a row's field,
  /// then that field's own children, then the next field); empty for none.
  std::vector<int32_t> nested_field_ids = {};
};

/// What to read.
struct ParquetSplit {
  /// The batch's columns, in output order. Empty produces batches with rows
  /// but no columns (count(*)).
  std::vector<ParquetColumn> columns = {};
  /// Row group indices to read, in order; empty reads all.
  std::vector<size_t> row_groups = {};
  /// The longest footer accepted.
  size_t max_footer_bytes = 64 << 20;
  /// The file's footer when the caller has read it already (split planning):
  /// the reader then reads only column chunks.
  std::shared_ptr<const FileMetaData> footer = nullptr;
};

/// Reads a file's footer. Not Parquet, or a corrupt footer, is Corruption.
Result<FileMetaData> ReadParquetFooter(const lake::ObjectReader& source,
                                       size_t max_footer_bytes = 64 << 20);

/// Returns the file's top-level columns with the LogicalType each reads
/// as most naturally (docs/formats/parquet.md, "Types"; LIST, MAP and
/// groups as ARRAY, MAP and ROW), in file order; a column with a part of
/// no natural type is left out.
Result<std::vector<ParquetColumn>> InferColumns(const FileMetaData& metadata);

/// One column's statistics in one row group. min_value and max_value are
/// PLAIN-encoded values (little-endian numbers, raw bytes for strings) as
/// the file holds them; min and max are the same decoded as the column's
/// natural type (InferColumns), when the file has them and they decode.
struct ColumnStatistics {
  std::string name = {};
  PhysicalKind type = PhysicalKind::kBoolean;
  std::optional<int32_t> field_id = std::nullopt;
  /// The column chunk's index in its row group (nested leaves count too).
  size_t chunk_index = 0;
  int64_t num_values = 0;
  std::optional<int64_t> null_count = std::nullopt;
  std::optional<std::string> min_value = std::nullopt;
  std::optional<std::string> max_value = std::nullopt;
  std::optional<sql::Value> min = std::nullopt;
  std::optional<sql::Value> max = std::nullopt;
};

/// One row group, for split planning and pruning.
struct RowGroupInfo {
  size_t index = 0;
  int64_t num_rows = 0;
  int64_t total_byte_size = 0;
  /// Flat columns only, in file order: leaves below a LIST, MAP or group
  /// are left out, so that no filter on a nested column prunes.
  std::vector<ColumnStatistics> columns = {};
};

/// Lists the row groups of a file with their statistics.
Result<std::vector<RowGroupInfo>> ListRowGroups(const FileMetaData& metadata);

/// Reads one split into batches (see the essay at the top of this file).
class ParquetSplitReader {
 public:
  /// Reads the footer and resolves the columns: a column of a type the
  /// file cannot produce (a flat type from a nested column, or the other
  /// way round) is InvalidArgument, or NotImplemented.
  /// REQUIRES: `source` outlives the reader.
  static Result<std::unique_ptr<ParquetSplitReader>> Open(const lake::ObjectReader& source,
                                                          ParquetSplit split);
  ~ParquetSplitReader();

  /// Fills *batch with up to kBatchRows rows; returns false (leaving *batch
  /// alone) when the split has no more.
  Result<bool> Next(sql::Batch* batch);

  const FileMetaData& metadata() const { return *metadata_; }

  /// The position in the file of the first row of the batch the last Next()
  /// returned (rows are numbered from 0 across the file's row groups).
  int64_t batch_position() const { return batch_position_; }

  /// Bytes read from the source so far (the footer included).
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  ParquetSplitReader(const lake::ObjectReader& source, ParquetSplit split);

  Status Resolve();
  Status StartRowGroup(size_t group);
  // Reads a column chunk's bytes into *chunk (reused when nothing else holds it).
  Status FetchChunk(const ColumnMetaData& meta, std::shared_ptr<sql::Buffer>* chunk);

  const lake::ObjectReader& source_;
  ParquetSplit split_;
  std::shared_ptr<const FileMetaData> metadata_;
  std::vector<LeafColumn> leaves_;
  std::vector<std::optional<size_t>> column_leaf_;  // Per output column; none = absent.
  std::vector<std::unique_ptr<ColumnChunkReader>> readers_;
  // Per output column of an ARRAY, MAP or ROW type found in the file.
  std::vector<std::unique_ptr<NestedColumnReader>> nested_;
  // Per output column, the last chunk's bytes, reused by the next row group
  // when nothing else holds them.
  std::vector<std::shared_ptr<sql::Buffer>> chunks_;
  size_t next_group_ = 0;      // Into split_.row_groups.
  int64_t rows_left_ = 0;      // In the current row group.
  int64_t next_position_ = 0;  // Of the next row to read, in the file.
  int64_t batch_position_ = 0;
  uint64_t bytes_read_ = 0;
};

}  // namespace stratus::formats::parquet
