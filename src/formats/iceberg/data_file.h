#pragma once

// The manifest model (spec "Manifests", "Manifest Lists"): DataFile (a data
// or delete file with its partition tuple and column metrics by field id),
// ManifestEntry (a file's status in one snapshot, with sequence numbers),
// and ManifestFile (one manifest as the manifest list describes it).
//
// Bounds are kept in Iceberg's single-value binary serialization, exactly as
// manifests store them; DecodeBounds turns them into sql::Values.
//
// Thread safety: value types.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "formats/iceberg/schema.h"
#include "sql/types/value.h"

namespace stratus::formats::iceberg {

/// data_file.content. Values are the spec's: do not reorder.
enum class FileContent : int32_t { kData = 0, kPositionDeletes = 1, kEqualityDeletes = 2 };

/// manifest_entry.status. Values are the spec's: do not reorder.
enum class EntryStatus : int32_t { kExisting = 0, kAdded = 1, kDeleted = 2 };

/// manifest_file.content. Values are the spec's: do not reorder.
enum class ManifestContent : int32_t { kData = 0, kDeletes = 1 };

/// Field ids of the position delete file columns (spec "Position Delete Files").
inline constexpr int32_t kDeleteFilePathFieldId = 2147483546;
inline constexpr int32_t kDeletePosFieldId = 2147483545;

struct DataFile {
  FileContent content = FileContent::kData;
  /// Absolute URI, as written in the manifest.
  std::string file_path = {};
  /// "PARQUET", "AVRO" or "ORC".
  std::string file_format = "PARQUET";
  /// The spec the partition tuple belongs to (the manifest's partition-spec-id).
  int32_t spec_id = 0;
  /// One value per partition field of that spec (typed as the transform's result).
  std::vector<sql::Value> partition = {};
  int64_t record_count = 0;
  int64_t file_size_in_bytes = 0;
  std::map<int32_t, int64_t> column_sizes = {};
  std::map<int32_t, int64_t> value_counts = {};
  std::map<int32_t, int64_t> null_value_counts = {};
  std::map<int32_t, int64_t> nan_value_counts = {};
  /// Single-value serialized bounds (SerializeSingleValue).
  std::map<int32_t, std::string> lower_bounds = {};
  std::map<int32_t, std::string> upper_bounds = {};
  std::optional<std::string> key_metadata = std::nullopt;
  std::vector<int64_t> split_offsets = {};
  /// Equality delete files only: the field ids the rows are matched on.
  std::vector<int32_t> equality_ids = {};
  std::optional<int32_t> sort_order_id = std::nullopt;
};

struct ManifestEntry {
  EntryStatus status = EntryStatus::kAdded;
  /// Null in a file means "inherit from the manifest list"; ReadManifest fills it.
  std::optional<int64_t> snapshot_id = std::nullopt;
  /// The data sequence number (inherited for ADDED entries written as null).
  std::optional<int64_t> sequence_number = std::nullopt;
  std::optional<int64_t> file_sequence_number = std::nullopt;
  DataFile data_file = {};
};

/// One partition field's summary over a manifest's files.
struct PartitionFieldSummary {
  bool contains_null = false;
  std::optional<bool> contains_nan = std::nullopt;
  /// Single-value serialized, of the partition field's result type.
  std::optional<std::string> lower_bound = std::nullopt;
  std::optional<std::string> upper_bound = std::nullopt;
};

/// One manifest_file record of a manifest list.
struct ManifestFile {
  std::string manifest_path = {};
  int64_t manifest_length = 0;
  int32_t partition_spec_id = 0;
  ManifestContent content = ManifestContent::kData;
  int64_t sequence_number = 0;
  int64_t min_sequence_number = 0;
  int64_t added_snapshot_id = 0;
  int32_t added_files_count = 0;
  int32_t existing_files_count = 0;
  int32_t deleted_files_count = 0;
  int64_t added_rows_count = 0;
  int64_t existing_rows_count = 0;
  int64_t deleted_rows_count = 0;
  std::vector<PartitionFieldSummary> partitions = {};
  std::optional<std::string> key_metadata = std::nullopt;
};

/// One column's decoded bounds and counts.
struct ColumnStats {
  std::optional<sql::Value> lower = std::nullopt;
  std::optional<sql::Value> upper = std::nullopt;
  std::optional<int64_t> value_count = std::nullopt;
  std::optional<int64_t> null_count = std::nullopt;
  std::optional<int64_t> nan_count = std::nullopt;
};

/// Decodes a file's metrics for the primitive fields of `schema` (fields
/// the schema no longer has are left out; undecodable bounds are dropped).
std::map<int32_t, ColumnStats> DecodeColumnStats(const DataFile& file, const Schema& schema);

}  // namespace stratus::formats::iceberg
