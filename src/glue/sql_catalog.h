#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glue/catalog_types.h"
#include "sql/catalog/catalog.h"

namespace stratus::glue {

class Engine;

/// The SQL engine's catalog over Glue's (glue::Engine): what Athena and
/// `stratus sql` read and write. It maps descriptors to Glue's entities as
/// Athena stores them — columns and partition keys with Hive type text,
/// parsed here into LogicalTypes; TableType EXTERNAL_TABLE / MANAGED_TABLE /
/// VIRTUAL_VIEW; views as Athena writes them (ViewOriginalText
/// "/* Presto View: <base64 JSON> */", parameter presto_view=true) — and
/// Glue's errors to Trino's (SCHEMA_NOT_FOUND, TABLE_ALREADY_EXISTS, ...).
/// Writes block until Glue's group commit has made them durable.
///
/// Ownership: borrows the engine, which must outlive it.
/// Thread safety: every method is safe from any thread, but blocks: never
/// call it on the Glue database's writer thread or an event loop.
class SqlCatalog : public sql::catalog::Catalog {
 public:
  /// `catalog_id` names the Glue catalog (the account id).
  SqlCatalog(Engine& engine, std::string catalog_id);
  ~SqlCatalog() override;

  Result<std::vector<sql::catalog::DatabaseDescriptor>> ListDatabases() override;
  Result<std::optional<sql::catalog::DatabaseDescriptor>> GetDatabase(
      std::string_view name) override;
  Status CreateDatabase(const sql::catalog::DatabaseDescriptor& database,
                        bool if_not_exists) override;
  Status DropDatabase(std::string_view name, bool if_exists, bool cascade) override;

  Result<std::vector<std::string>> ListTables(std::string_view database) override;
  Result<std::optional<sql::catalog::TableDescriptor>> GetTable(std::string_view database,
                                                                std::string_view name) override;
  Status CreateTable(const sql::catalog::TableDescriptor& table, bool if_not_exists) override;
  Status UpdateTable(const sql::catalog::TableDescriptor& table) override;
  Status DropTable(std::string_view database, std::string_view name, bool if_exists) override;

  Result<std::vector<sql::catalog::PartitionDescriptor>> ListPartitions(
      std::string_view database, std::string_view table) override;
  Status AddPartitions(std::string_view database,
                       std::string_view table,
                       const std::vector<sql::catalog::PartitionDescriptor>& partitions,
                       bool if_not_exists) override;
  Status DropPartitions(std::string_view database,
                        std::string_view table,
                        const std::vector<std::vector<std::string>>& values,
                        bool if_exists) override;

 private:
  Engine& engine_;
  std::string catalog_id_;
};

/// Returns the Glue table Athena would store for `table`.
Result<TableDefinition> ToGlueTable(const sql::catalog::TableDescriptor& table);

/// Returns the engine's view of a Glue table (Hive types parsed, views decoded).
Result<sql::catalog::TableDescriptor> FromGlueTable(const Table& table);

}  // namespace stratus::glue
