#pragma once

// Rows of Iceberg's metadata tables with Trino's column sets, as plain
// columns and sql::Values the engine turns into batches:
//   t$snapshots   committed_at, snapshot_id, parent_id, operation, manifest_list, summary
//   t$history     made_current_at, snapshot_id, parent_id, is_current_ancestor
//   t$files       content, file_path, file_format, spec_id, record_count, file_size_in_bytes,
//                 column_sizes, value_counts, null_value_counts, nan_value_counts,
//                 lower_bounds, upper_bounds, key_metadata, split_offsets,
//                 equality_ids, sort_order_id (+ partition after spec_id when partitioned)
//   t$manifests   path, length, partition_spec_id, added_snapshot_id,
//                 added_data_files_count, added_rows_count, existing_data_files_count,
//                 existing_rows_count, deleted_data_files_count, deleted_rows_count,
//                 partition_summaries
//   t$partitions  partition (when partitioned), record_count, file_count, total_size
//
// Thread safety: free functions.

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "formats/iceberg/table_io.h"
#include "formats/iceberg/table_metadata.h"
#include "sql/types/logical_type.h"
#include "sql/types/value.h"

namespace stratus::formats::iceberg {

enum class MetadataTableKind : uint8_t { kSnapshots, kHistory, kFiles, kManifests, kPartitions };

/// Parses the suffix after '$' ("snapshots", "history", ...; case-insensitive).
Result<MetadataTableKind> ParseMetadataTableKind(std::string_view suffix);

struct MetadataTable {
  /// Column names and types, in order.
  std::vector<sql::RowField> columns = {};
  /// One value per column per row.
  std::vector<std::vector<sql::Value>> rows = {};
};

/// Builds a metadata table over the current snapshot (files, manifests,
/// partitions) or the whole history (snapshots, history).
Result<MetadataTable> BuildMetadataTable(TableIo& io,
                                         const TableMetadata& metadata,
                                         MetadataTableKind kind);

}  // namespace stratus::formats::iceberg
