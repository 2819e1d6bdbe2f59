#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "lambda/function_config.h"

namespace stratus::storage {
class Database;
}  // namespace stratus::storage

namespace stratus::lambda {

class LayerStore;

/// lambda.db (docs/formats/lambda.md): function configurations ($LATEST,
/// published versions, aliases) and the queue of accepted Event invocations.
/// Rows that belong to a qualified function (permissions, queued
/// invocations) name it "NAME:QUALIFIER"; deleting the function deletes them. Errors are plain
/// Status codes (NotFound, AlreadyExists); the API layer names them.
///
/// Durability: every write is one storage::Database work whose `done` runs
/// after the group commit, so a caller acknowledges only what is durable —
/// an Event invocation answered 202 survives kill -9.
///
/// Thread safety: every method is safe from any thread. Done callbacks run on
/// the database's writer thread and must not block.
class FunctionStore {
 public:
  FunctionStore(const FunctionStore&) = delete;
  FunctionStore& operator=(const FunctionStore&) = delete;
  ~FunctionStore();

  static Result<std::unique_ptr<FunctionStore>> Open(const std::string& path, bool fsync);

  /// Finishes queued writes and closes. Idempotent.
  void Stop();

  /// Inserts a new function; AlreadyExists when the name is taken.
  void Create(FunctionConfig function, Done<FunctionConfig> done);
  /// Reads the function, applies `update` to it and stores the result;
  /// NotFound when there is none. `update` runs on the writer thread.
  void Update(std::string name,
              std::function<Status(FunctionConfig&)> update,
              Done<FunctionConfig> done);
  /// Deletes the function and its queued invocations; NotFound when absent.
  void Delete(std::string name, Done<bool> done);
  Result<FunctionConfig> Get(std::string_view name) const;
  /// Returns every function, by name.
  Result<std::vector<FunctionConfig>> List() const;

  /// Publishes $LATEST as the next version (1, 2, ...; a deleted number is
  /// never reused). `check` sees $LATEST first (the caller's
  /// preconditions); when $LATEST has not changed since the newest version
  /// was published, `done` gets that version and nothing is written.
  /// `stamp` sets the new snapshot's own fields (description, revision id,
  /// time). Both run on the writer thread.
  void PublishVersion(std::string name,
                      std::function<Status(const FunctionConfig&)> check,
                      std::function<void(FunctionConfig&)> stamp,
                      Done<FunctionConfig> done);
  /// Returns a published version; NotFound when absent.
  Result<FunctionConfig> GetVersion(std::string_view name, std::string_view version) const;
  /// Returns the function's published versions, oldest first.
  Result<std::vector<FunctionConfig>> ListVersions(std::string_view name) const;
  /// Applies `update` to a published version (its async invocation
  /// settings, which are not part of the snapshot); NotFound when absent.
  void UpdateVersion(std::string name,
                     std::string version,
                     std::function<Status(FunctionConfig&)> update,
                     Done<FunctionConfig> done);
  /// Deletes a published version, its policy and its queued invocations;
  /// NotFound when absent, FailedPrecondition while an alias routes to it.
  void DeleteVersion(std::string name, std::string version, Done<bool> done);

  /// Inserts an alias; NotFound without the function, AlreadyExists when taken.
  void CreateAlias(FunctionAlias alias, Done<FunctionAlias> done);
  /// Applies `update` to an alias; NotFound when absent.
  void UpdateAlias(std::string function,
                   std::string name,
                   std::function<Status(FunctionAlias&)> update,
                   Done<FunctionAlias> done);
  /// Deletes an alias, its policy and its queued invocations; NotFound when absent.
  void DeleteAlias(std::string function, std::string name, Done<bool> done);
  Result<FunctionAlias> GetAlias(std::string_view function, std::string_view name) const;
  /// Returns the function's aliases, by name.
  Result<std::vector<FunctionAlias>> ListAliases(std::string_view function) const;

  /// Queues an Event invocation; `done` gets its id.
  void Enqueue(QueuedInvocation invocation, Done<int64_t> done);
  /// Records a failed attempt: the next one runs at `next_attempt_millis`.
  void Reschedule(int64_t id, int attempts, int64_t next_attempt_millis, Done<bool> done);
  /// Removes a finished invocation.
  void Dequeue(int64_t id, Done<bool> done);
  /// Returns every queued invocation, oldest first (recovery after a restart).
  Result<std::vector<QueuedInvocation>> ListQueued() const;

  /// Inserts or replaces an event source mapping.
  void PutMapping(EventSourceMapping mapping, Done<EventSourceMapping> done);
  /// Deletes a mapping; NotFound when absent.
  void DeleteMapping(std::string uuid, Done<EventSourceMapping> done);
  /// Returns every mapping, by UUID.
  Result<std::vector<EventSourceMapping>> ListMappings() const;

  /// Adds a statement (JSON text) to the resource-based policy of `function`
  /// ("NAME" or "NAME:QUALIFIER"):
  /// NotFound when the function is missing, AlreadyExists when the
  /// statement id is taken.
  void AddPermission(std::string function,
                     std::string statement_id,
                     std::string statement,
                     Done<bool> done);
  /// Removes a statement; NotFound when absent.
  void RemovePermission(std::string function, std::string statement_id, Done<bool> done);
  /// Returns the function's statements (JSON text), by statement id.
  Result<std::vector<std::string>> ListPermissions(std::string_view function) const;

  /// The layer versions, in the same database.
  LayerStore& layers() { return *layers_; }

 private:
  explicit FunctionStore(std::unique_ptr<storage::Database> database);

  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<LayerStore> layers_;
  bool stopped_ = false;
};

}  // namespace stratus::lambda
