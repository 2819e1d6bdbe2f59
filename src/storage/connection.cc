#include <utility>
#include <variant>

#include <sqlite3.h>

#include "base/format.h"
#include "storage/connection_internal.h"

namespace stratus::storage {
namespace {

constexpr size_t kMaxSqlInMessage = 400;

std::string_view Shorten(std::string_view sql) {
  return sql.size() <= kMaxSqlInMessage ? sql : sql.substr(0, kMaxSqlInMessage);
}

// A Row over the current result row of a stepping statement.
class StatementRow final : public Row {
 public:
  explicit StatementRow(sqlite3_stmt* stmt) : stmt_(stmt) {}

  int num_columns() const override { return sqlite3_column_count(stmt_); }

  bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }

  int64_t GetInt(int column) const override { return sqlite3_column_int64(stmt_, column); }

  double GetDouble(int column) const override { return sqlite3_column_double(stmt_, column); }

  std::string GetText(int column) const override {
    // column_blob before column_bytes, as SQLite documents; works for text too.
    const void* data = sqlite3_column_blob(stmt_, column);
    const int num_bytes = sqlite3_column_bytes(stmt_, column);
    if (data == nullptr || num_bytes <= 0) {
      return {};
    }
    return {static_cast<const char*>(data), static_cast<size_t>(num_bytes)};
  }

 private:
  sqlite3_stmt* stmt_;
};

// Binds one Value at 1-based `index`; returns the SQLite result code.
int BindValue(sqlite3_stmt* stmt, int index, const Value& value) {
  struct Binder {
    sqlite3_stmt* stmt;
    int index;

    int operator()(std::monostate /*unused*/) const { return sqlite3_bind_null(stmt, index); }

    int operator()(int64_t v) const { return sqlite3_bind_int64(stmt, index, v); }

    int operator()(double v) const { return sqlite3_bind_double(stmt, index, v); }

    int operator()(const std::string& v) const {
      // The initializer_list outlives the statement's execution: SQLITE_STATIC.
      return sqlite3_bind_text64(stmt, index, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
    }

    int operator()(const Blob& v) const {
      if (v.bytes.empty()) {
        return sqlite3_bind_zeroblob(stmt, index, 0);  // A null pointer would bind NULL.
      }
      return sqlite3_bind_blob64(stmt, index, v.bytes.data(), v.bytes.size(), SQLITE_STATIC);
    }
  };

  return std::visit(Binder{stmt, index}, value);
}

// Returns true when `sql` holds at least one statement (not just blanks and comments).
bool HasStatement(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), 0, &stmt, &tail);
  sqlite3_finalize(stmt);
  return rc != SQLITE_OK || stmt != nullptr;
}

}  // namespace

Status SqliteError(int rc, sqlite3* db, std::string_view sql) {
  const char* detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string message =
      Format("sqlite error {} ({}): {}; sql: {}", rc, sqlite3_errstr(rc), detail, Shorten(sql));
  switch (rc & 0xff) {
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
      return Status::IoError(std::move(message));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(std::move(message));
    case SQLITE_CONSTRAINT:
      return Status::FailedPrecondition(std::move(message));
    default:
      return Status::Internal(std::move(message));
  }
}

// Leases a statement for one Exec/Query. A cached statement goes back to the
// cache reset and with bindings cleared; a private one is finalized.
class Connection::StatementLease {
 public:
  StatementLease(sqlite3_stmt* stmt, CachedStatement* entry, bool has_tail)
      : stmt_(stmt), entry_(entry), has_tail_(has_tail) {}

  StatementLease(StatementLease&& other) noexcept
      : stmt_(std::exchange(other.stmt_, nullptr)),
        entry_(std::exchange(other.entry_, nullptr)),
        has_tail_(other.has_tail_) {}

  StatementLease& operator=(StatementLease&&) = delete;
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;

  ~StatementLease() {
    if (stmt_ == nullptr) {
      return;
    }
    if (entry_ != nullptr) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
      entry_->in_use = false;
    } else {
      sqlite3_finalize(stmt_);
    }
  }

  sqlite3_stmt* stmt() const { return stmt_; }

  // True when the SQL text holds more statements after the first.
  bool has_tail() const { return has_tail_; }

 private:
  sqlite3_stmt* stmt_;
  CachedStatement* entry_;  // Null for a private statement.
  bool has_tail_;
};

Connection::~Connection() {
  Close();
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path,
                                                     const ConnectionOptions& options) {
  sqlite3* db = nullptr;
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (options.read_only ? 0 : SQLITE_OPEN_CREATE);
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status status = SqliteError(rc, db, Format("open {}", path));
    sqlite3_close(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(options.busy_timeout_millis));
  // The constructor is private; make_unique cannot reach it.
  std::unique_ptr<Connection> connection(
      new Connection(db));  // STRATUS_LINT_ALLOW(private constructor)
  STRATUS_RETURN_IF_ERROR(connection->ExecScript("PRAGMA foreign_keys=ON;"));
  if (options.read_only) {
    STRATUS_RETURN_IF_ERROR(connection->ExecScript("PRAGMA query_only=ON;"));
    return connection;
  }
  std::string mode;
  STRATUS_RETURN_IF_ERROR(connection->Query("PRAGMA journal_mode=WAL", {}, [&](const Row& row) {
    mode = row.GetText(0);
    return Status::Ok();
  }));
  if (mode != "wal") {
    return Status::IoError(Format("cannot use WAL mode for {} (journal_mode is {})", path, mode));
  }
  STRATUS_RETURN_IF_ERROR(connection->ExecScript(options.fsync ? "PRAGMA synchronous=FULL;"
                                                               : "PRAGMA synchronous=NORMAL;"));
  return connection;
}

void Connection::Close() {
  if (db_ == nullptr) {
    return;
  }
  for (auto& [sql, entry] : cache_) {
    sqlite3_finalize(entry.stmt);
  }
  cache_.clear();
  sqlite3_close_v2(db_);
  db_ = nullptr;
}

Status Connection::ExecScript(std::string_view sql) {
  const std::string text(sql);  // sqlite3_exec needs a terminating NUL.
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);  // The same message is available from sqlite3_errmsg().
  if (rc != SQLITE_OK) {
    return SqliteError(rc, db_, sql);
  }
  return Status::Ok();
}

Result<Connection::StatementLease> Connection::Acquire(std::string_view sql,
                                                       std::initializer_list<Value> params) {
  if (db_ == nullptr) {
    return Status::Cancelled("connection is closed");
  }
  auto it = cache_.find(sql);
  sqlite3_stmt* stmt = nullptr;
  CachedStatement* entry = nullptr;
  bool has_tail = false;
  if (it != cache_.end() && !it->second.in_use) {
    stmt = it->second.stmt;
    entry = &it->second;
  } else {
    const bool cache_it = it == cache_.end();
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      cache_it ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, &tail);
    if (rc != SQLITE_OK) {
      return SqliteError(rc, db_, sql);
    }
    if (stmt == nullptr) {
      return Status::Internal(Format("empty SQL statement: '{}'", Shorten(sql)));
    }
    const auto consumed = static_cast<size_t>(tail - sql.data());
    has_tail = consumed < sql.size() && HasStatement(db_, sql.substr(consumed));
    if (cache_it && !has_tail) {
      if (cache_.size() >= kMaxCachedStatements) {
        EvictIdle();
      }
      entry = &cache_.emplace(std::string(sql), CachedStatement{.stmt = stmt, .in_use = false})
                   .first->second;
    }
  }
  if (entry != nullptr) {
    entry->in_use = true;
  }
  StatementLease lease(stmt, entry, has_tail);
  int index = 1;
  for (const Value& value : params) {
    const int rc = BindValue(stmt, index++, value);
    if (rc != SQLITE_OK) {
      return SqliteError(rc, db_, sql);
    }
  }
  return lease;
}

void Connection::EvictIdle() {
  for (auto it = cache_.begin(); it != cache_.end();) {
    if (it->second.in_use) {
      ++it;
    } else {
      sqlite3_finalize(it->second.stmt);
      it = cache_.erase(it);
    }
  }
}

Result<int64_t> Connection::Exec(std::string_view sql, std::initializer_list<Value> params) {
  STRATUS_ASSIGN_OR_RETURN(StatementLease lease, Acquire(sql, params));
  if (lease.has_tail()) {
    if (params.size() != 0) {
      return Status::Internal(
          Format("Exec with parameters takes one statement; sql: {}", Shorten(sql)));
    }
    const int64_t before = sqlite3_total_changes64(db_);
    STRATUS_RETURN_IF_ERROR(ExecScript(sql));
    return sqlite3_total_changes64(db_) - before;
  }
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(lease.stmt())) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) {
    return SqliteError(rc, db_, sql);
  }
  if (sqlite3_stmt_readonly(lease.stmt()) != 0) {
    return int64_t{0};
  }
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

Status Connection::Query(std::string_view sql,
                         std::initializer_list<Value> params,
                         const std::function<Status(const Row&)>& on_row) {
  STRATUS_ASSIGN_OR_RETURN(StatementLease lease, Acquire(sql, params));
  if (lease.has_tail()) {
    return Status::Internal(Format("Query takes one statement; sql: {}", Shorten(sql)));
  }
  const StatementRow row(lease.stmt());
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(lease.stmt())) == SQLITE_ROW) {
    STRATUS_RETURN_IF_ERROR(on_row(row));
  }
  if (rc != SQLITE_DONE) {
    return SqliteError(rc, db_, sql);
  }
  return Status::Ok();
}

Result<int64_t> Connection::QueryInt(std::string_view sql) {
  int64_t value = 0;
  bool found = false;
  STRATUS_RETURN_IF_ERROR(Query(sql, {}, [&](const Row& row) {
    value = row.GetInt(0);
    found = true;
    return Status::Ok();
  }));
  if (!found) {
    return Status::Internal(Format("no row from: {}", Shorten(sql)));
  }
  return value;
}

bool Connection::autocommit() const {
  return db_ == nullptr || sqlite3_get_autocommit(db_) != 0;
}

int64_t Connection::LastInsertRowId() const {
  return db_ == nullptr ? 0 : sqlite3_last_insert_rowid(db_);
}

Result<int64_t> ConnectionTransaction::Exec(std::string_view sql,
                                            std::initializer_list<Value> params) {
  return connection_.Exec(sql, params);
}

Status ConnectionTransaction::Query(std::string_view sql,
                                    std::initializer_list<Value> params,
                                    const std::function<Status(const Row&)>& on_row) {
  return connection_.Query(sql, params, on_row);
}

int64_t ConnectionTransaction::LastInsertRowId() const {
  return connection_.LastInsertRowId();
}

}  // namespace stratus::storage
