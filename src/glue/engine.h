#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "glue/catalog_types.h"

namespace stratus {
class Clock;
}  // namespace stratus

namespace stratus::io {
class FileSystem;
}  // namespace stratus::io

namespace stratus::storage {
class Database;
}  // namespace stratus::storage

namespace stratus::glue {

struct EngineOptions {
  /// `<data_dir>/glue.db` holds the catalog.
  std::string data_dir = {};
  /// PRAGMA synchronous=FULL (tests turn it off).
  bool fsync = true;
};

/// The Glue Data Catalog: databases, tables with their archived versions,
/// and partitions, durable in glue.db. It speaks Glue's semantics — names
/// stored lowercase and matched case-insensitively, a version per table
/// update, DeleteDatabase taking its tables and partitions along, Glue's
/// partition filter language — and its errors are Glue's (glue/errors.h),
/// but it knows nothing of HTTP or JSON. The SQL engine reads and writes
/// the catalog through it (sql::catalog::Catalog is implemented over it).
///
/// Every entity lives in a catalog, named by `catalog_id` (the account id
/// unless the caller names another).
///
/// Durability: every mutation is one storage::Database work; its `done`
/// runs after the group commit, so a caller acknowledges only what is
/// durable. Reads run on read connections and see committed state.
///
/// Thread safety: every method is safe from any thread. Done callbacks run
/// on the database's writer thread; they must not block (they may call the
/// engine's reads, and submit more writes).
class Engine {
 public:
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();

  /// Opens (creating) `<data_dir>/glue.db` and migrates it.
  static Result<std::unique_ptr<Engine>> Open(const EngineOptions& options,
                                              io::FileSystem& files,
                                              const Clock& clock);

  /// Finishes queued work and closes the database. Idempotent.
  void Stop();

  // Databases ----------------------------------------------------------------

  /// Creates a database (its name lowercased). AlreadyExistsException when
  /// the catalog has one of that name.
  void CreateDatabase(std::string catalog_id, DatabaseDefinition definition, Done<Database> done);
  /// Returns the database, or EntityNotFoundException.
  Result<Database> GetDatabase(const DatabaseRef& ref) const;
  /// Returns the catalog's databases by name, a page at a time.
  Result<DatabasePage> ListDatabases(std::string_view catalog_id, const PageRequest& page) const;
  /// Replaces the definition of the database (its name stays).
  void UpdateDatabase(DatabaseRef ref, DatabaseDefinition definition, Done<Database> done);
  /// Deletes the database with its tables, their versions and partitions.
  void DeleteDatabase(DatabaseRef ref, Done<bool> done);

  // Tables -------------------------------------------------------------------

  /// Creates a table (version 0) in an existing database.
  void CreateTable(DatabaseRef database, TableDefinition definition, Done<Table> done);
  /// Returns the table's current version, or EntityNotFoundException
  /// (for the database first, then the table).
  Result<Table> GetTable(const TableRef& ref) const;
  /// Returns the database's tables whose names match `pattern`
  /// (glue::NamePattern; "" = all), by name, a page at a time.
  Result<TablePage> ListTables(const DatabaseRef& database,
                               std::string_view pattern,
                               const PageRequest& page) const;
  /// Replaces the table's definition if the request's expectations hold,
  /// as version current+1; the replaced version stays readable through
  /// GetTableVersion unless request.skip_archive. Returns the new table.
  void UpdateTable(UpdateTableRequest request, Done<Table> done);
  /// Deletes the table with its versions and partitions.
  void DeleteTable(TableRef ref, Done<bool> done);
  /// Deletes several tables of one database in one commit; one status per
  /// name, in order (OK or EntityNotFoundException).
  void DeleteTables(DatabaseRef database,
                    std::vector<std::string> names,
                    Done<std::vector<Status>> done);

  // Table versions -------------------------------------------------------------

  /// Returns the table's kept versions, newest (the current one) first.
  Result<TableVersionPage> ListTableVersions(const TableRef& ref, const PageRequest& page) const;
  /// Returns one version (nullopt: the current one).
  Result<Table> GetTableVersion(const TableRef& ref, std::optional<int64_t> version) const;
  /// Deletes archived versions; one status per version, in order. The
  /// current version cannot be deleted (InvalidInputException).
  void DeleteTableVersions(TableRef ref,
                           std::vector<int64_t> versions,
                           Done<std::vector<Status>> done);

  // Partitions ---------------------------------------------------------------

  /// Creates partitions of a partitioned table in one commit; one status
  /// per definition, in order: OK, AlreadyExistsException, or
  /// InvalidInputException (wrong number of values). A missing database
  /// or table fails the whole call.
  void CreatePartitions(TableRef table,
                        std::vector<PartitionDefinition> definitions,
                        Done<std::vector<Status>> done);
  /// Returns the partition with these values, or EntityNotFoundException.
  Result<Partition> GetPartition(const TableRef& table,
                                 const std::vector<std::string>& values) const;
  /// Returns the partitions with these value lists that exist (those that
  /// do not are left out), in the order asked.
  Result<std::vector<Partition>> GetPartitions(
      const TableRef& table, const std::vector<std::vector<std::string>>& value_lists) const;
  /// Returns the partitions matching query.expression and query.predicate,
  /// in creation order, a page at a time. An expression Glue cannot parse,
  /// or one naming a column that is not a partition key, is
  /// InvalidInputException.
  Result<PartitionPage> ListPartitions(const TableRef& table, const PartitionQuery& query) const;
  /// Replaces the definition of the partition with `values` (the new
  /// definition's values may differ: the partition moves).
  void UpdatePartition(TableRef table,
                       std::vector<std::string> values,
                       PartitionDefinition definition,
                       Done<Partition> done);
  /// Deletes partitions in one commit; one status per value list, in order
  /// (OK or EntityNotFoundException).
  void DeletePartitions(TableRef table,
                        std::vector<std::vector<std::string>> value_lists,
                        Done<std::vector<Status>> done);

  const Clock& clock() const;
  storage::Database& database();

 private:
  struct Parts;
  explicit Engine(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace stratus::glue
