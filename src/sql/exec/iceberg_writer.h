#pragma once

// IcebergFileWriter: the files one statement adds to an Iceberg table, as
// Athena writes them (merge-on-read):
// - new rows (INSERT, CTAS, MERGE's inserts and updates, UPDATE) go to
//   Parquet data files, one open file per partition of the table's spec,
//   rolled when it reaches write_target_data_file_size_bytes; columns carry
//   the schema's field ids;
// - deleted rows (MERGE's deletes and updates, UPDATE, DELETE) go to
//   position delete files (file_path, pos; sorted), one per partition of
//   the data files they delete from, written at Finish().
// Files are named <data location>/<partition path>/<prefix>-<n>.parquet and
// <prefix>-<n>-deletes.parquet. Finish() returns their DataFiles (metrics
// from the Parquet footers) for the commit (formats/iceberg).
//
// Parallel writes: each driver of a statement writes through its own
// writer (MakeSibling: the same options, one shared file counter); rows go
// to the driver's own per-partition files, deletes to its own position
// lists (per data file of the base snapshot, by index into the delete
// targets). At the end one writer Absorb()s the others and Finish() writes
// every delete file once: positions sorted per data file, a repeated
// position being MERGE_TARGET_ROW_MULTIPLE_MATCHES when each row may change
// once.
//
// Rows are partitioned by the raw bytes of their partition source columns:
// the transform and the partition path are computed once per distinct
// source value, not per row. Each partition's rows are buffered (copied,
// at most 2^19 rows per writer) and reach its Parquet writer in runs of up
// to 2^14 rows, so that the column dictionaries of one file are probed
// together rather than a few rows at a time across every partition.
//
// Ownership: borrows the lake and the delete targets' DataFiles. Thread
// safety: one thread at a time per writer; siblings may run concurrently.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "formats/iceberg/data_file.h"
#include "formats/iceberg/partition_spec.h"
#include "formats/iceberg/schema.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_split_reader.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::sql {
class Batch;
class SelectionVector;
class Vector;
}  // namespace stratus::sql

namespace stratus::sql::exec {

struct IcebergWriteOptions {
  lake::Lake* lake = nullptr;
  formats::iceberg::Schema schema = {};
  formats::iceberg::PartitionSpec spec = {};
  /// Where data files go: "<table location>/data".
  std::string data_location = {};
  /// Unique per statement (the query id).
  std::string file_prefix = {};
  formats::parquet::Codec codec = formats::parquet::Codec::kZstd;
  /// write_target_data_file_size_bytes (Athena's default 512 MB).
  uint64_t target_file_bytes = uint64_t{512} << 20;
  /// The data files of the base snapshot rows may be deleted from;
  /// DeleteRow names them by index.
  std::vector<const formats::iceberg::DataFile*> delete_targets = {};
  /// MERGE: deleting the same row twice is MERGE_TARGET_ROW_MULTIPLE_MATCHES.
  bool single_change_per_row = false;
  /// Numbers the files of one statement across sibling writers (Make sets it).
  std::shared_ptr<std::atomic<uint64_t>> file_counter = nullptr;
};

/// Writes one statement's data and delete files (see the essay above).
class IcebergFileWriter {
 public:
  static Result<std::unique_ptr<IcebergFileWriter>> Make(IcebergWriteOptions options);
  ~IcebergFileWriter();
  IcebergFileWriter(const IcebergFileWriter&) = delete;
  IcebergFileWriter& operator=(const IcebergFileWriter&) = delete;

  /// Writes the selected rows (all when `rows` is null) of a batch whose
  /// first columns are the schema's top-level columns, in order.
  Status WriteRows(const Batch& batch, const SelectionVector* rows);

  /// A writer for another driver of the same statement (see the essay).
  Result<std::unique_ptr<IcebergFileWriter>> MakeSibling() const;

  /// Deletes row `position` of delete_targets[target]. A repeated position
  /// is caught at Finish() (see single_change_per_row).
  void DeleteRow(uint32_t target, int64_t position) {
    deletes_by_target_[target].push_back(position);
    ++rows_deleted_;
  }

  /// Closes a sibling's open data files and takes its files and deletes.
  /// Its written paths move here first, so that a failure still lists them.
  Status Absorb(IcebergFileWriter& sibling);

  /// The paths of the delete targets rows were deleted from so far.
  std::vector<std::string> DeletedFrom() const;

  /// Closes the open data files, writes the delete files, and returns every
  /// file written. Call once.
  Result<std::vector<formats::iceberg::DataFile>> Finish();

  /// Rows written and rows deleted so far.
  uint64_t rows_written() const { return rows_written_; }

  uint64_t rows_deleted() const { return rows_deleted_; }

  /// Every file written so far (to remove them when the commit fails).
  const std::vector<std::string>& written_paths() const { return written_paths_; }

 private:
  struct OpenFile;

  /// One partition of the spec rows were written to.
  struct Partition {
    std::string path = {};
    std::vector<sql::Value> tuple = {};
  };

  explicit IcebergFileWriter(IcebergWriteOptions options);

  /// Appends the partition key bytes of `row` (its source columns' raw
  /// values) to `key`; false when a source column has no raw form.
  bool AppendPartitionKey(const std::vector<Vector>& sources, uint32_t row, std::string* key) const;
  /// Returns the index in partitions_ of the partition of `row`.
  Result<uint32_t> PartitionOf(const Batch& batch, uint32_t row);
  Status WritePartition(uint32_t partition, const Batch& batch, const SelectionVector* rows);
  /// Hands a file's buffered rows to its Parquet writer; closes (and
  /// resets `slot`) when the file reached the target size.
  Status FlushPending(std::unique_ptr<OpenFile>& slot);
  Status CloseFile(OpenFile& file);
  std::string NextPath(const std::string& partition_path, const char* suffix);

  IcebergWriteOptions options_;
  std::vector<formats::parquet::ParquetColumn> columns_;
  std::vector<size_t> partition_sources_;  // Per spec field: the source column's index.
  std::vector<Partition> partitions_;      // In first-seen order.
  std::unordered_map<std::string, uint32_t> partition_by_key_;   // Raw key → partitions_.
  std::unordered_map<std::string, uint32_t> partition_by_path_;  // Path → partitions_.
  std::vector<std::unique_ptr<OpenFile>> open_;  // By partition index; null when none.
  /// Per delete target: its deleted positions (unsorted until Finish).
  std::vector<std::vector<int64_t>> deletes_by_target_;
  std::vector<formats::iceberg::DataFile> files_;
  std::vector<std::string> written_paths_;
  size_t pending_rows_ = 0;  // Buffered in open_, not yet in a Parquet writer.
  uint64_t rows_written_ = 0;
  uint64_t rows_deleted_ = 0;
};

}  // namespace stratus::sql::exec
