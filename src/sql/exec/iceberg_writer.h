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
// Ownership: borrows the lake. Thread safety: one thread at a time.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
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

  /// Deletes row `position` of `data_file` (an entry of the base snapshot).
  /// With `once`, deleting the same row twice is
  /// MERGE_TARGET_ROW_MULTIPLE_MATCHES.
  Status DeleteRow(const formats::iceberg::DataFile& data_file, int64_t position, bool once);

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

  struct DeleteGroup {
    int32_t spec_id = 0;
    std::vector<sql::Value> partition = {};
    /// Data file path → its deleted positions (unsorted until Finish).
    std::map<std::string, std::vector<int64_t>> positions = {};
  };

  explicit IcebergFileWriter(IcebergWriteOptions options);

  Status WritePartition(const std::string& path,
                        std::vector<sql::Value> tuple,
                        const Batch& batch,
                        const SelectionVector* rows);
  Status CloseFile(OpenFile& file);
  std::string NextPath(const std::string& partition_path, const char* suffix);

  IcebergWriteOptions options_;
  std::vector<formats::parquet::ParquetColumn> columns_;
  std::vector<size_t> partition_sources_;  // Per spec field: the source column's index.
  std::map<std::string, std::unique_ptr<OpenFile>> open_;  // By partition path.
  std::map<std::string, DeleteGroup> deletes_;             // By spec id + partition path.
  std::unordered_map<std::string, std::unordered_set<int64_t>> deleted_once_;
  std::vector<formats::iceberg::DataFile> files_;
  std::vector<std::string> written_paths_;
  uint64_t next_file_ = 0;
  uint64_t rows_written_ = 0;
  uint64_t rows_deleted_ = 0;
};

}  // namespace stratus::sql::exec
