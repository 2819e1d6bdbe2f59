#pragma once

// TableMetadata: the content of a `*.metadata.json` file (spec "Table
// Metadata"), parsed (format v1 and v2) and written (v2, every required
// field, in Java's field order). docs/formats/iceberg.md lists the fields.
//
// Thread safety: value types.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "formats/iceberg/partition_spec.h"
#include "formats/iceberg/schema.h"
#include "formats/iceberg/sort_order.h"

namespace stratus::formats::iceberg {

/// Snapshot operations (the summary's "operation").
inline constexpr char kOperationAppend[] = "append";
inline constexpr char kOperationReplace[] = "replace";
inline constexpr char kOperationOverwrite[] = "overwrite";
inline constexpr char kOperationDelete[] = "delete";

struct Snapshot {
  int64_t snapshot_id = 0;
  std::optional<int64_t> parent_snapshot_id = std::nullopt;
  int64_t sequence_number = 0;
  int64_t timestamp_ms = 0;
  /// Absolute URI of the manifest list.
  std::string manifest_list = {};
  /// summary["operation"].
  std::string operation = {};
  /// The rest of the summary, in written order.
  std::vector<std::pair<std::string, std::string>> summary = {};
  std::optional<int32_t> schema_id = std::nullopt;

  /// Returns the summary value for `key` ("operation" included), or nullptr.
  const std::string* FindSummary(std::string_view key) const;
};

struct SnapshotLogEntry {
  int64_t timestamp_ms = 0;
  int64_t snapshot_id = 0;
};

struct MetadataLogEntry {
  int64_t timestamp_ms = 0;
  std::string metadata_file = {};
};

struct SnapshotRef {
  int64_t snapshot_id = 0;
  /// "branch" or "tag".
  std::string type = "branch";
  std::optional<int32_t> min_snapshots_to_keep = std::nullopt;
  std::optional<int64_t> max_snapshot_age_ms = std::nullopt;
  std::optional<int64_t> max_ref_age_ms = std::nullopt;
};

struct TableMetadata {
  int32_t format_version = 2;
  std::string table_uuid = {};
  std::string location = {};
  int64_t last_sequence_number = 0;
  int64_t last_updated_ms = 0;
  int32_t last_column_id = 0;
  std::vector<Schema> schemas = {};
  int32_t current_schema_id = 0;
  std::vector<PartitionSpec> partition_specs = {};
  int32_t default_spec_id = 0;
  int32_t last_partition_id = kFirstPartitionFieldId - 1;
  std::map<std::string, std::string> properties = {};
  /// Unset (JSON -1 or absent) when the table has no snapshot.
  std::optional<int64_t> current_snapshot_id = std::nullopt;
  std::vector<Snapshot> snapshots = {};
  std::vector<SnapshotLogEntry> snapshot_log = {};
  std::vector<MetadataLogEntry> metadata_log = {};
  std::vector<SortOrder> sort_orders = {};
  int32_t default_sort_order_id = 0;
  /// Named references; "main" follows current_snapshot_id.
  std::map<std::string, SnapshotRef> refs = {};

  /// REQUIRES: current_schema_id names a schema (ParseTableMetadata checks).
  const Schema& current_schema() const;
  /// REQUIRES: default_spec_id names a spec (ParseTableMetadata checks).
  const PartitionSpec& default_spec() const;
  const Schema* FindSchema(int32_t schema_id) const;
  const PartitionSpec* FindSpec(int32_t spec_id) const;
  const Snapshot* FindSnapshot(int64_t snapshot_id) const;
  /// Returns the current snapshot, or nullptr for a table without one.
  const Snapshot* current_snapshot() const;
  /// Returns the property, or `fallback` when unset.
  std::string Property(std::string_view key, std::string_view fallback = {}) const;
};

/// Parses metadata JSON, v1 or v2 (v1's "schema"/"partition-spec" become
/// one-element lists). Missing required fields or dangling ids are Corruption.
Result<TableMetadata> ParseTableMetadata(std::string_view json);

/// Writes v2 metadata JSON, pretty-printed as Java does (2-space indent).
std::string SerializeTableMetadata(const TableMetadata& metadata);

}  // namespace stratus::formats::iceberg
