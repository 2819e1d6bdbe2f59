#pragma once

// The engine's view of the catalog: databases, tables, views and partitions
// with their types already parsed. Glue's SQLite is the only implementation
// in the binary (glue/sql_catalog.h adapts glue::Engine); tests may use
// MemoryCatalog (memory_catalog.h). Names are lowercase, as Glue stores
// them; Hive types are parsed into LogicalTypes (type_names.h) once here, so
// the binder never sees Hive type text.
//
// Thread safety: implementations are safe to call from any thread; calls
// block until the change is durable (run them on query threads, never on an
// event loop).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "sql/types/logical_type.h"

namespace stratus::sql::catalog {

using Properties = std::map<std::string, std::string>;

/// One column or partition key.
struct ColumnDescriptor {
  std::string name = {};
  LogicalType type = {};
  /// The type as Glue stores it ("string", "array<int>"), for SHOW CREATE TABLE and DESCRIBE.
  std::string hive_type = {};
  std::string comment = {};
};

struct DatabaseDescriptor {
  std::string name = {};
  std::string description = {};
  std::string location = {};
  Properties properties = {};
};

enum class TableKind : uint8_t {
  kExternal,  // Hive external table over files (text, JSON, Parquet...)
  kManaged,   // Hive table written by CTAS/INSERT under a location we chose
  kView,      // CREATE VIEW: view_sql is the query
  kIceberg,   // table_type=ICEBERG (issue 10)
};

/// A table or view with everything a scan needs.
struct TableDescriptor {
  std::string database = {};
  std::string name = {};
  TableKind kind = TableKind::kExternal;
  /// Data columns in file order.
  std::vector<ColumnDescriptor> columns = {};
  std::vector<ColumnDescriptor> partition_keys = {};
  /// s3://bucket/prefix/ or file:///dir/ ("" for views).
  std::string location = {};
  std::string input_format = {};
  std::string output_format = {};
  std::string serde_library = {};
  Properties serde_properties = {};
  /// TBLPROPERTIES (skip.header.line.count, projection.*, table_type, metadata_location...).
  Properties table_properties = {};
  std::string comment = {};
  /// Views: the query text as written (Glue's ViewOriginalText, decoded).
  std::string view_sql = {};
  int64_t created_millis = 0;
  /// Glue's table version, for compare-and-swap updates.
  int64_t version = 0;
};

/// One partition of a partitioned table.
struct PartitionDescriptor {
  std::vector<std::string> values = {};  // One per partition key, as strings.
  std::string location = {};
};

/// The catalog (see the essay above). Errors use sql_error.h names:
/// SCHEMA_NOT_FOUND, TABLE_NOT_FOUND, SCHEMA_ALREADY_EXISTS,
/// TABLE_ALREADY_EXISTS, SCHEMA_NOT_EMPTY, with Trino's messages
/// ("Schema 'x' does not exist", "Table 'awsdatacatalog.db.t' does not exist").
class Catalog {
 public:
  virtual ~Catalog() = default;

  virtual Result<std::vector<DatabaseDescriptor>> ListDatabases() = 0;
  /// Returns nullopt when the database does not exist.
  virtual Result<std::optional<DatabaseDescriptor>> GetDatabase(std::string_view name) = 0;
  /// With if_not_exists an existing database is not an error.
  virtual Status CreateDatabase(const DatabaseDescriptor& database, bool if_not_exists) = 0;
  /// Without cascade a database with tables is SCHEMA_NOT_EMPTY.
  virtual Status DropDatabase(std::string_view name, bool if_exists, bool cascade) = 0;

  /// Returns the names of the database's tables and views, sorted.
  virtual Result<std::vector<std::string>> ListTables(std::string_view database) = 0;
  /// Returns nullopt when the table does not exist (the database must).
  virtual Result<std::optional<TableDescriptor>> GetTable(std::string_view database,
                                                          std::string_view name) = 0;
  virtual Status CreateTable(const TableDescriptor& table, bool if_not_exists) = 0;
  /// Replaces a table's definition if its version is still `table.version`.
  virtual Status UpdateTable(const TableDescriptor& table) = 0;
  virtual Status DropTable(std::string_view database, std::string_view name, bool if_exists) = 0;

  virtual Result<std::vector<PartitionDescriptor>> ListPartitions(std::string_view database,
                                                                  std::string_view table) = 0;
  /// Adds partitions; existing ones are an error unless if_not_exists.
  virtual Status AddPartitions(std::string_view database,
                               std::string_view table,
                               const std::vector<PartitionDescriptor>& partitions,
                               bool if_not_exists) = 0;
  virtual Status DropPartitions(std::string_view database,
                                std::string_view table,
                                const std::vector<std::vector<std::string>>& values,
                                bool if_exists) = 0;
};

}  // namespace stratus::sql::catalog
