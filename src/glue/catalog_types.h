#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace stratus::glue {

// The Glue Data Catalog's entities as the engine keeps them: databases,
// tables (with their archived versions) and partitions. Plain values with
// no JSON and no wire names; glue/api/ maps them to the model's shapes.
// Times are milliseconds since the Unix epoch; 0 means unset.

/// Receives the result of an engine write after its commit.
template <typename T>
using Done = std::function<void(Result<T>)>;

/// String → string properties (table, database, serde, column parameters).
using Parameters = std::map<std::string, std::string>;

/// One column (or partition key) of a table.
struct Column {
  std::string name = {};
  std::string type = {};  // Hive type text as written: "string", "int", "array<string>".
  std::string comment = {};
  Parameters parameters = {};

  friend bool operator==(const Column&, const Column&) = default;
};

/// How rows are (de)serialized: LazySimpleSerDe, OpenCSVSerde, JsonSerDe...
struct SerDeInfo {
  std::string name = {};
  std::string serialization_library = {};
  Parameters parameters = {};

  friend bool operator==(const SerDeInfo&, const SerDeInfo&) = default;
};

/// A sort column of a bucketed table; sort_order 1 ascending, 0 descending.
struct SortColumn {
  std::string column = {};
  int sort_order = 1;

  friend bool operator==(const SortColumn&, const SortColumn&) = default;
};

/// Where a table's or partition's data lives and how it is stored.
struct StorageDescriptor {
  std::vector<Column> columns = {};
  std::string location = {};
  std::vector<std::string> additional_locations = {};
  std::string input_format = {};
  std::string output_format = {};
  bool compressed = false;
  int64_t number_of_buckets = 0;
  std::optional<SerDeInfo> serde_info = std::nullopt;
  std::vector<std::string> bucket_columns = {};
  std::vector<SortColumn> sort_columns = {};
  Parameters parameters = {};
  bool stored_as_sub_directories = false;

  friend bool operator==(const StorageDescriptor&, const StorageDescriptor&) = default;
};

/// Which principals get which permissions on tables created in a database.
struct PrincipalPermissions {
  std::string principal = {};  // DataLakePrincipalIdentifier, e.g. "IAM_ALLOWED_PRINCIPALS".
  std::vector<std::string> permissions = {};

  friend bool operator==(const PrincipalPermissions&, const PrincipalPermissions&) = default;
};

/// What a caller sets on a database (CreateDatabase / UpdateDatabase).
struct DatabaseDefinition {
  std::string name = {};
  std::string description = {};
  std::string location_uri = {};
  Parameters parameters = {};
  std::vector<PrincipalPermissions> create_table_default_permissions = {};

  friend bool operator==(const DatabaseDefinition&, const DatabaseDefinition&) = default;
};

/// A database as stored.
struct Database {
  std::string catalog_id = {};
  DatabaseDefinition definition = {};  // definition.name is the stored (lowercase) name.
  int64_t created_millis = 0;
};

/// A reference to a table in another catalog or database (resource links).
struct TableIdentifier {
  std::string catalog_id = {};
  std::string database_name = {};
  std::string name = {};
  std::string region = {};

  friend bool operator==(const TableIdentifier&, const TableIdentifier&) = default;
};

/// What a caller sets on a table (CreateTable / UpdateTable's TableInput).
struct TableDefinition {
  std::string name = {};
  std::string description = {};
  std::string owner = {};
  int64_t last_access_millis = 0;
  int64_t last_analyzed_millis = 0;
  int64_t retention = 0;
  std::optional<StorageDescriptor> storage = std::nullopt;
  std::vector<Column> partition_keys = {};
  std::string view_original_text = {};
  std::string view_expanded_text = {};
  std::string table_type = {};  // EXTERNAL_TABLE, VIRTUAL_VIEW, GOVERNED...; may be empty.
  Parameters parameters = {};   // e.g. table_type=ICEBERG, metadata_location=s3://...
  std::optional<TableIdentifier> target_table = std::nullopt;

  friend bool operator==(const TableDefinition&, const TableDefinition&) = default;
};

/// A table (or one archived version of it) as stored.
struct Table {
  std::string catalog_id = {};
  std::string database_name = {};
  TableDefinition definition = {};  // definition.name is the stored (lowercase) name.
  int64_t created_millis = 0;
  int64_t updated_millis = 0;
  /// The version this definition is: 0 when created, +1 per UpdateTable.
  int64_t version = 0;
};

/// What a caller sets on a partition (PartitionInput).
struct PartitionDefinition {
  std::vector<std::string> values = {};  // One per partition key, in key order.
  int64_t last_access_millis = 0;
  int64_t last_analyzed_millis = 0;
  std::optional<StorageDescriptor> storage = std::nullopt;
  Parameters parameters = {};

  friend bool operator==(const PartitionDefinition&, const PartitionDefinition&) = default;
};

/// A partition as stored.
struct Partition {
  std::string catalog_id = {};
  std::string database_name = {};
  std::string table_name = {};
  PartitionDefinition definition = {};
  int64_t created_millis = 0;
};

// References and pages ---------------------------------------------------------

/// Names a database. Names are matched case-insensitively (stored lowercase).
struct DatabaseRef {
  std::string catalog_id = {};
  std::string name = {};
};

/// Names a table.
struct TableRef {
  std::string catalog_id = {};
  std::string database = {};
  std::string name = {};
};

/// Where a listing starts and how much it returns. `token` is an opaque
/// continuation from a previous page's next_token ("" for the first page).
struct PageRequest {
  std::string token = {};
  int max_results = 100;
};

struct DatabasePage {
  std::vector<Database> databases = {};
  std::string next_token = {};  // Empty on the last page.
};

struct TablePage {
  std::vector<Table> tables = {};
  std::string next_token = {};
};

struct TableVersionPage {
  std::vector<Table> versions = {};  // Newest first.
  std::string next_token = {};
};

/// Splits a table's partitions into total_segments disjoint sets that
/// readers may list in parallel (GetPartitions' Segment).
struct Segment {
  int segment_number = 0;
  int total_segments = 1;
};

/// Which partitions a listing returns.
struct PartitionQuery {
  /// Glue's partition filter (glue/partition_expression.h); empty: all.
  std::string expression = {};
  /// A filter of the caller's own over a partition's values (one per key,
  /// in key order), e.g. the SQL engine's pruning predicate; null: all.
  /// Runs on the calling thread, inside a read; it must not call the engine.
  std::function<bool(const std::vector<std::string>& values)> predicate = nullptr;
  Segment segment = {};
  PageRequest page = {};
};

struct PartitionPage {
  std::vector<Partition> partitions = {};  // In creation order.
  std::string next_token = {};
};

/// UpdateTable's arguments. The update happens only if every given
/// expectation still holds (optimistic concurrency); otherwise the result is
/// ConcurrentModificationException and nothing changes.
struct UpdateTableRequest {
  TableRef table = {};
  TableDefinition definition = {};  // definition.name must name the same table.
  /// Do not keep the replaced definition as an archived version.
  bool skip_archive = false;
  /// Glue's VersionId: the version the caller read.
  std::optional<int64_t> expected_version = std::nullopt;
  /// A compare-and-swap on one table parameter (Iceberg's metadata_location):
  /// the current value of `first` must be `second` ("" = the parameter is
  /// absent).
  std::optional<std::pair<std::string, std::string>> expected_parameter = std::nullopt;
};

}  // namespace stratus::glue
