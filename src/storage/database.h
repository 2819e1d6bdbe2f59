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
#include "storage/metrics.h"

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
  /// Either way a committed write survives kill -9 of the process; only FULL
  /// also survives a power loss or kernel crash.
  bool fsync = true;
  /// Works queued but not yet taken by the writer. When the queue is full,
  /// Submit() blocks its caller until the writer takes a group (back-pressure
  /// instead of unbounded memory). Submit() on the writer thread itself (from
  /// a `work` or `done`) never blocks; it may exceed this bound.
  size_t max_queue_size = 8192;
  /// Read connections in the pool used by Read(); at least 1.
  size_t num_read_connections = 2;
  /// PRAGMA busy_timeout for every connection, for locks held by other
  /// processes (within one Database the writer never waits for readers).
  int64_t busy_timeout_millis = 5000;
};

/// One SQLite database file in WAL mode, owned by one service. Writes go
/// through Submit(): a writer thread gathers the works waiting at that moment
/// into one transaction (each inside its own SAVEPOINT, so a failing work
/// rolls back alone), commits once — one fsync — and then calls every work's
/// `done` with its own status. A caller acknowledges its client only from
/// `done`, so nothing acknowledged is lost by kill -9.
///
/// Error mapping: SQLite errors become kIoError (I/O, disk full, cannot
/// open), kCorruption (corrupt file, not a database), kFailedPrecondition
/// (constraint violations) or kInternal (everything else, including bad SQL),
/// with the SQLite message and the SQL text in the message. Nothing throws.
///
/// Statements: Exec/Query prepare each SQL text once per connection and cache
/// it (a Query may nest another Query or Exec, even of the same text). Exec
/// also accepts several `;`-separated statements when `params` is empty.
///
/// Thread safety: all methods are safe from any thread. `work` runs on the
/// writer thread; `done` runs on the writer thread after the commit and must
/// not block (it may Submit() more work, which never blocks there; it must not
/// call Write() or Stop()). Works run in Submit() order and their `done`s
/// are called in that order. See docs/formats/storage.md.
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
  /// A migration may hold several `;`-separated statements. On failure its
  /// step rolls back, earlier steps stay, and the error names the step. A
  /// stored version above migrations.size() (a newer binary wrote the file)
  /// returns kFailedPrecondition. Runs on the writer thread, alone (never in a
  /// group with other works); blocks the caller until done.
  virtual Status Migrate(std::span<const std::string_view> migrations) = 0;

  /// Queues `work` for the next group commit; `done` gets the work's status,
  /// or the commit's error when the commit fails. `done` may be empty. A work
  /// must not run transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT).
  /// Blocks while the queue is full (see DatabaseOptions::max_queue_size),
  /// except on the writer thread.
  virtual void Submit(std::function<Status(Transaction&)> work,
                      std::function<void(Status)> done) = 0;

  /// Submit() and wait for `done`. Not for use on the writer thread.
  virtual Status Write(std::function<Status(Transaction&)> work) = 0;

  /// Runs `work` on a read connection (snapshot isolation; sees committed data).
  /// The whole `work` sees one snapshot. Only read-only statements are allowed:
  /// Exec/Query of a statement that would write returns kInternal. Blocks
  /// while every read connection is busy. May be called from any thread,
  /// including the writer thread (it then sees the last committed state, not
  /// the open group's uncommitted writes). Do not nest Read() calls: with every
  /// connection held by outer calls, an inner one would wait forever.
  virtual Status Read(const std::function<Status(Transaction&)>& work) = 0;

  /// Returns counters (commits, works, largest group) since Open().
  virtual DatabaseMetrics metrics() const { return {}; }

  /// Finishes queued works, stops the writer and closes. Idempotent. After
  /// Stop(), Submit() calls `done` at once with kCancelled and Write()/Read()/
  /// Migrate() return kCancelled. REQUIRES: not called on the writer thread.
  virtual void Stop() = 0;

 protected:
  Database() = default;
};

}  // namespace stratus::storage
