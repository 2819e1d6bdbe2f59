#pragma once

// Table creation and metadata-only changes: the empty v0 metadata of CREATE
// TABLE (with Athena's default properties), schema evolution by field id
// (ALTER TABLE ADD/DROP/RENAME COLUMNS), and property updates. Each returns
// new TableMetadata; CommitMetadata / CreateTable write it.
//
// Thread safety: free functions.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "formats/iceberg/partition_spec.h"
#include "formats/iceberg/schema.h"
#include "formats/iceberg/snapshot_producer.h"
#include "formats/iceberg/table_metadata.h"

namespace stratus::formats::iceberg {

struct NewTableOptions {
  /// The table location without a trailing slash ("s3://b/path/t").
  std::string location = {};
  std::vector<ColumnDefinition> columns = {};
  std::vector<PartitionColumn> partitioning = {};
  /// Properties as the engine maps TBLPROPERTIES; Athena's defaults are
  /// added unless set: write.format.default=PARQUET,
  /// write.parquet.compression-codec=zstd, write.object-storage.enabled=true,
  /// write.object-storage.path=<location>/data.
  std::map<std::string, std::string> properties = {};
};

/// Builds the v0 metadata of a new table (no snapshot, sequence number 0).
Result<TableMetadata> NewTableMetadata(const NewTableOptions& options,
                                       IdGenerator& ids,
                                       int64_t now_ms);

/// Builds and writes the v0 metadata file `<location>/metadata/00000-<uuid>.metadata.json`.
Result<CommitResult> CreateTable(const CommitEnv& env, const NewTableOptions& options);

/// Adds columns at the end with fresh ids (nested ones too); a name that
/// exists is AlreadyExists. The new schema gets the next schema id.
Result<TableMetadata> AddColumns(const TableMetadata& base,
                                 const std::vector<ColumnDefinition>& columns);

/// Drops a top-level column; unknown is NotFound, a partition source or the
/// last column is InvalidArgument.
Result<TableMetadata> DropColumn(const TableMetadata& base, std::string_view name);

/// Renames a top-level column, keeping its field id; unknown is NotFound,
/// an existing new name AlreadyExists. Partition field names that were
/// derived from the old name keep theirs (as Java).
Result<TableMetadata> RenameColumn(const TableMetadata& base,
                                   std::string_view from,
                                   std::string_view to);

/// Sets and removes properties.
Result<TableMetadata> UpdateProperties(const TableMetadata& base,
                                       const std::map<std::string, std::string>& set,
                                       const std::vector<std::string>& remove = {});

}  // namespace stratus::formats::iceberg
