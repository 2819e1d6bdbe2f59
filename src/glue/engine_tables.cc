// glue::Engine: tables and their versions.

#include <limits>
#include <utility>

#include "base/format.h"
#include "glue/engine.h"
#include "glue/engine_internal.h"
#include "glue/errors.h"
#include "glue/names.h"
#include "glue/record_codec.h"

namespace stratus::glue {
namespace {

using internal::DatabaseRow;
using internal::TableRow;

constexpr int kMaxTablePage = 100;

Status InsertVersion(storage::Transaction& transaction, int64_t table_id, const Table& table) {
  return transaction
      .Exec(
          "INSERT INTO table_versions (table_id, version, updated_millis, definition) "
          "VALUES (?1, ?2, ?3, ?4)",
          {table_id, table.version, table.updated_millis,
           storage::Blob{.bytes = EncodeTable(table.definition)}})
      .status();
}

// Checks UpdateTable's optimistic-concurrency expectations against `current`.
Status CheckExpectations(const UpdateTableRequest& request, const Table& current) {
  if (request.expected_version.has_value() && *request.expected_version != current.version) {
    return GlueError::ConcurrentModification(
        "Update table failed due to concurrent modifications.");
  }
  if (request.expected_parameter.has_value()) {
    const auto& [key, expected] = *request.expected_parameter;
    auto it = current.definition.parameters.find(key);
    const std::string actual = it == current.definition.parameters.end() ? "" : it->second;
    if (actual != expected) {
      return GlueError::ConcurrentModification(
          Format("Update table failed due to concurrent modifications: parameter {} is '{}', "
                 "not '{}'.",
                 key, actual, expected));
    }
  }
  return Status::Ok();
}

Result<Table> ReadVersionRow(const storage::Row& row, const Table& current) {
  STRATUS_ASSIGN_OR_RETURN(TableDefinition definition, DecodeTable(row.GetText(2)));
  return Table{.catalog_id = current.catalog_id,
               .database_name = current.database_name,
               .definition = std::move(definition),
               .created_millis = current.created_millis,
               .updated_millis = row.GetInt(1),
               .version = row.GetInt(0)};
}

}  // namespace

void Engine::CreateTable(DatabaseRef database, TableDefinition definition, Done<Table> done) {
  definition.name = NormalizeName(definition.name);
  const int64_t now = parts_->clock->NowMillis();
  parts_->Submit<Table>(
      [database = std::move(database), definition = std::move(definition),
       now](storage::Transaction& transaction) -> Result<Table> {
        STRATUS_ASSIGN_OR_RETURN(DatabaseRow db, internal::RequireDatabase(transaction, database));
        STRATUS_ASSIGN_OR_RETURN(std::optional<TableRow> existing,
                                 internal::FindTable(transaction, db, definition.name));
        if (existing.has_value()) {
          return GlueError::AlreadyExists("Table");
        }
        Table table{.catalog_id = db.database.catalog_id,
                    .database_name = db.database.definition.name,
                    .definition = definition,
                    .created_millis = now,
                    .updated_millis = now,
                    .version = 0};
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec(
                    "INSERT INTO tables (database_id, name, version, created_millis, "
                    "updated_millis, definition) VALUES (?1, ?2, 0, ?3, ?3, ?4)",
                    {db.id, definition.name, now, storage::Blob{.bytes = EncodeTable(definition)}})
                .status());
        STRATUS_RETURN_IF_ERROR(InsertVersion(transaction, transaction.LastInsertRowId(), table));
        return table;
      },
      std::move(done));
}

Result<Table> Engine::GetTable(const TableRef& ref) const {
  return parts_->Read<Table>([&](storage::Transaction& transaction) -> Result<Table> {
    STRATUS_ASSIGN_OR_RETURN(TableRow row, internal::RequireTable(transaction, ref));
    return std::move(row.table);
  });
}

Result<TablePage> Engine::ListTables(const DatabaseRef& database,
                                     std::string_view pattern,
                                     const PageRequest& page) const {
  const int64_t limit = internal::PageSize(page.max_results, kMaxTablePage);
  const NamePattern matcher(pattern);
  return parts_->Read<TablePage>([&](storage::Transaction& transaction) -> Result<TablePage> {
    STRATUS_ASSIGN_OR_RETURN(DatabaseRow db, internal::RequireDatabase(transaction, database));
    TablePage result;
    STRATUS_RETURN_IF_ERROR(transaction.Query(
        "SELECT name, version, created_millis, updated_millis, definition FROM tables "
        "WHERE database_id = ?1 AND name > ?2 ORDER BY name",
        {db.id, NormalizeName(page.token)}, [&](const storage::Row& row) -> Status {
          if (!result.next_token.empty() || !matcher.Matches(row.GetText(0))) {
            return Status::Ok();
          }
          if (std::ssize(result.tables) == limit) {
            result.next_token = result.tables.back().definition.name;
            return Status::Ok();
          }
          STRATUS_ASSIGN_OR_RETURN(TableDefinition definition, DecodeTable(row.GetText(4)));
          result.tables.push_back(Table{.catalog_id = db.database.catalog_id,
                                        .database_name = db.database.definition.name,
                                        .definition = std::move(definition),
                                        .created_millis = row.GetInt(2),
                                        .updated_millis = row.GetInt(3),
                                        .version = row.GetInt(1)});
          return Status::Ok();
        }));
    return result;
  });
}

void Engine::UpdateTable(UpdateTableRequest request, Done<Table> done) {
  const int64_t now = parts_->clock->NowMillis();
  parts_->Submit<Table>(
      [request = std::move(request),
       now](storage::Transaction& transaction) mutable -> Result<Table> {
        STRATUS_ASSIGN_OR_RETURN(TableRow row, internal::RequireTable(transaction, request.table));
        STRATUS_RETURN_IF_ERROR(CheckExpectations(request, row.table));
        if (request.skip_archive) {
          STRATUS_RETURN_IF_ERROR(
              transaction
                  .Exec("DELETE FROM table_versions WHERE table_id = ?1 AND version = ?2",
                        {row.id, row.table.version})
                  .status());
        }
        Table table = std::move(row.table);
        table.definition = std::move(request.definition);
        table.definition.name = NormalizeName(request.table.name);
        table.version += 1;
        table.updated_millis = now;
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("UPDATE tables SET version = ?2, updated_millis = ?3, definition = ?4 "
                      "WHERE id = ?1",
                      {row.id, table.version, now,
                       storage::Blob{.bytes = EncodeTable(table.definition)}})
                .status());
        STRATUS_RETURN_IF_ERROR(InsertVersion(transaction, row.id, table));
        return table;
      },
      std::move(done));
}

void Engine::DeleteTable(TableRef ref, Done<bool> done) {
  parts_->Submit<bool>(
      [ref = std::move(ref)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(TableRow row, internal::RequireTable(transaction, ref));
        STRATUS_RETURN_IF_ERROR(internal::DeleteTableRows(transaction, row.id));
        return true;
      },
      std::move(done));
}

void Engine::DeleteTables(DatabaseRef database,
                          std::vector<std::string> names,
                          Done<std::vector<Status>> done) {
  parts_->Submit<std::vector<Status>>(
      [database = std::move(database),
       names = std::move(names)](storage::Transaction& transaction) -> Result<std::vector<Status>> {
        STRATUS_ASSIGN_OR_RETURN(DatabaseRow db, internal::RequireDatabase(transaction, database));
        std::vector<Status> statuses;
        statuses.reserve(names.size());
        for (const std::string& name : names) {
          STRATUS_ASSIGN_OR_RETURN(std::optional<TableRow> row,
                                   internal::FindTable(transaction, db, name));
          if (!row.has_value()) {
            statuses.push_back(GlueError::TableNotFound(NormalizeName(name)));
            continue;
          }
          STRATUS_RETURN_IF_ERROR(internal::DeleteTableRows(transaction, row->id));
          statuses.push_back(Status::Ok());
        }
        return statuses;
      },
      std::move(done));
}

// Versions -----------------------------------------------------------------------

Result<TableVersionPage> Engine::ListTableVersions(const TableRef& ref,
                                                   const PageRequest& page) const {
  STRATUS_ASSIGN_OR_RETURN(int64_t after, internal::NumericToken(page.token));
  const int64_t below = page.token.empty() ? std::numeric_limits<int64_t>::max() : after;
  const int64_t limit = internal::PageSize(page.max_results, kMaxTablePage);
  return parts_->Read<TableVersionPage>(
      [&](storage::Transaction& transaction) -> Result<TableVersionPage> {
        STRATUS_ASSIGN_OR_RETURN(TableRow row, internal::RequireTable(transaction, ref));
        TableVersionPage result;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT version, updated_millis, definition FROM table_versions "
            "WHERE table_id = ?1 AND version < ?2 ORDER BY version DESC LIMIT ?3",
            {row.id, below, limit + 1}, [&](const storage::Row& version_row) -> Status {
              if (std::ssize(result.versions) == limit) {
                result.next_token = std::to_string(result.versions.back().version);
                return Status::Ok();
              }
              STRATUS_ASSIGN_OR_RETURN(Table version, ReadVersionRow(version_row, row.table));
              result.versions.push_back(std::move(version));
              return Status::Ok();
            }));
        return result;
      });
}

Result<Table> Engine::GetTableVersion(const TableRef& ref, std::optional<int64_t> version) const {
  return parts_->Read<Table>([&](storage::Transaction& transaction) -> Result<Table> {
    STRATUS_ASSIGN_OR_RETURN(TableRow row, internal::RequireTable(transaction, ref));
    if (!version.has_value() || *version == row.table.version) {
      return std::move(row.table);
    }
    std::optional<Table> found;
    STRATUS_RETURN_IF_ERROR(
        transaction.Query("SELECT version, updated_millis, definition FROM table_versions "
                          "WHERE table_id = ?1 AND version = ?2",
                          {row.id, *version}, [&](const storage::Row& version_row) -> Status {
                            STRATUS_ASSIGN_OR_RETURN(found, ReadVersionRow(version_row, row.table));
                            return Status::Ok();
                          }));
    if (!found.has_value()) {
      return GlueError::VersionNotFound(row.table.definition.name, std::to_string(*version));
    }
    return *std::move(found);
  });
}

void Engine::DeleteTableVersions(TableRef ref,
                                 std::vector<int64_t> versions,
                                 Done<std::vector<Status>> done) {
  parts_->Submit<std::vector<Status>>(
      [ref = std::move(ref), versions = std::move(versions)](
          storage::Transaction& transaction) -> Result<std::vector<Status>> {
        STRATUS_ASSIGN_OR_RETURN(TableRow row, internal::RequireTable(transaction, ref));
        std::vector<Status> statuses;
        statuses.reserve(versions.size());
        for (int64_t version : versions) {
          if (version == row.table.version) {
            statuses.push_back(
                GlueError::InvalidInput(Format("Cannot delete the current version {} of table {}.",
                                               version, row.table.definition.name)));
            continue;
          }
          STRATUS_ASSIGN_OR_RETURN(
              int64_t num_deleted,
              transaction.Exec("DELETE FROM table_versions WHERE table_id = ?1 AND version = ?2",
                               {row.id, version}));
          statuses.push_back(num_deleted > 0 ? Status::Ok()
                                             : GlueError::VersionNotFound(row.table.definition.name,
                                                                          std::to_string(version)));
        }
        return statuses;
      },
      std::move(done));
}

}  // namespace stratus::glue
