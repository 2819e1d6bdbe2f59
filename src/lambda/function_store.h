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

/// lambda.db (docs/formats/lambda.md): function configurations and the
/// queue of accepted Event invocations. Errors are plain Status codes
/// (NotFound, AlreadyExists); the API layer names them.
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

  /// Adds a statement (JSON text) to the function's resource-based policy:
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

 private:
  explicit FunctionStore(std::unique_ptr<storage::Database> database);

  std::unique_ptr<storage::Database> database_;
  bool stopped_ = false;
};

}  // namespace stratus::lambda
