#include "lambda/function_store.h"

#include <charconv>
#include <optional>
#include <utility>

#include "base/format.h"
#include "lambda/function_layer_rows.h"
#include "lambda/function_record.h"
#include "lambda/layer_store.h"
#include "lambda/policy_statement_status.h"
#include "lambda/schema.h"
#include "storage/database.h"
#include "storage/result_work.h"

namespace stratus::lambda {
namespace {

// Runs `work` in the next group commit; `done` gets its result after the commit.
template <typename T>
void SubmitWork(storage::Database& database,
                std::function<Result<T>(storage::Transaction&)> work,
                Done<T> done) {
  storage::SubmitResult<T>(database, std::move(work), std::move(done));
}

Result<std::optional<FunctionConfig>> Find(storage::Transaction& transaction,
                                           const std::string& name) {
  std::optional<std::string> record;
  STRATUS_RETURN_IF_ERROR(transaction.Query("SELECT record FROM functions WHERE name = ?1", {name},
                                            [&](const storage::Row& row) -> Status {
                                              record = row.GetText(0);
                                              return Status::Ok();
                                            }));
  if (!record.has_value()) {
    return std::optional<FunctionConfig>();
  }
  STRATUS_ASSIGN_OR_RETURN(FunctionConfig function, DecodeFunction(*record));
  STRATUS_RETURN_IF_ERROR(LoadFunctionLayers(transaction, function));
  return std::optional<FunctionConfig>(std::move(function));
}

Status Put(storage::Transaction& transaction, const FunctionConfig& function) {
  STRATUS_RETURN_IF_ERROR(
      transaction
          .Exec("INSERT OR REPLACE INTO functions(name, record) VALUES (?1, ?2)",
                {function.name, storage::Blob{EncodeFunction(function)}})
          .status());
  return SaveFunctionLayers(transaction, function);
}

Status NotFound(std::string_view name) {
  return Status::NotFound(std::string(name));
}

// Returns a published version's number, or nullopt for text that is none.
std::optional<int64_t> VersionNumber(std::string_view version) {
  int64_t number = 0;
  auto [end, error] = std::from_chars(version.data(), version.data() + version.size(), number);
  if (error != std::errc() || end != version.data() + version.size() || number <= 0) {
    return std::nullopt;
  }
  return number;
}

Result<std::optional<FunctionConfig>> FindVersion(storage::Transaction& transaction,
                                                  const std::string& name,
                                                  std::string_view version) {
  const std::optional<int64_t> number = VersionNumber(version);
  std::optional<FunctionConfig> found;
  if (!number.has_value()) {
    return found;
  }
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      "SELECT record FROM function_versions WHERE function = ?1 AND version = ?2", {name, *number},
      [&](const storage::Row& row) -> Status {
        STRATUS_ASSIGN_OR_RETURN(FunctionConfig function, DecodeFunction(row.GetText(0)));
        function.version = std::to_string(*number);
        STRATUS_RETURN_IF_ERROR(LoadFunctionLayers(transaction, function));
        found = std::move(function);
        return Status::Ok();
      }));
  return found;
}

Status PutVersion(storage::Transaction& transaction,
                  const FunctionConfig& function,
                  const std::string& source_revision) {
  STRATUS_RETURN_IF_ERROR(
      transaction
          .Exec("INSERT OR REPLACE INTO function_versions(function, version, source_revision, "
                "record) VALUES (?1, ?2, ?3, ?4)",
                {function.name, *VersionNumber(function.version), source_revision,
                 storage::Blob{EncodeFunction(function)}})
          .status());
  return SaveFunctionLayers(transaction, function);
}

Result<std::optional<FunctionAlias>> FindAlias(storage::Transaction& transaction,
                                               const std::string& function,
                                               const std::string& name) {
  std::optional<FunctionAlias> found;
  STRATUS_RETURN_IF_ERROR(
      transaction.Query("SELECT record FROM function_aliases WHERE function = ?1 AND name = ?2",
                        {function, name}, [&](const storage::Row& row) -> Status {
                          STRATUS_ASSIGN_OR_RETURN(found, DecodeAlias(row.GetText(0)));
                          return Status::Ok();
                        }));
  return found;
}

Status PutAlias(storage::Transaction& transaction, const FunctionAlias& alias) {
  return transaction
      .Exec("INSERT OR REPLACE INTO function_aliases(function, name, record) VALUES (?1, ?2, ?3)",
            {alias.function, alias.name, storage::Blob{EncodeAlias(alias)}})
      .status();
}

// Deletes the rows that belong to one qualified function ("NAME:QUALIFIER").
Status DeleteQualifiedRows(storage::Transaction& transaction, const std::string& qualified) {
  STRATUS_RETURN_IF_ERROR(
      transaction.Exec("DELETE FROM event_invocations WHERE function = ?1", {qualified}).status());
  return transaction.Exec("DELETE FROM function_permissions WHERE function = ?1", {qualified})
      .status();
}

}  // namespace

FunctionStore::FunctionStore(std::unique_ptr<storage::Database> database)
    : database_(std::move(database)), layers_(std::make_unique<LayerStore>(*database_)) {}

FunctionStore::~FunctionStore() {
  Stop();
}

Result<std::unique_ptr<FunctionStore>> FunctionStore::Open(const std::string& path, bool fsync) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> database,
                           storage::Database::Open(path, storage::DatabaseOptions{.fsync = fsync}));
  STRATUS_RETURN_IF_ERROR(database->Migrate(LambdaMigrations()));
  return std::unique_ptr<FunctionStore>(
      new FunctionStore(std::move(database)));  // STRATUS_LINT_ALLOW(private constructor)
}

void FunctionStore::Stop() {
  if (stopped_) {
    return;
  }
  stopped_ = true;
  database_->Stop();
}

void FunctionStore::Create(FunctionConfig function, Done<FunctionConfig> done) {
  SubmitWork<FunctionConfig>(
      *database_,
      [function =
           std::move(function)](storage::Transaction& transaction) -> Result<FunctionConfig> {
        STRATUS_ASSIGN_OR_RETURN(std::optional<FunctionConfig> found,
                                 Find(transaction, function.name));
        if (found.has_value()) {
          return Status::AlreadyExists(function.name);
        }
        STRATUS_RETURN_IF_ERROR(Put(transaction, function));
        return function;
      },
      std::move(done));
}

void FunctionStore::Update(std::string name,
                           std::function<Status(FunctionConfig&)> update,
                           Done<FunctionConfig> done) {
  SubmitWork<FunctionConfig>(
      *database_,
      [name = std::move(name),
       update = std::move(update)](storage::Transaction& transaction) -> Result<FunctionConfig> {
        STRATUS_ASSIGN_OR_RETURN(std::optional<FunctionConfig> found, Find(transaction, name));
        if (!found.has_value()) {
          return NotFound(name);
        }
        STRATUS_RETURN_IF_ERROR(update(*found));
        STRATUS_RETURN_IF_ERROR(Put(transaction, *found));
        return *std::move(found);
      },
      std::move(done));
}

void FunctionStore::Delete(std::string name, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [name = std::move(name)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(int64_t deleted,
                                 transaction.Exec("DELETE FROM functions WHERE name = ?1", {name}));
        if (deleted == 0) {
          return NotFound(name);
        }
        // The function's own rows and those of its versions and aliases ("NAME:QUALIFIER").
        for (const char* statement : {"DELETE FROM event_invocations WHERE function = ?1 OR "
                                      "substr(function, 1, length(?1) + 1) = ?1 || ':'",
                                      "DELETE FROM function_permissions WHERE function = ?1 OR "
                                      "substr(function, 1, length(?1) + 1) = ?1 || ':'",
                                      "DELETE FROM function_versions WHERE function = ?1",
                                      "DELETE FROM function_version_counters WHERE function = ?1",
                                      "DELETE FROM function_aliases WHERE function = ?1"}) {
          STRATUS_RETURN_IF_ERROR(transaction.Exec(statement, {name}).status());
        }
        STRATUS_RETURN_IF_ERROR(DeleteAllFunctionLayers(transaction, name));
        return true;
      },
      std::move(done));
}

Result<FunctionConfig> FunctionStore::Get(std::string_view name) const {
  std::optional<FunctionConfig> found;
  STRATUS_RETURN_IF_ERROR(database_->Read([&](storage::Transaction& transaction) -> Status {
    STRATUS_ASSIGN_OR_RETURN(found, Find(transaction, std::string(name)));
    return Status::Ok();
  }));
  if (!found.has_value()) {
    return NotFound(name);
  }
  return *std::move(found);
}

Result<std::vector<FunctionConfig>> FunctionStore::List() const {
  std::vector<FunctionConfig> functions;
  STRATUS_RETURN_IF_ERROR(database_->Read([&](storage::Transaction& transaction) -> Status {
    STRATUS_RETURN_IF_ERROR(transaction.Query(
        "SELECT record FROM functions ORDER BY name", {}, [&](const storage::Row& row) -> Status {
          STRATUS_ASSIGN_OR_RETURN(FunctionConfig function, DecodeFunction(row.GetText(0)));
          functions.push_back(std::move(function));
          return Status::Ok();
        }));
    for (FunctionConfig& function : functions) {
      STRATUS_RETURN_IF_ERROR(LoadFunctionLayers(transaction, function));
    }
    return Status::Ok();
  }));
  return functions;
}

void FunctionStore::Enqueue(QueuedInvocation invocation, Done<int64_t> done) {
  SubmitWork<int64_t>(
      *database_,
      [invocation = std::move(invocation)](storage::Transaction& transaction) -> Result<int64_t> {
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT INTO event_invocations(function, request_id, payload, attempts, "
                      "enqueued_millis, next_attempt_millis) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                      {invocation.function, invocation.request_id,
                       storage::Blob{invocation.payload}, int64_t{invocation.attempts},
                       invocation.enqueued_millis, invocation.next_attempt_millis})
                .status());
        return transaction.LastInsertRowId();
      },
      std::move(done));
}

void FunctionStore::Reschedule(int64_t id,
                               int attempts,
                               int64_t next_attempt_millis,
                               Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [id, attempts, next_attempt_millis](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(transaction
                                    .Exec("UPDATE event_invocations SET attempts = ?2, "
                                          "next_attempt_millis = ?3 WHERE id = ?1",
                                          {id, int64_t{attempts}, next_attempt_millis})
                                    .status());
        return true;
      },
      std::move(done));
}

void FunctionStore::Dequeue(int64_t id, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [id](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM event_invocations WHERE id = ?1", {id}).status());
        return true;
      },
      std::move(done));
}

Result<std::vector<QueuedInvocation>> FunctionStore::ListQueued() const {
  std::vector<QueuedInvocation> queued;
  STRATUS_RETURN_IF_ERROR(database_->Read([&](storage::Transaction& transaction) -> Status {
    return transaction.Query(
        "SELECT id, function, request_id, payload, attempts, enqueued_millis, "
        "next_attempt_millis FROM event_invocations ORDER BY id",
        {}, [&](const storage::Row& row) -> Status {
          queued.push_back(QueuedInvocation{.id = row.GetInt(0),
                                            .function = row.GetText(1),
                                            .request_id = row.GetText(2),
                                            .payload = row.GetText(3),
                                            .attempts = static_cast<int>(row.GetInt(4)),
                                            .enqueued_millis = row.GetInt(5),
                                            .next_attempt_millis = row.GetInt(6)});
          return Status::Ok();
        });
  }));
  return queued;
}

void FunctionStore::PutMapping(EventSourceMapping mapping, Done<EventSourceMapping> done) {
  SubmitWork<EventSourceMapping>(
      *database_,
      [mapping =
           std::move(mapping)](storage::Transaction& transaction) -> Result<EventSourceMapping> {
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT OR REPLACE INTO event_source_mappings(uuid, function, record) "
                      "VALUES (?1, ?2, ?3)",
                      {mapping.uuid, mapping.function, storage::Blob{EncodeMapping(mapping)}})
                .status());
        return mapping;
      },
      std::move(done));
}

void FunctionStore::DeleteMapping(std::string uuid, Done<EventSourceMapping> done) {
  SubmitWork<EventSourceMapping>(
      *database_,
      [uuid = std::move(uuid)](storage::Transaction& transaction) -> Result<EventSourceMapping> {
        std::optional<std::string> record;
        STRATUS_RETURN_IF_ERROR(
            transaction.Query("SELECT record FROM event_source_mappings WHERE uuid = ?1", {uuid},
                              [&](const storage::Row& row) -> Status {
                                record = row.GetText(0);
                                return Status::Ok();
                              }));
        if (!record.has_value()) {
          return NotFound(uuid);
        }
        STRATUS_ASSIGN_OR_RETURN(EventSourceMapping mapping, DecodeMapping(*record));
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM event_source_mappings WHERE uuid = ?1", {uuid}).status());
        return mapping;
      },
      std::move(done));
}

Result<std::vector<EventSourceMapping>> FunctionStore::ListMappings() const {
  std::vector<EventSourceMapping> mappings;
  STRATUS_RETURN_IF_ERROR(database_->Read([&](storage::Transaction& transaction) -> Status {
    return transaction.Query("SELECT record FROM event_source_mappings ORDER BY uuid", {},
                             [&](const storage::Row& row) -> Status {
                               STRATUS_ASSIGN_OR_RETURN(EventSourceMapping mapping,
                                                        DecodeMapping(row.GetText(0)));
                               mappings.push_back(std::move(mapping));
                               return Status::Ok();
                             });
  }));
  return mappings;
}

void FunctionStore::AddPermission(std::string function,
                                  std::string statement_id,
                                  std::string statement,
                                  Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [function = std::move(function), statement_id = std::move(statement_id),
       statement = std::move(statement)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(std::optional<FunctionConfig> found,
                                 Find(transaction, function.substr(0, function.find(':'))));
        if (!found.has_value()) {
          return NotFound(function);
        }
        bool taken = false;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT 1 FROM function_permissions WHERE function = ?1 AND statement_id = ?2",
            {function, statement_id}, [&](const storage::Row&) -> Status {
              taken = true;
              return Status::Ok();
            }));
        if (taken) {
          return StatementIdTaken(statement_id);
        }
        STRATUS_RETURN_IF_ERROR(transaction
                                    .Exec("INSERT INTO function_permissions(function, "
                                          "statement_id, statement) VALUES (?1, ?2, ?3)",
                                          {function, statement_id, statement})
                                    .status());
        return true;
      },
      std::move(done));
}

void FunctionStore::RemovePermission(std::string function,
                                     std::string statement_id,
                                     Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [function = std::move(function),
       statement_id = std::move(statement_id)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(
            int64_t deleted,
            transaction.Exec(
                "DELETE FROM function_permissions WHERE function = ?1 AND statement_id = ?2",
                {function, statement_id}));
        if (deleted == 0) {
          return StatementNotFound(statement_id);
        }
        return true;
      },
      std::move(done));
}

Result<std::vector<std::string>> FunctionStore::ListPermissions(std::string_view function) const {
  std::vector<std::string> statements;
  STRATUS_RETURN_IF_ERROR(database_->Read([&](storage::Transaction& transaction) -> Status {
    return transaction.Query(
        "SELECT statement FROM function_permissions WHERE function = ?1 ORDER BY statement_id",
        {std::string(function)}, [&](const storage::Row& row) -> Status {
          statements.push_back(row.GetText(0));
          return Status::Ok();
        });
  }));
  return statements;
}

void FunctionStore::PublishVersion(std::string name,
                                   std::function<Status(const FunctionConfig&)> check,
                                   std::function<void(FunctionConfig&)> stamp,
                                   Done<FunctionConfig> done) {
  SubmitWork<FunctionConfig>(
      *database_,
      [name = std::move(name), check = std::move(check),
       stamp = std::move(stamp)](storage::Transaction& transaction) -> Result<FunctionConfig> {
        STRATUS_ASSIGN_OR_RETURN(std::optional<FunctionConfig> latest, Find(transaction, name));
        if (!latest.has_value()) {
          return NotFound(name);
        }
        STRATUS_RETURN_IF_ERROR(check(*latest));
        // AWS: publishing an unchanged $LATEST returns the newest version.
        std::optional<std::pair<int64_t, std::string>> newest;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT version, source_revision FROM function_versions WHERE function = ?1 "
            "ORDER BY version DESC LIMIT 1",
            {name}, [&](const storage::Row& row) -> Status {
              newest.emplace(row.GetInt(0), row.GetText(1));
              return Status::Ok();
            }));
        if (newest.has_value() && newest->second == latest->revision_id) {
          STRATUS_ASSIGN_OR_RETURN(std::optional<FunctionConfig> version,
                                   FindVersion(transaction, name, std::to_string(newest->first)));
          if (version.has_value()) {
            return *std::move(version);
          }
        }
        int64_t last = 0;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT last_version FROM function_version_counters WHERE function = ?1", {name},
            [&](const storage::Row& row) -> Status {
              last = row.GetInt(0);
              return Status::Ok();
            }));
        STRATUS_RETURN_IF_ERROR(transaction
                                    .Exec("INSERT OR REPLACE INTO function_version_counters("
                                          "function, last_version) VALUES (?1, ?2)",
                                          {name, last + 1})
                                    .status());
        const std::string source_revision = latest->revision_id;
        FunctionConfig version = *std::move(latest);
        version.version = std::to_string(last + 1);
        // AWS: async invocation settings belong to one qualifier; a new
        // version starts without any (not $LATEST's).
        version.maximum_retry_attempts = std::nullopt;
        version.maximum_event_age_seconds = std::nullopt;
        version.on_success_destination.clear();
        version.on_failure_destination.clear();
        stamp(version);
        STRATUS_RETURN_IF_ERROR(PutVersion(transaction, version, source_revision));
        return version;
      },
      std::move(done));
}

Result<FunctionConfig> FunctionStore::GetVersion(std::string_view name,
                                                 std::string_view version) const {
  std::optional<FunctionConfig> found;
  STRATUS_RETURN_IF_ERROR(database_->Read([&](storage::Transaction& transaction) -> Status {
    STRATUS_ASSIGN_OR_RETURN(found, FindVersion(transaction, std::string(name), version));
    return Status::Ok();
  }));
  if (!found.has_value()) {
    return NotFound(Format("{}:{}", name, version));
  }
  return *std::move(found);
}

Result<std::vector<FunctionConfig>> FunctionStore::ListVersions(std::string_view name) const {
  std::vector<FunctionConfig> versions;
  STRATUS_RETURN_IF_ERROR(database_->Read([&](storage::Transaction& transaction) -> Status {
    STRATUS_RETURN_IF_ERROR(transaction.Query(
        "SELECT version, record FROM function_versions WHERE function = ?1 ORDER BY version",
        {std::string(name)}, [&](const storage::Row& row) -> Status {
          STRATUS_ASSIGN_OR_RETURN(FunctionConfig function, DecodeFunction(row.GetText(1)));
          function.version = std::to_string(row.GetInt(0));
          versions.push_back(std::move(function));
          return Status::Ok();
        }));
    for (FunctionConfig& function : versions) {
      STRATUS_RETURN_IF_ERROR(LoadFunctionLayers(transaction, function));
    }
    return Status::Ok();
  }));
  return versions;
}

void FunctionStore::UpdateVersion(std::string name,
                                  std::string version,
                                  std::function<Status(FunctionConfig&)> update,
                                  Done<FunctionConfig> done) {
  SubmitWork<FunctionConfig>(
      *database_,
      [name = std::move(name), version = std::move(version),
       update = std::move(update)](storage::Transaction& transaction) -> Result<FunctionConfig> {
        STRATUS_ASSIGN_OR_RETURN(std::optional<FunctionConfig> found,
                                 FindVersion(transaction, name, version));
        if (!found.has_value()) {
          return NotFound(Format("{}:{}", name, version));
        }
        std::string source_revision;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT source_revision FROM function_versions WHERE function = ?1 AND version = ?2",
            {name, *VersionNumber(version)}, [&](const storage::Row& row) -> Status {
              source_revision = row.GetText(0);
              return Status::Ok();
            }));
        STRATUS_RETURN_IF_ERROR(update(*found));
        STRATUS_RETURN_IF_ERROR(PutVersion(transaction, *found, source_revision));
        return *std::move(found);
      },
      std::move(done));
}

void FunctionStore::DeleteVersion(std::string name, std::string version, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [name = std::move(name),
       version = std::move(version)](storage::Transaction& transaction) -> Result<bool> {
        const std::optional<int64_t> number = VersionNumber(version);
        if (!number.has_value()) {
          return NotFound(Format("{}:{}", name, version));
        }
        std::vector<std::string> referring;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT record FROM function_aliases WHERE function = ?1 ORDER BY name", {name},
            [&](const storage::Row& row) -> Status {
              STRATUS_ASSIGN_OR_RETURN(FunctionAlias alias, DecodeAlias(row.GetText(0)));
              if (alias.function_version == version ||
                  alias.additional_version_weights.contains(version)) {
                referring.push_back(alias.name);
              }
              return Status::Ok();
            }));
        if (!referring.empty()) {
          // AWS: "Unable to delete version because the following aliases reference it: [live]"
          std::string names;
          for (const std::string& alias : referring) {
            names += names.empty() ? alias : ", " + alias;
          }
          return Status::FailedPrecondition(Format(
              "Unable to delete version because the following aliases reference it: [{}]", names));
        }
        STRATUS_ASSIGN_OR_RETURN(
            int64_t deleted,
            transaction.Exec("DELETE FROM function_versions WHERE function = ?1 AND version = ?2",
                             {name, *number}));
        if (deleted == 0) {
          return NotFound(Format("{}:{}", name, version));
        }
        STRATUS_RETURN_IF_ERROR(DeleteQualifiedRows(transaction, Format("{}:{}", name, version)));
        STRATUS_RETURN_IF_ERROR(DeleteFunctionLayers(transaction, name, std::to_string(*number)));
        return true;
      },
      std::move(done));
}

void FunctionStore::CreateAlias(FunctionAlias alias, Done<FunctionAlias> done) {
  SubmitWork<FunctionAlias>(
      *database_,
      [alias = std::move(alias)](storage::Transaction& transaction) -> Result<FunctionAlias> {
        STRATUS_ASSIGN_OR_RETURN(std::optional<FunctionConfig> function,
                                 Find(transaction, alias.function));
        if (!function.has_value()) {
          return NotFound(alias.function);
        }
        STRATUS_ASSIGN_OR_RETURN(std::optional<FunctionAlias> taken,
                                 FindAlias(transaction, alias.function, alias.name));
        if (taken.has_value()) {
          // AWS: "Alias already exists: arn:aws:lambda:...:function:NAME:ALIAS"
          return Status::AlreadyExists(Format("Alias already exists: {}", alias.name));
        }
        STRATUS_RETURN_IF_ERROR(PutAlias(transaction, alias));
        return alias;
      },
      std::move(done));
}

void FunctionStore::UpdateAlias(std::string function,
                                std::string name,
                                std::function<Status(FunctionAlias&)> update,
                                Done<FunctionAlias> done) {
  SubmitWork<FunctionAlias>(
      *database_,
      [function = std::move(function), name = std::move(name),
       update = std::move(update)](storage::Transaction& transaction) -> Result<FunctionAlias> {
        STRATUS_ASSIGN_OR_RETURN(std::optional<FunctionAlias> found,
                                 FindAlias(transaction, function, name));
        if (!found.has_value()) {
          return NotFound(Format("{}:{}", function, name));
        }
        STRATUS_RETURN_IF_ERROR(update(*found));
        STRATUS_RETURN_IF_ERROR(PutAlias(transaction, *found));
        return *std::move(found);
      },
      std::move(done));
}

void FunctionStore::DeleteAlias(std::string function, std::string name, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [function = std::move(function),
       name = std::move(name)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(
            int64_t deleted,
            transaction.Exec("DELETE FROM function_aliases WHERE function = ?1 AND name = ?2",
                             {function, name}));
        if (deleted == 0) {
          return NotFound(Format("{}:{}", function, name));
        }
        STRATUS_RETURN_IF_ERROR(DeleteQualifiedRows(transaction, Format("{}:{}", function, name)));
        return true;
      },
      std::move(done));
}

Result<FunctionAlias> FunctionStore::GetAlias(std::string_view function,
                                              std::string_view name) const {
  std::optional<FunctionAlias> found;
  STRATUS_RETURN_IF_ERROR(database_->Read([&](storage::Transaction& transaction) -> Status {
    STRATUS_ASSIGN_OR_RETURN(found,
                             FindAlias(transaction, std::string(function), std::string(name)));
    return Status::Ok();
  }));
  if (!found.has_value()) {
    return NotFound(Format("{}:{}", function, name));
  }
  return *std::move(found);
}

Result<std::vector<FunctionAlias>> FunctionStore::ListAliases(std::string_view function) const {
  std::vector<FunctionAlias> aliases;
  STRATUS_RETURN_IF_ERROR(database_->Read([&](storage::Transaction& transaction) -> Status {
    return transaction.Query(
        "SELECT record FROM function_aliases WHERE function = ?1 ORDER BY name",
        {std::string(function)}, [&](const storage::Row& row) -> Status {
          STRATUS_ASSIGN_OR_RETURN(FunctionAlias alias, DecodeAlias(row.GetText(0)));
          aliases.push_back(std::move(alias));
          return Status::Ok();
        });
  }));
  return aliases;
}

}  // namespace stratus::lambda
