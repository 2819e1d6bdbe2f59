#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "base/result.h"

namespace stratus::storage {

/// A value bound to or read from SQL: NULL, integer, real, text or blob.
struct Blob {
  std::string bytes = {};
};
using Value = std::variant<std::monostate, int64_t, double, std::string, Blob>;

/// One result row, valid only during the row callback.
class Row {
 public:
  virtual ~Row() = default;
  virtual int num_columns() const = 0;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t GetInt(int column) const = 0;
  virtual double GetDouble(int column) const = 0;
  virtual std::string GetText(int column) const = 0;  // Also reads blobs as bytes.
};

/// Executes statements inside a transaction (or, from Database::Read, a
/// read snapshot). Statements are prepared once and cached by SQL text.
class Transaction {
 public:
  virtual ~Transaction() = default;
  /// Runs a statement with positional parameters (?1, ?2 …); returns rows changed.
  virtual Result<int64_t> Exec(std::string_view sql, std::initializer_list<Value> params = {}) = 0;
  /// Runs a query, calling `on_row` for each row; stops early with its error.
  virtual Status Query(std::string_view sql,
                       std::initializer_list<Value> params,
                       const std::function<Status(const Row&)>& on_row) = 0;
  /// Returns the rowid of the last insert on this connection.
  virtual int64_t LastInsertRowId() const = 0;
};

struct DatabaseOptions {
  /// Waits this long for concurrent work to join a group commit before committing.
  int64_t max_group_delay_micros = 0;
  /// Upper bound on works sharing one commit.
  size_t max_group_size = 1024;
  /// PRAGMA synchronous=FULL (fsync per commit) when true; NORMAL otherwise.
  bool fsync = true;
};

/// One SQLite database file in WAL mode, owned by one service. Writes go
/// through Submit(): a writer thread gathers the works waiting at that moment
/// into one transaction (each inside its own SAVEPOINT, so a failing work
/// rolls back alone), commits once — one fsync — and then calls every work's
/// `done` with its own status. A caller acknowledges its client only from
/// `done`, so nothing acknowledged is lost by kill -9.
///
/// Thread safety: all methods are safe from any thread. `work` runs on the
/// writer thread; `done` runs on the writer thread after the commit and must
/// not block.
class Database {
 public:
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  virtual ~Database() = default;

  /// Opens (creating if needed) the file at `path` and starts the writer.
  static Result<std::unique_ptr<Database>> Open(const std::string& path,
                                                DatabaseOptions options = {});

  /// Applies `migrations[i]` for every i >= the stored schema version, each in
  /// its own transaction, recording the new version (PRAGMA user_version).
  virtual Status Migrate(std::span<const std::string_view> migrations) = 0;

  /// Queues `work` for the next group commit; `done` gets the work's status,
  /// or the commit's error when the commit fails.
  virtual void Submit(std::function<Status(Transaction&)> work,
                      std::function<void(Status)> done) = 0;

  /// Submit() and wait for `done`. Not for use on the writer thread.
  virtual Status Write(std::function<Status(Transaction&)> work) = 0;

  /// Runs `work` on a read connection (snapshot isolation; sees committed data).
  virtual Status Read(const std::function<Status(Transaction&)>& work) = 0;

  /// Finishes queued works, stops the writer and closes. Idempotent.
  virtual void Stop() = 0;

 protected:
  Database() = default;
};

}  // namespace stratus::storage
