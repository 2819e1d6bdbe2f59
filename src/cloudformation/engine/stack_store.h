#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/result.h"

namespace stratus::storage {
class Database;
}  // namespace stratus::storage

namespace stratus::cloudformation {

/// The stacks' durable home: `cloudformation.db`, one row per stack holding
/// its document (docs/formats/cloudformation.md).
///
/// Thread safety: all methods are safe from any thread; saves are applied in
/// the order Save() is called.
class StackStore {
 public:
  ~StackStore();

  /// Opens (creating if needed) the database at `path`.
  static Result<std::unique_ptr<StackStore>> Open(const std::string& path, bool fsync);

  /// Returns every stored stack document.
  Result<std::vector<Json>> LoadAll();

  /// Queues the stack's document for the next group commit; `done` gets the
  /// commit's status (on the writer thread; it must not block).
  void Save(std::string id, std::string name, Json document, std::function<void(Status)> done);

  /// Finishes queued saves and closes.
  void Stop();

 private:
  explicit StackStore(std::unique_ptr<storage::Database> database);

  std::unique_ptr<storage::Database> database_;
};

}  // namespace stratus::cloudformation
