#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.h"
#include "storage/database.h"

struct sqlite3;
struct sqlite3_stmt;

namespace stratus::storage {

/// Returns the Status for a failed SQLite call: `rc` is the (extended) result
/// code, `db` (may be null) supplies the message, `sql` is quoted in it.
Status SqliteError(int rc, sqlite3* db, std::string_view sql);

/// Settings applied to a connection right after it opens.
struct ConnectionOptions {
  bool read_only = false;  // PRAGMA query_only: writing statements fail (kInternal).
  bool fsync = true;       // PRAGMA synchronous=FULL, else NORMAL.
  int64_t busy_timeout_millis = 5000;
};

/// One SQLite connection with its prepared-statement cache.
///
/// Thread safety: none; one thread at a time (the writer thread, or the
/// holder of a pooled read connection). Opened with SQLITE_OPEN_NOMUTEX.
class Connection {
 public:
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  /// Opens (creating when `options.read_only` is false) the database at `path`.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path,
                                                  const ConnectionOptions& options);

  /// Runs one or more statements without parameters and without caching.
  Status ExecScript(std::string_view sql);

  /// Runs a statement (cached); returns rows changed (0 for read-only statements).
  Result<int64_t> Exec(std::string_view sql, std::initializer_list<Value> params);

  /// Runs a query (cached), calling `on_row` per row.
  Status Query(std::string_view sql,
               std::initializer_list<Value> params,
               const std::function<Status(const Row&)>& on_row);

  /// Returns the single integer result of `sql` (e.g. a PRAGMA).
  Result<int64_t> QueryInt(std::string_view sql);

  /// Returns true when no transaction is open (sqlite3_get_autocommit).
  bool autocommit() const;
  int64_t LastInsertRowId() const;

  sqlite3* handle() const { return db_; }

  /// Finalizes every cached statement and closes the connection. Idempotent.
  void Close();

 private:
  // A cached prepared statement; `in_use` while a Query/Exec steps it, so that
  // a nested call with the same text prepares a private copy instead.
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };

  struct StringHash {
    using is_transparent = void;

    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };

  // Holds a statement for one call: returns it to the cache (reset, bindings
  // cleared) or finalizes a private one.
  class StatementLease;

  explicit Connection(sqlite3* db) : db_(db) {}

  // Finds or prepares `sql`, binds `params`, and leases it to the caller.
  Result<StatementLease> Acquire(std::string_view sql, std::initializer_list<Value> params);
  // Finalizes cached statements that are not in use.
  void EvictIdle();

  static constexpr size_t kMaxCachedStatements = 512;

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, CachedStatement, StringHash, std::equal_to<>> cache_;
};

/// A Transaction that runs statements on a Connection.
///
/// Thread safety: none; used only during one work on the connection's thread.
class ConnectionTransaction final : public Transaction {
 public:
  explicit ConnectionTransaction(Connection& connection) : connection_(connection) {}

  Result<int64_t> Exec(std::string_view sql, std::initializer_list<Value> params) override;
  Status Query(std::string_view sql,
               std::initializer_list<Value> params,
               const std::function<Status(const Row&)>& on_row) override;
  int64_t LastInsertRowId() const override;

 private:
  Connection& connection_;
};

}  // namespace stratus::storage
