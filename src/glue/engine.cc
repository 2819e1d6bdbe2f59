// glue::Engine: opening, stopping, the helpers every part shares, and
// databases. Tables and versions are in engine_tables.cc, partitions in
// engine_partitions.cc.

#include "glue/engine.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <utility>

#include "glue/engine_internal.h"
#include "glue/errors.h"
#include "glue/names.h"
#include "glue/record_codec.h"
#include "glue/schema.h"
#include "io/file_system.h"

namespace stratus::glue {
namespace internal {

Result<DatabaseRow> RequireDatabase(storage::Transaction& transaction, const DatabaseRef& ref) {
  const std::string name = NormalizeName(ref.name);
  std::optional<DatabaseRow> found;
  Status decoded = Status::Ok();
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      "SELECT id, created_millis, definition FROM databases WHERE catalog_id = ?1 AND name = ?2",
      {ref.catalog_id, name}, [&](const storage::Row& row) -> Status {
        STRATUS_ASSIGN_OR_RETURN(DatabaseDefinition definition, DecodeDatabase(row.GetText(2)));
        found = DatabaseRow{.id = row.GetInt(0),
                            .database = Database{.catalog_id = ref.catalog_id,
                                                 .definition = std::move(definition),
                                                 .created_millis = row.GetInt(1)}};
        return Status::Ok();
      }));
  if (!found.has_value()) {
    return GlueError::DatabaseNotFound(name);
  }
  return *std::move(found);
}

Result<std::optional<TableRow>> FindTable(storage::Transaction& transaction,
                                          const DatabaseRow& database,
                                          std::string_view name) {
  std::optional<TableRow> found;
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      "SELECT id, version, created_millis, updated_millis, definition FROM tables "
      "WHERE database_id = ?1 AND name = ?2",
      {database.id, NormalizeName(name)}, [&](const storage::Row& row) -> Status {
        STRATUS_ASSIGN_OR_RETURN(TableDefinition definition, DecodeTable(row.GetText(4)));
        found = TableRow{.id = row.GetInt(0),
                         .table = Table{.catalog_id = database.database.catalog_id,
                                        .database_name = database.database.definition.name,
                                        .definition = std::move(definition),
                                        .created_millis = row.GetInt(2),
                                        .updated_millis = row.GetInt(3),
                                        .version = row.GetInt(1)}};
        return Status::Ok();
      }));
  return found;
}

Result<TableRow> RequireTable(storage::Transaction& transaction, const TableRef& ref) {
  STRATUS_ASSIGN_OR_RETURN(DatabaseRow database,
                           RequireDatabase(transaction, DatabaseRef{.catalog_id = ref.catalog_id,
                                                                    .name = ref.database}));
  STRATUS_ASSIGN_OR_RETURN(std::optional<TableRow> table,
                           FindTable(transaction, database, ref.name));
  if (!table.has_value()) {
    return GlueError::TableNotFound(NormalizeName(ref.name));
  }
  return *std::move(table);
}

Status DeleteTableRows(storage::Transaction& transaction, int64_t table_id) {
  STRATUS_RETURN_IF_ERROR(
      transaction.Exec("DELETE FROM partitions WHERE table_id = ?1", {table_id}).status());
  STRATUS_RETURN_IF_ERROR(
      transaction.Exec("DELETE FROM table_versions WHERE table_id = ?1", {table_id}).status());
  return transaction.Exec("DELETE FROM tables WHERE id = ?1", {table_id}).status();
}

Result<int64_t> NumericToken(std::string_view token) {
  if (token.empty()) {
    return 0;
  }
  int64_t value = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || end != token.data() + token.size() || value < 0) {
    return GlueError::InvalidInput("Invalid NextToken.");
  }
  return value;
}

int PageSize(int requested, int max) {
  return std::clamp(requested, 1, max);
}

}  // namespace internal

using internal::DatabaseRow;

Engine::Engine(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

Engine::~Engine() {
  Stop();
}

Result<std::unique_ptr<Engine>> Engine::Open(const EngineOptions& options,
                                             io::FileSystem& files,
                                             const Clock& clock) {
  auto parts = std::make_unique<Parts>();
  parts->options = options;
  parts->clock = &clock;
  STRATUS_RETURN_IF_ERROR(files.CreateDirectories(options.data_dir));
  STRATUS_ASSIGN_OR_RETURN(
      parts->database,
      storage::Database::Open(
          (std::filesystem::path(options.data_dir) / "glue.db").string(),
          storage::DatabaseOptions{.fsync = options.fsync, .num_read_connections = 4}));
  STRATUS_RETURN_IF_ERROR(parts->database->Migrate(SchemaMigrations()));
  return std::unique_ptr<Engine>(
      new Engine(std::move(parts)));  // STRATUS_LINT_ALLOW(private constructor)
}

void Engine::Stop() {
  if (parts_ == nullptr) {
    return;
  }
  {
    std::lock_guard lock(parts_->mu);
    if (parts_->stopped) {
      return;
    }
    parts_->stopped = true;
  }
  parts_->database->Stop();
}

const Clock& Engine::clock() const {
  return *parts_->clock;
}

storage::Database& Engine::database() {
  return *parts_->database;
}

// Databases --------------------------------------------------------------------

void Engine::CreateDatabase(std::string catalog_id,
                            DatabaseDefinition definition,
                            Done<Database> done) {
  definition.name = NormalizeName(definition.name);
  const int64_t now = parts_->clock->NowMillis();
  parts_->Submit<Database>(
      [catalog_id = std::move(catalog_id), definition = std::move(definition),
       now](storage::Transaction& transaction) -> Result<Database> {
        Result<DatabaseRow> existing = internal::RequireDatabase(
            transaction, DatabaseRef{.catalog_id = catalog_id, .name = definition.name});
        if (existing.ok()) {
          return GlueError::AlreadyExists("Database");
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT INTO databases (catalog_id, name, created_millis, definition) "
                      "VALUES (?1, ?2, ?3, ?4)",
                      {catalog_id, definition.name, now,
                       storage::Blob{.bytes = EncodeDatabase(definition)}})
                .status());
        return Database{.catalog_id = catalog_id, .definition = definition, .created_millis = now};
      },
      std::move(done));
}

Result<Database> Engine::GetDatabase(const DatabaseRef& ref) const {
  return parts_->Read<Database>([&](storage::Transaction& transaction) -> Result<Database> {
    STRATUS_ASSIGN_OR_RETURN(DatabaseRow row, internal::RequireDatabase(transaction, ref));
    return std::move(row.database);
  });
}

Result<DatabasePage> Engine::ListDatabases(std::string_view catalog_id,
                                           const PageRequest& page) const {
  constexpr int kMaxPage = 100;
  const int64_t limit = internal::PageSize(page.max_results, kMaxPage);
  return parts_->Read<DatabasePage>([&](storage::Transaction& transaction) -> Result<DatabasePage> {
    DatabasePage result;
    STRATUS_RETURN_IF_ERROR(transaction.Query(
        "SELECT name, created_millis, definition FROM databases "
        "WHERE catalog_id = ?1 AND name > ?2 ORDER BY name LIMIT ?3",
        {std::string(catalog_id), page.token, limit + 1}, [&](const storage::Row& row) -> Status {
          if (std::ssize(result.databases) == limit) {
            result.next_token = result.databases.back().definition.name;
            return Status::Ok();
          }
          STRATUS_ASSIGN_OR_RETURN(DatabaseDefinition definition, DecodeDatabase(row.GetText(2)));
          result.databases.push_back(Database{.catalog_id = std::string(catalog_id),
                                              .definition = std::move(definition),
                                              .created_millis = row.GetInt(1)});
          return Status::Ok();
        }));
    return result;
  });
}

void Engine::UpdateDatabase(DatabaseRef ref, DatabaseDefinition definition, Done<Database> done) {
  parts_->Submit<Database>(
      [ref = std::move(ref), definition = std::move(definition)](
          storage::Transaction& transaction) mutable -> Result<Database> {
        STRATUS_ASSIGN_OR_RETURN(DatabaseRow row, internal::RequireDatabase(transaction, ref));
        // AWS: UpdateDatabase cannot rename; the stored name stays.
        definition.name = row.database.definition.name;
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("UPDATE databases SET definition = ?2 WHERE id = ?1",
                      {row.id, storage::Blob{.bytes = EncodeDatabase(definition)}})
                .status());
        row.database.definition = std::move(definition);
        return std::move(row.database);
      },
      std::move(done));
}

void Engine::DeleteDatabase(DatabaseRef ref, Done<bool> done) {
  parts_->Submit<bool>(
      [ref = std::move(ref)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(DatabaseRow row, internal::RequireDatabase(transaction, ref));
        STRATUS_RETURN_IF_ERROR(transaction
                                    .Exec("DELETE FROM partitions WHERE table_id IN "
                                          "(SELECT id FROM tables WHERE database_id = ?1)",
                                          {row.id})
                                    .status());
        STRATUS_RETURN_IF_ERROR(transaction
                                    .Exec("DELETE FROM table_versions WHERE table_id IN "
                                          "(SELECT id FROM tables WHERE database_id = ?1)",
                                          {row.id})
                                    .status());
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM tables WHERE database_id = ?1", {row.id}).status());
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM databases WHERE id = ?1", {row.id}).status());
        return true;
      },
      std::move(done));
}

}  // namespace stratus::glue
