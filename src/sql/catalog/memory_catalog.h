#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/catalog/catalog.h"

namespace stratus::sql::catalog {

/// A Catalog held in memory, for tests and the sqllogictest runner. It keeps
/// the Catalog contract's names and errors (SCHEMA_NOT_FOUND, TABLE_NOT_FOUND,
/// ...) but nothing is durable. Names are lowercased as Glue stores them. It
/// starts with the database "default", as Athena's catalog does.
///
/// Ownership: owns copies of every descriptor.
/// Thread safety: every method is safe from any thread (one mutex).
class MemoryCatalog : public Catalog {
 public:
  MemoryCatalog();
  ~MemoryCatalog() override;

  Result<std::vector<DatabaseDescriptor>> ListDatabases() override;
  Result<std::optional<DatabaseDescriptor>> GetDatabase(std::string_view name) override;
  Status CreateDatabase(const DatabaseDescriptor& database, bool if_not_exists) override;
  Status DropDatabase(std::string_view name, bool if_exists, bool cascade) override;

  Result<std::vector<std::string>> ListTables(std::string_view database) override;
  Result<std::optional<TableDescriptor>> GetTable(std::string_view database,
                                                  std::string_view name) override;
  Status CreateTable(const TableDescriptor& table, bool if_not_exists) override;
  Status UpdateTable(const TableDescriptor& table) override;
  Status DropTable(std::string_view database, std::string_view name, bool if_exists) override;

  Result<std::vector<PartitionDescriptor>> ListPartitions(std::string_view database,
                                                          std::string_view table) override;
  Status AddPartitions(std::string_view database,
                       std::string_view table,
                       const std::vector<PartitionDescriptor>& partitions,
                       bool if_not_exists) override;
  Status DropPartitions(std::string_view database,
                        std::string_view table,
                        const std::vector<std::vector<std::string>>& values,
                        bool if_exists) override;

 private:
  struct TableEntry {
    TableDescriptor table;
    std::vector<PartitionDescriptor> partitions;
  };

  struct DatabaseEntry {
    DatabaseDescriptor database;
    std::map<std::string, TableEntry> tables;
  };

  // REQUIRES: mu_ held.
  Result<DatabaseEntry*> FindDatabase(std::string_view name);
  Result<TableEntry*> FindTable(std::string_view database, std::string_view name);

  std::mutex mu_;
  // Guarded by mu_.
  std::map<std::string, DatabaseEntry> databases_;
};

/// Returns the catalog's error for a missing database: SCHEMA_NOT_FOUND
/// "Schema 'db' does not exist".
Status SchemaNotFoundError(std::string_view database);
/// Returns TABLE_NOT_FOUND "Table 'awsdatacatalog.db.t' does not exist".
Status TableNotFoundError(std::string_view database, std::string_view table);

/// Returns `text` in ASCII lower case, as Glue stores names.
std::string LowercaseName(std::string_view text);

}  // namespace stratus::sql::catalog
