#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "athena/athena_types.h"
#include "base/result.h"

namespace stratus::storage {
class Database;
}  // namespace stratus::storage

namespace stratus::athena {

/// athena.db (docs/formats/athena.md): query executions, work groups, named
/// queries and prepared statements. Errors are Athena's (athena/errors.h).
///
/// Durability: every write is one storage::Database work; its `done` runs
/// after the group commit, so a caller acknowledges only what is durable.
/// Reads run on read connections and see committed state.
///
/// Thread safety: every method is safe from any thread. Done callbacks run on
/// the database's writer thread and must not block.
class Store {
 public:
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  ~Store();

  /// Opens (creating) the database at `path`, migrates it and creates the
  /// `primary` work group when missing.
  static Result<std::unique_ptr<Store>> Open(const std::string& path,
                                             bool fsync,
                                             int64_t now_millis);

  /// Finishes queued writes and closes. Idempotent.
  void Stop();

  // Query executions -----------------------------------------------------------

  /// Marks every QUEUED or RUNNING execution FAILED with `reason` (a restart
  /// lost them); returns how many there were.
  Result<int> FailUnfinished(int64_t now_millis, const std::string& reason);
  /// Inserts `execution`; with a client request token already used, returns
  /// the execution it started instead (a different query string is
  /// InvalidRequestException).
  void InsertExecution(QueryExecution execution, Done<QueryExecution> done);
  /// Replaces the stored execution (state changes).
  void PutExecution(QueryExecution execution, Done<bool> done);
  /// Returns the execution, or InvalidRequestException.
  Result<QueryExecution> GetExecution(std::string_view id) const;
  /// Returns the ids of a work group's executions, newest first.
  Result<Page<std::string>> ListExecutions(std::string_view work_group,
                                           std::string_view token,
                                           int max_results) const;

  // Work groups --------------------------------------------------------------

  /// Creates a work group with its tags.
  void CreateWorkGroup(WorkGroup work_group, std::vector<Tag> tags, Done<bool> done);
  Result<WorkGroup> GetWorkGroup(std::string_view name) const;
  /// Returns every work group by name.
  Result<std::vector<WorkGroup>> ListWorkGroups() const;
  /// Replaces an existing work group.
  void PutWorkGroup(WorkGroup work_group, Done<bool> done);
  /// Deletes a work group with its named queries, prepared statements and tags.
  void DeleteWorkGroup(std::string name, Done<bool> done);

  // Named queries ------------------------------------------------------------

  /// Inserts `query`; a client request token already used returns the
  /// query it created.
  void CreateNamedQuery(NamedQuery query, Done<NamedQuery> done);
  Result<NamedQuery> GetNamedQuery(std::string_view id) const;
  /// Returns the ids of a work group's named queries, oldest first.
  Result<Page<std::string>> ListNamedQueries(std::string_view work_group,
                                             std::string_view token,
                                             int max_results) const;
  /// Replaces an existing named query (its id and work group stay).
  void UpdateNamedQuery(NamedQuery query, Done<bool> done);
  void DeleteNamedQuery(std::string id, Done<bool> done);

  // Prepared statements ------------------------------------------------------

  void CreatePreparedStatement(PreparedStatement statement, Done<bool> done);
  Result<PreparedStatement> GetPreparedStatement(std::string_view work_group,
                                                 std::string_view name) const;
  /// Returns a work group's prepared statements by name.
  Result<std::vector<PreparedStatement>> ListPreparedStatements(std::string_view work_group) const;
  void UpdatePreparedStatement(PreparedStatement statement, Done<bool> done);
  void DeletePreparedStatement(std::string work_group, std::string name, Done<bool> done);

  // Data catalogs and tags ---------------------------------------------------

  /// Registers a data catalog with its tags (InvalidRequestException when the
  /// name is taken).
  void CreateDataCatalog(DataCatalog catalog, std::vector<Tag> tags, Done<bool> done);
  /// Returns a registered catalog by name, or nullopt.
  Result<std::optional<DataCatalog>> FindDataCatalog(std::string_view name) const;
  /// Returns the registered catalogs by name.
  Result<std::vector<DataCatalog>> ListDataCatalogs() const;
  /// Replaces a registered catalog's type, description and parameters.
  void UpdateDataCatalog(DataCatalog catalog, Done<bool> done);
  /// Deletes a registered catalog and its tags; `done` gets what was deleted.
  void DeleteDataCatalog(std::string name, Done<DataCatalog> done);
  /// Adds or replaces tags of `resource` ("workgroup/<name>" or
  /// "datacatalog/<name>"); `arn` names it in ResourceNotFoundException.
  void TagResource(std::string resource, std::string arn, std::vector<Tag> tags, Done<bool> done);
  void UntagResource(std::string resource,
                     std::string arn,
                     std::vector<std::string> keys,
                     Done<bool> done);
  /// Returns a resource's tags by key.
  Result<std::vector<Tag>> ListTags(std::string_view resource, std::string_view arn) const;

 private:
  explicit Store(std::unique_ptr<storage::Database> database);

  std::unique_ptr<storage::Database> database_;
  bool stopped_ = false;
};

}  // namespace stratus::athena
