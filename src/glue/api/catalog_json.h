#pragma once

#include "base/json.h"
#include "base/result.h"
#include "glue/catalog_types.h"

namespace stratus::glue::api {

// The catalog's entities as the Glue model shapes them: DatabaseInput,
// TableInput and PartitionInput in; Database, Table, TableVersion and
// Partition out. Timestamps are epoch seconds; empty strings are left out.

/// Reads a DatabaseInput.
Result<DatabaseDefinition> DatabaseFromJson(const Json& input);
/// Writes a Database.
Json DatabaseToJson(const Database& database);

/// Reads a TableInput.
Result<TableDefinition> TableFromJson(const Json& input);
/// Writes a Table.
Json TableToJson(const Table& table);

/// Reads a PartitionInput.
Result<PartitionDefinition> PartitionFromJson(const Json& input);
/// Writes a Partition; without the storage descriptor's columns when
/// `exclude_columns` (GetPartitions' ExcludeColumnSchema).
Json PartitionToJson(const Partition& partition, bool exclude_columns = false);

/// Writes an ErrorDetail for a failed batch entry.
Json ErrorDetailJson(const Status& status);

}  // namespace stratus::glue::api
