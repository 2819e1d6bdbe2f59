#pragma once

// Loading a table's metadata and choosing the snapshot a query reads:
// the current one, one by id (FOR VERSION AS OF), or the one current at a
// time (FOR TIMESTAMP AS OF, from the snapshot log as Trino does).
//
// Thread safety: free functions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "formats/iceberg/table_io.h"
#include "formats/iceberg/table_metadata.h"

namespace stratus::formats::iceberg {

/// Reads and parses a metadata file (s3:// or file:// URI, resolved through `io`).
Result<TableMetadata> LoadTableMetadata(TableIo& io, std::string_view metadata_location);

/// Finds the newest metadata file of a table directory without a catalog:
/// metadata/version-hint.text when present, else the highest-numbered
/// `*.metadata.json` ("00003-<uuid>.metadata.json" or "v3.metadata.json").
Result<std::string> FindLatestMetadata(TableIo& io, std::string_view table_location);

/// Which snapshot to read.
struct SnapshotSelector {
  enum class Kind : uint8_t { kCurrent, kById, kAsOfTimestamp };
  Kind kind = Kind::kCurrent;
  int64_t snapshot_id = 0;   // kById
  int64_t timestamp_ms = 0;  // kAsOfTimestamp

  static SnapshotSelector Current() { return {}; }

  static SnapshotSelector ById(int64_t id) { return {.kind = Kind::kById, .snapshot_id = id}; }

  static SnapshotSelector AsOf(int64_t millis) {
    return {.kind = Kind::kAsOfTimestamp, .timestamp_ms = millis};
  }
};

/// Returns the selected snapshot, or nullptr when the table has none
/// (current of an empty table). An unknown id is NotFound ("Iceberg
/// snapshot ID does not exist: N"); a timestamp before the first snapshot is
/// InvalidArgument ("No version history table ... at or before ...").
Result<const Snapshot*> ResolveSnapshot(const TableMetadata& metadata,
                                        const SnapshotSelector& selector);

/// Returns the schema a snapshot was written with (time travel reads the
/// snapshot's schema, as Trino); the current schema when unknown.
const Schema& SchemaForSnapshot(const TableMetadata& metadata, const Snapshot* snapshot);

}  // namespace stratus::formats::iceberg
