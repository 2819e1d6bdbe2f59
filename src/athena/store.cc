#include "athena/store.h"

#include <charconv>
#include <functional>
#include <initializer_list>
#include <optional>
#include <utility>
#include <vector>

#include "athena/errors.h"
#include "athena/record_codec.h"
#include "athena/schema.h"
#include "storage/database.h"
#include "storage/result_work.h"

namespace stratus::athena {
namespace {

// Runs `work` in the next group commit; `done` gets its result after the commit.
template <typename T>
void Submit(storage::Database& database,
            std::function<Result<T>(storage::Transaction&)> work,
            Done<T> done) {
  storage::SubmitResult<T>(database, std::move(work), std::move(done));
}

// Runs `work` on a read connection.
template <typename T>
Result<T> Read(storage::Database& database,
               const std::function<Result<T>(storage::Transaction&)>& work) {
  return storage::ReadResult<T>(database, work);
}

// Parses a page token (a decimal sequence number); "" is `empty_value`.
Result<int64_t> TokenValue(std::string_view token, int64_t empty_value) {
  if (token.empty()) {
    return empty_value;
  }
  int64_t value = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || end != token.data() + token.size() || value < 0) {
    return AthenaError::InvalidRequest("Invalid NextToken.");
  }
  return value;
}

// Decodes the record in column 0 of each row `sql` returns, in order.
template <typename T>
Result<std::vector<T>> ListRecords(storage::Transaction& transaction,
                                   std::string_view sql,
                                   std::initializer_list<storage::Value> params,
                                   Result<T> (*decode)(std::string_view)) {
  std::vector<T> records;
  STRATUS_RETURN_IF_ERROR(transaction.Query(sql, params, [&](const storage::Row& row) -> Status {
    STRATUS_ASSIGN_OR_RETURN(T record, decode(row.GetText(0)));
    records.push_back(std::move(record));
    return Status::Ok();
  }));
  return records;
}

// Decodes the record in column 0 of the row `sql` returns; nullopt if none.
template <typename T>
Result<std::optional<T>> FindRecord(storage::Transaction& transaction,
                                    std::string_view sql,
                                    std::initializer_list<storage::Value> params,
                                    Result<T> (*decode)(std::string_view)) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<T> records, ListRecords(transaction, sql, params, decode));
  if (records.empty()) {
    return std::optional<T>();
  }
  return std::optional<T>(std::move(records.back()));
}

// Returns the record found, or `missing` when there was none.
template <typename T>
Result<T> FoundOr(std::optional<T> found, const std::function<Status()>& missing) {
  if (!found.has_value()) {
    return missing();
  }
  return *std::move(found);
}

Result<std::optional<QueryExecution>> FindExecution(storage::Transaction& transaction,
                                                    std::string_view sql,
                                                    const std::string& key) {
  return FindRecord(transaction, sql, {key}, DecodeExecution);
}

Result<std::optional<WorkGroup>> FindWorkGroup(storage::Transaction& transaction,
                                               const std::string& name) {
  return FindRecord(transaction, "SELECT record FROM work_groups WHERE name = ?1", {name},
                    DecodeWorkGroup);
}

Status RequireWorkGroup(storage::Transaction& transaction, const std::string& name) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<WorkGroup> found, FindWorkGroup(transaction, name));
  return found.has_value() ? Status::Ok() : AthenaError::WorkGroupNotFound(name);
}

Result<std::optional<NamedQuery>> FindNamedQuery(storage::Transaction& transaction,
                                                 std::string_view sql,
                                                 const std::string& key) {
  return FindRecord(transaction, sql, {key}, DecodeNamedQuery);
}

Result<std::optional<PreparedStatement>> FindPreparedStatement(storage::Transaction& transaction,
                                                               const std::string& work_group,
                                                               const std::string& name) {
  return FindRecord(transaction,
                    "SELECT record FROM prepared_statements WHERE work_group = ?1 AND name = ?2",
                    {work_group, name}, DecodePreparedStatement);
}

Result<std::optional<DataCatalog>> FindCatalog(storage::Transaction& transaction,
                                               const std::string& name) {
  return FindRecord(transaction, "SELECT record FROM data_catalogs WHERE name = ?1", {name},
                    DecodeDataCatalog);
}

Status PutTags(storage::Transaction& transaction,
               const std::string& resource,
               const std::vector<Tag>& tags) {
  for (const Tag& tag : tags) {
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("INSERT OR REPLACE INTO tags (resource, key, value) VALUES (?1, ?2, ?3)",
                  {resource, tag.key, tag.value})
            .status());
  }
  return Status::Ok();
}

// Fails with ResourceNotFoundException unless `resource` names a work group
// or a data catalog (AwsDataCatalog included).
Status RequireResource(storage::Transaction& transaction,
                       const std::string& resource,
                       const std::string& arn) {
  const size_t slash = resource.find('/');
  const std::string kind = resource.substr(0, slash);
  const std::string name = slash == std::string::npos ? "" : resource.substr(slash + 1);
  bool exists = false;
  if (kind == "workgroup") {
    STRATUS_ASSIGN_OR_RETURN(std::optional<WorkGroup> found, FindWorkGroup(transaction, name));
    exists = found.has_value();
  } else if (kind == "datacatalog") {
    STRATUS_ASSIGN_OR_RETURN(std::optional<DataCatalog> found, FindCatalog(transaction, name));
    exists = found.has_value() || name == "AwsDataCatalog";
  }
  return exists ? Status::Ok() : AthenaError::ResourceNotFound(arn);
}

// Reads a page of ids from `sql` (?1 key, ?2 token bound, ?3 limit + 1).
Result<Page<std::string>> IdPage(storage::Transaction& transaction,
                                 std::string_view sql,
                                 const std::string& key,
                                 int64_t bound,
                                 int max_results) {
  Page<std::string> page;
  const int64_t limit = std::max(1, max_results);
  int64_t last_seq = 0;
  STRATUS_RETURN_IF_ERROR(
      transaction.Query(sql, {key, bound, limit + 1}, [&](const storage::Row& row) -> Status {
        if (std::ssize(page.items) == limit) {
          page.next_token = std::to_string(last_seq);
          return Status::Ok();
        }
        last_seq = row.GetInt(0);
        page.items.push_back(row.GetText(1));
        return Status::Ok();
      }));
  return page;
}

// Reads a page of ids in an existing `work_group` from `sql`, as IdPage does;
// the bound of an empty `token` is `empty_bound`.
Result<Page<std::string>> WorkGroupIdPage(storage::Database& database,
                                          std::string_view sql,
                                          std::string_view work_group,
                                          std::string_view token,
                                          int64_t empty_bound,
                                          int max_results) {
  STRATUS_ASSIGN_OR_RETURN(int64_t bound, TokenValue(token, empty_bound));
  const std::string key(work_group);
  return Read<Page<std::string>>(
      database, [&](storage::Transaction& transaction) -> Result<Page<std::string>> {
        STRATUS_RETURN_IF_ERROR(RequireWorkGroup(transaction, key));
        return IdPage(transaction, sql, key, bound, max_results);
      });
}

}  // namespace

Store::Store(std::unique_ptr<storage::Database> database) : database_(std::move(database)) {}

Store::~Store() {
  Stop();
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                           bool fsync,
                                           int64_t now_millis) {
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<storage::Database> database,
      storage::Database::Open(path,
                              storage::DatabaseOptions{.fsync = fsync, .num_read_connections = 4}));
  STRATUS_RETURN_IF_ERROR(database->Migrate(SchemaMigrations()));
  // AWS: every account has the `primary` work group, which cannot be deleted.
  const std::string primary =
      EncodeWorkGroup(WorkGroup{.name = "primary", .created_millis = now_millis});
  STRATUS_RETURN_IF_ERROR(database->Write([&](storage::Transaction& transaction) -> Status {
    return transaction
        .Exec("INSERT OR IGNORE INTO work_groups (name, record) VALUES ('primary', ?1)",
              {storage::Blob{.bytes = primary}})
        .status();
  }));
  return std::unique_ptr<Store>(
      new Store(std::move(database)));  // STRATUS_LINT_ALLOW(private constructor)
}

void Store::Stop() {
  if (stopped_) {
    return;
  }
  stopped_ = true;
  database_->Stop();
}

// Query executions -------------------------------------------------------------

Result<int> Store::FailUnfinished(int64_t now_millis, const std::string& reason) {
  int num_failed = 0;
  STRATUS_RETURN_IF_ERROR(database_->Write([&](storage::Transaction& transaction) -> Status {
    STRATUS_ASSIGN_OR_RETURN(
        std::vector<QueryExecution> unfinished,
        ListRecords(transaction, "SELECT record FROM executions WHERE state < 2", {},
                    DecodeExecution));
    for (QueryExecution& execution : unfinished) {
      execution.state = QueryState::kFailed;
      execution.state_change_reason = reason;
      execution.error =
          QueryError{.category = 1, .type = 100, .retryable = true, .message = reason};
      execution.completed_millis = now_millis;
      STRATUS_RETURN_IF_ERROR(
          transaction
              .Exec("UPDATE executions SET state = ?2, record = ?3 WHERE id = ?1",
                    {execution.id, static_cast<int64_t>(execution.state),
                     storage::Blob{.bytes = EncodeExecution(execution)}})
              .status());
    }
    num_failed = static_cast<int>(unfinished.size());
    return Status::Ok();
  }));
  return num_failed;
}

void Store::InsertExecution(QueryExecution execution, Done<QueryExecution> done) {
  Submit<QueryExecution>(
      *database_,
      [execution =
           std::move(execution)](storage::Transaction& transaction) -> Result<QueryExecution> {
        STRATUS_RETURN_IF_ERROR(RequireWorkGroup(transaction, execution.work_group));
        if (!execution.client_request_token.empty()) {
          STRATUS_ASSIGN_OR_RETURN(
              std::optional<QueryExecution> earlier,
              FindExecution(transaction,
                            "SELECT record FROM executions WHERE client_request_token = ?1",
                            execution.client_request_token));
          if (earlier.has_value()) {
            // AWS: a repeated token returns the first execution; a changed
            // request with it is an error.
            if (earlier->query != execution.query) {
              return AthenaError::InvalidRequest("Idempotent parameters do not match");
            }
            return *std::move(earlier);
          }
        }
        storage::Value token = std::monostate{};
        if (!execution.client_request_token.empty()) {
          token = execution.client_request_token;
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec(
                    "INSERT INTO executions (id, work_group, client_request_token, state, record) "
                    "VALUES (?1, ?2, ?3, ?4, ?5)",
                    {execution.id, execution.work_group, token,
                     static_cast<int64_t>(execution.state),
                     storage::Blob{.bytes = EncodeExecution(execution)}})
                .status());
        return execution;
      },
      std::move(done));
}

void Store::PutExecution(QueryExecution execution, Done<bool> done) {
  Submit<bool>(
      *database_,
      [execution = std::move(execution)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("UPDATE executions SET state = ?2, record = ?3 WHERE id = ?1",
                      {execution.id, static_cast<int64_t>(execution.state),
                       storage::Blob{.bytes = EncodeExecution(execution)}})
                .status());
        return true;
      },
      std::move(done));
}

Result<QueryExecution> Store::GetExecution(std::string_view id) const {
  const std::string key(id);
  return Read<QueryExecution>(
      *database_, [&](storage::Transaction& transaction) -> Result<QueryExecution> {
        STRATUS_ASSIGN_OR_RETURN(
            std::optional<QueryExecution> found,
            FindExecution(transaction, "SELECT record FROM executions WHERE id = ?1", key));
        return FoundOr(std::move(found), [&] { return AthenaError::QueryExecutionNotFound(id); });
      });
}

Result<Page<std::string>> Store::ListExecutions(std::string_view work_group,
                                                std::string_view token,
                                                int max_results) const {
  return WorkGroupIdPage(*database_,
                         "SELECT seq, id FROM executions WHERE work_group = ?1 AND seq < ?2 "
                         "ORDER BY seq DESC LIMIT ?3",
                         work_group, token, INT64_MAX, max_results);
}

// Work groups --------------------------------------------------------------------

void Store::CreateWorkGroup(WorkGroup work_group, std::vector<Tag> tags, Done<bool> done) {
  Submit<bool>(
      *database_,
      [work_group = std::move(work_group),
       tags = std::move(tags)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(std::optional<WorkGroup> existing,
                                 FindWorkGroup(transaction, work_group.name));
        if (existing.has_value()) {
          return AthenaError::WorkGroupExists(work_group.name);
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT INTO work_groups (name, record) VALUES (?1, ?2)",
                      {work_group.name, storage::Blob{.bytes = EncodeWorkGroup(work_group)}})
                .status());
        STRATUS_RETURN_IF_ERROR(PutTags(transaction, "workgroup/" + work_group.name, tags));
        return true;
      },
      std::move(done));
}

Result<WorkGroup> Store::GetWorkGroup(std::string_view name) const {
  const std::string key(name);
  return Read<WorkGroup>(*database_, [&](storage::Transaction& transaction) -> Result<WorkGroup> {
    STRATUS_ASSIGN_OR_RETURN(std::optional<WorkGroup> found, FindWorkGroup(transaction, key));
    return FoundOr(std::move(found), [&] { return AthenaError::WorkGroupNotFound(name); });
  });
}

Result<std::vector<WorkGroup>> Store::ListWorkGroups() const {
  return Read<std::vector<WorkGroup>>(
      *database_, [&](storage::Transaction& transaction) -> Result<std::vector<WorkGroup>> {
        return ListRecords(transaction, "SELECT record FROM work_groups ORDER BY name", {},
                           DecodeWorkGroup);
      });
}

void Store::PutWorkGroup(WorkGroup work_group, Done<bool> done) {
  Submit<bool>(
      *database_,
      [work_group = std::move(work_group)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(RequireWorkGroup(transaction, work_group.name));
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("UPDATE work_groups SET record = ?2 WHERE name = ?1",
                      {work_group.name, storage::Blob{.bytes = EncodeWorkGroup(work_group)}})
                .status());
        return true;
      },
      std::move(done));
}

void Store::DeleteWorkGroup(std::string name, Done<bool> done) {
  Submit<bool>(
      *database_,
      [name = std::move(name)](storage::Transaction& transaction) -> Result<bool> {
        if (name == "primary") {
          return AthenaError::InvalidRequest("Primary WorkGroup cannot be deleted.");
        }
        STRATUS_RETURN_IF_ERROR(RequireWorkGroup(transaction, name));
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM named_queries WHERE work_group = ?1", {name}).status());
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM prepared_statements WHERE work_group = ?1", {name})
                .status());
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM work_groups WHERE name = ?1", {name}).status());
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM tags WHERE resource = ?1", {"workgroup/" + name})
                .status());
        return true;
      },
      std::move(done));
}

// Named queries ------------------------------------------------------------------

void Store::CreateNamedQuery(NamedQuery query, Done<NamedQuery> done) {
  Submit<NamedQuery>(
      *database_,
      [query = std::move(query)](storage::Transaction& transaction) -> Result<NamedQuery> {
        STRATUS_RETURN_IF_ERROR(RequireWorkGroup(transaction, query.work_group));
        if (!query.client_request_token.empty()) {
          // AWS: a repeated ClientRequestToken returns the query it created.
          std::optional<NamedQuery> earlier;
          STRATUS_RETURN_IF_ERROR(transaction.Query(
              "SELECT record FROM named_queries WHERE work_group = ?1", {query.work_group},
              [&](const storage::Row& row) -> Status {
                STRATUS_ASSIGN_OR_RETURN(NamedQuery stored, DecodeNamedQuery(row.GetText(0)));
                if (stored.client_request_token == query.client_request_token) {
                  earlier = std::move(stored);
                }
                return Status::Ok();
              }));
          if (earlier.has_value()) {
            return *std::move(earlier);
          }
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT INTO named_queries (id, work_group, record) VALUES (?1, ?2, ?3)",
                      {query.id, query.work_group, storage::Blob{.bytes = EncodeNamedQuery(query)}})
                .status());
        return query;
      },
      std::move(done));
}

Result<NamedQuery> Store::GetNamedQuery(std::string_view id) const {
  const std::string key(id);
  return Read<NamedQuery>(*database_, [&](storage::Transaction& transaction) -> Result<NamedQuery> {
    STRATUS_ASSIGN_OR_RETURN(
        std::optional<NamedQuery> found,
        FindNamedQuery(transaction, "SELECT record FROM named_queries WHERE id = ?1", key));
    return FoundOr(std::move(found), [&] { return AthenaError::NamedQueryNotFound(id); });
  });
}

Result<Page<std::string>> Store::ListNamedQueries(std::string_view work_group,
                                                  std::string_view token,
                                                  int max_results) const {
  return WorkGroupIdPage(*database_,
                         "SELECT seq, id FROM named_queries WHERE work_group = ?1 AND seq > ?2 "
                         "ORDER BY seq LIMIT ?3",
                         work_group, token, 0, max_results);
}

void Store::UpdateNamedQuery(NamedQuery query, Done<bool> done) {
  Submit<bool>(
      *database_,
      [query = std::move(query)](storage::Transaction& transaction) mutable -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(
            std::optional<NamedQuery> found,
            FindNamedQuery(transaction, "SELECT record FROM named_queries WHERE id = ?1",
                           query.id));
        if (!found.has_value()) {
          return AthenaError::NamedQueryNotFound(query.id);
        }
        query.work_group = found->work_group;
        query.client_request_token = found->client_request_token;
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("UPDATE named_queries SET record = ?2 WHERE id = ?1",
                      {query.id, storage::Blob{.bytes = EncodeNamedQuery(query)}})
                .status());
        return true;
      },
      std::move(done));
}

void Store::DeleteNamedQuery(std::string id, Done<bool> done) {
  Submit<bool>(
      *database_,
      [id = std::move(id)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(int64_t deleted,
                                 transaction.Exec("DELETE FROM named_queries WHERE id = ?1", {id}));
        if (deleted == 0) {
          return AthenaError::NamedQueryNotFound(id);
        }
        return true;
      },
      std::move(done));
}

// Prepared statements ----------------------------------------------------------------

void Store::CreatePreparedStatement(PreparedStatement statement, Done<bool> done) {
  Submit<bool>(
      *database_,
      [statement = std::move(statement)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(RequireWorkGroup(transaction, statement.work_group));
        STRATUS_ASSIGN_OR_RETURN(
            std::optional<PreparedStatement> existing,
            FindPreparedStatement(transaction, statement.work_group, statement.name));
        if (existing.has_value()) {
          return AthenaError::PreparedStatementExists(statement.name);
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT INTO prepared_statements (work_group, name, record) "
                      "VALUES (?1, ?2, ?3)",
                      {statement.work_group, statement.name,
                       storage::Blob{.bytes = EncodePreparedStatement(statement)}})
                .status());
        return true;
      },
      std::move(done));
}

Result<PreparedStatement> Store::GetPreparedStatement(std::string_view work_group,
                                                      std::string_view name) const {
  const std::string group_key(work_group);
  const std::string name_key(name);
  return Read<PreparedStatement>(
      *database_, [&](storage::Transaction& transaction) -> Result<PreparedStatement> {
        STRATUS_RETURN_IF_ERROR(RequireWorkGroup(transaction, group_key));
        STRATUS_ASSIGN_OR_RETURN(std::optional<PreparedStatement> found,
                                 FindPreparedStatement(transaction, group_key, name_key));
        return FoundOr(std::move(found),
                       [&] { return AthenaError::PreparedStatementNotFound(name); });
      });
}

Result<std::vector<PreparedStatement>> Store::ListPreparedStatements(
    std::string_view work_group) const {
  const std::string key(work_group);
  return Read<std::vector<PreparedStatement>>(
      *database_, [&](storage::Transaction& transaction) -> Result<std::vector<PreparedStatement>> {
        STRATUS_RETURN_IF_ERROR(RequireWorkGroup(transaction, key));
        return ListRecords(
            transaction,
            "SELECT record FROM prepared_statements WHERE work_group = ?1 ORDER BY name", {key},
            DecodePreparedStatement);
      });
}

void Store::UpdatePreparedStatement(PreparedStatement statement, Done<bool> done) {
  Submit<bool>(
      *database_,
      [statement = std::move(statement)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(RequireWorkGroup(transaction, statement.work_group));
        STRATUS_ASSIGN_OR_RETURN(
            std::optional<PreparedStatement> existing,
            FindPreparedStatement(transaction, statement.work_group, statement.name));
        if (!existing.has_value()) {
          return AthenaError::PreparedStatementNotFound(statement.name);
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("UPDATE prepared_statements SET record = ?3 "
                      "WHERE work_group = ?1 AND name = ?2",
                      {statement.work_group, statement.name,
                       storage::Blob{.bytes = EncodePreparedStatement(statement)}})
                .status());
        return true;
      },
      std::move(done));
}

void Store::DeletePreparedStatement(std::string work_group, std::string name, Done<bool> done) {
  Submit<bool>(
      *database_,
      [work_group = std::move(work_group),
       name = std::move(name)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(RequireWorkGroup(transaction, work_group));
        STRATUS_ASSIGN_OR_RETURN(
            int64_t deleted,
            transaction.Exec("DELETE FROM prepared_statements WHERE work_group = ?1 AND name = ?2",
                             {work_group, name}));
        if (deleted == 0) {
          return AthenaError::PreparedStatementNotFound(name);
        }
        return true;
      },
      std::move(done));
}

// Data catalogs and tags ---------------------------------------------------------

void Store::CreateDataCatalog(DataCatalog catalog, std::vector<Tag> tags, Done<bool> done) {
  Submit<bool>(
      *database_,
      [catalog = std::move(catalog),
       tags = std::move(tags)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(std::optional<DataCatalog> existing,
                                 FindCatalog(transaction, catalog.name));
        if (existing.has_value()) {
          return AthenaError::DataCatalogExists(catalog.name);
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT INTO data_catalogs (name, record) VALUES (?1, ?2)",
                      {catalog.name, storage::Blob{.bytes = EncodeDataCatalog(catalog)}})
                .status());
        STRATUS_RETURN_IF_ERROR(PutTags(transaction, "datacatalog/" + catalog.name, tags));
        return true;
      },
      std::move(done));
}

Result<std::optional<DataCatalog>> Store::FindDataCatalog(std::string_view name) const {
  const std::string key(name);
  return Read<std::optional<DataCatalog>>(
      *database_, [&](storage::Transaction& transaction) { return FindCatalog(transaction, key); });
}

Result<std::vector<DataCatalog>> Store::ListDataCatalogs() const {
  return Read<std::vector<DataCatalog>>(
      *database_, [&](storage::Transaction& transaction) -> Result<std::vector<DataCatalog>> {
        return ListRecords(transaction, "SELECT record FROM data_catalogs ORDER BY name", {},
                           DecodeDataCatalog);
      });
}

void Store::UpdateDataCatalog(DataCatalog catalog, Done<bool> done) {
  Submit<bool>(
      *database_,
      [catalog = std::move(catalog)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(
            int64_t updated,
            transaction.Exec("UPDATE data_catalogs SET record = ?2 WHERE name = ?1",
                             {catalog.name, storage::Blob{.bytes = EncodeDataCatalog(catalog)}}));
        if (updated == 0) {
          return AthenaError::DataCatalogNotFound(catalog.name);
        }
        return true;
      },
      std::move(done));
}

void Store::DeleteDataCatalog(std::string name, Done<DataCatalog> done) {
  Submit<DataCatalog>(
      *database_,
      [name = std::move(name)](storage::Transaction& transaction) -> Result<DataCatalog> {
        STRATUS_ASSIGN_OR_RETURN(std::optional<DataCatalog> found, FindCatalog(transaction, name));
        if (!found.has_value()) {
          return AthenaError::DataCatalogNotFound(name);
        }
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM data_catalogs WHERE name = ?1", {name}).status());
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM tags WHERE resource = ?1", {"datacatalog/" + name})
                .status());
        return *std::move(found);
      },
      std::move(done));
}

void Store::TagResource(std::string resource,
                        std::string arn,
                        std::vector<Tag> tags,
                        Done<bool> done) {
  Submit<bool>(
      *database_,
      [resource = std::move(resource), arn = std::move(arn),
       tags = std::move(tags)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(RequireResource(transaction, resource, arn));
        STRATUS_RETURN_IF_ERROR(PutTags(transaction, resource, tags));
        return true;
      },
      std::move(done));
}

void Store::UntagResource(std::string resource,
                          std::string arn,
                          std::vector<std::string> keys,
                          Done<bool> done) {
  Submit<bool>(
      *database_,
      [resource = std::move(resource), arn = std::move(arn),
       keys = std::move(keys)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(RequireResource(transaction, resource, arn));
        for (const std::string& key : keys) {
          STRATUS_RETURN_IF_ERROR(
              transaction.Exec("DELETE FROM tags WHERE resource = ?1 AND key = ?2", {resource, key})
                  .status());
        }
        return true;
      },
      std::move(done));
}

Result<std::vector<Tag>> Store::ListTags(std::string_view resource, std::string_view arn) const {
  const std::string key(resource);
  const std::string name(arn);
  return Read<std::vector<Tag>>(
      *database_, [&](storage::Transaction& transaction) -> Result<std::vector<Tag>> {
        STRATUS_RETURN_IF_ERROR(RequireResource(transaction, key, name));
        std::vector<Tag> tags;
        STRATUS_RETURN_IF_ERROR(
            transaction.Query("SELECT key, value FROM tags WHERE resource = ?1 ORDER BY key", {key},
                              [&](const storage::Row& row) -> Status {
                                tags.push_back(Tag{.key = row.GetText(0), .value = row.GetText(1)});
                                return Status::Ok();
                              }));
        return tags;
      });
}

}  // namespace stratus::athena
