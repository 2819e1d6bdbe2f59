#include "cloudformation/engine/stack_store.h"

#include <string_view>
#include <utility>

#include "storage/database.h"

namespace stratus::cloudformation {
namespace {

// Do not reorder: the index is the stored schema version.
constexpr std::string_view kMigrations[] = {
    "CREATE TABLE stacks (id TEXT PRIMARY KEY, name TEXT NOT NULL, document TEXT NOT NULL)",
};

}  // namespace

StackStore::StackStore(std::unique_ptr<storage::Database> database)
    : database_(std::move(database)) {}

StackStore::~StackStore() {
  Stop();
}

Result<std::unique_ptr<StackStore>> StackStore::Open(const std::string& path, bool fsync) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> database,
                           storage::Database::Open(path, storage::DatabaseOptions{.fsync = fsync}));
  STRATUS_RETURN_IF_ERROR(database->Migrate(kMigrations));
  return std::unique_ptr<StackStore>(
      new StackStore(std::move(database)));  // STRATUS_LINT_ALLOW(private constructor)
}

Result<std::vector<Json>> StackStore::LoadAll() {
  std::vector<Json> documents;
  STRATUS_RETURN_IF_ERROR(database_->Read([&](storage::Transaction& transaction) {
    return transaction.Query("SELECT document FROM stacks ORDER BY rowid", {},
                             [&](const storage::Row& row) -> Status {
                               STRATUS_ASSIGN_OR_RETURN(Json document, ParseJson(row.GetText(0)));
                               documents.push_back(std::move(document));
                               return Status::Ok();
                             });
  }));
  return documents;
}

void StackStore::Save(std::string id,
                      std::string name,
                      Json document,
                      std::function<void(Status)> done) {
  database_->Submit(
      [id = std::move(id), name = std::move(name),
       text = DumpJson(document)](storage::Transaction& transaction) -> Status {
        return transaction
            .Exec(
                "INSERT INTO stacks (id, name, document) VALUES (?1, ?2, ?3) "
                "ON CONFLICT(id) DO UPDATE SET name = excluded.name, document = excluded.document",
                {id, name, text})
            .status();
      },
      std::move(done));
}

void StackStore::Stop() {
  if (database_ != nullptr) {
    database_->Stop();
  }
}

}  // namespace stratus::cloudformation
