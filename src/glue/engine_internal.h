#pragma once

// Pieces of glue::Engine shared by its .cc files (engine.cc: opening and
// databases; engine_tables.cc: tables and versions; engine_partitions.cc).

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/clock.h"
#include "glue/catalog_types.h"
#include "glue/engine.h"
#include "storage/database.h"
#include "storage/result_work.h"

namespace stratus::glue::internal {

/// A database with its row id.
struct DatabaseRow {
  int64_t id = 0;
  Database database = {};
};

/// A table (current version) with its row id.
struct TableRow {
  int64_t id = 0;
  Table table = {};
};

/// Returns the database, or EntityNotFoundException.
Result<DatabaseRow> RequireDatabase(storage::Transaction& transaction, const DatabaseRef& ref);

/// Returns the table, or EntityNotFoundException for its database or itself.
Result<TableRow> RequireTable(storage::Transaction& transaction, const TableRef& ref);

/// Returns the table named `name` of the database, if any.
Result<std::optional<TableRow>> FindTable(storage::Transaction& transaction,
                                          const DatabaseRow& database,
                                          std::string_view name);

/// Deletes the table's row, versions and partitions.
Status DeleteTableRows(storage::Transaction& transaction, int64_t table_id);

/// Parses a page token written as a decimal number (the last key returned);
/// "" is 0. InvalidInputException otherwise.
Result<int64_t> NumericToken(std::string_view token);

/// Clamps a page size to [1, max].
int PageSize(int requested, int max);

}  // namespace stratus::glue::internal

namespace stratus::glue {

struct Engine::Parts {
  EngineOptions options = {};
  const Clock* clock = nullptr;
  std::unique_ptr<storage::Database> database = nullptr;

  mutable std::mutex mu;
  bool stopped = false;  // Guarded by mu.

  /// Runs `work` in the next group commit and calls `done` with its result
  /// after the commit.
  template <typename T>
  void Submit(std::function<Result<T>(storage::Transaction&)> work, Done<T> done);

  /// Runs `work` on a read connection and returns its result.
  template <typename T>
  Result<T> Read(const std::function<Result<T>(storage::Transaction&)>& work) const;
};

template <typename T>
void Engine::Parts::Submit(std::function<Result<T>(storage::Transaction&)> work, Done<T> done) {
  storage::SubmitResult<T>(*database, std::move(work), std::move(done));
}

template <typename T>
Result<T> Engine::Parts::Read(const std::function<Result<T>(storage::Transaction&)>& work) const {
  return storage::ReadResult<T>(*database, work);
}

}  // namespace stratus::glue
