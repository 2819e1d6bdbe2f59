#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include <sys/types.h>

#include "base/result.h"

namespace stratus::rds {

/// Where a server's files live. The unix socket path must fit sockaddr_un
/// (107 bytes): when `<dir>/mysqld.sock` is longer, the socket goes to
/// /tmp/stratus-rds-<hash of dir>.sock instead.
struct MariaDbPaths {
  std::string dir = {};        // Owned by the server: data/, the socket, pid file, logs.
  std::string data_dir = {};   // <dir>/data: the MariaDB datadir.
  std::string socket = {};     // The server's only listener.
  std::string pid_file = {};   // <dir>/mysqld.pid, written by mariadbd.
  std::string error_log = {};  // <dir>/error.log.

  /// Returns the paths of a server kept in `dir`.
  static MariaDbPaths For(const std::string& dir);
};

/// The MariaDB programs (Debian 12's mariadb-server and mariadb-client).
struct MariaDbPrograms {
  std::string server = "/usr/sbin/mariadbd";
  std::string install_db = "/usr/bin/mariadb-install-db";
  std::string client = "/usr/bin/mariadb";
  std::string tzinfo_to_sql = "/usr/bin/mariadb-tzinfo-to-sql";
  std::string zoneinfo = "/usr/share/zoneinfo";
};

/// The account the control plane administers a server with. Clients never
/// learn it; it exists on localhost only, and the server listens on nothing
/// but its private unix socket.
inline constexpr std::string_view kAdminUser = "rdsadmin";

/// One private MariaDB server: `mariadbd --no-defaults --skip-networking`
/// on a data dir of its own, listening only on its unix socket.
///
/// States: uninitialised (no data dir) → Initialize() → running; Stop() →
/// stopped; Start() → running. A server is "wanted" between Start() and
/// Stop(); RestartIfDied() (the supervisor's probe) starts a wanted server
/// that is not running.
///
/// Orphans: a server left running by a killed control plane still holds the
/// data dir. Start() finds it through the pid file and stops it (SIGTERM,
/// then SIGKILL) before starting anew: never two servers on one data dir.
///
/// Thread safety: every method is safe from any thread; Start, Stop,
/// RestartIfDied and Initialize serialise on one mutex.
class MariaDbServer {
 public:
  MariaDbServer(MariaDbPaths paths, MariaDbPrograms programs, std::string admin_password);
  MariaDbServer(const MariaDbServer&) = delete;
  MariaDbServer& operator=(const MariaDbServer&) = delete;
  ~MariaDbServer();

  const MariaDbPaths& paths() const { return paths_; }

  /// Returns whether the data dir holds an initialised server.
  bool initialized() const;

  /// Creates the data dir (mariadb-install-db), starts the server, creates
  /// the admin account and the master user (MASTER@localhost and MASTER@'%',
  /// mysql_native_password), drops the install's passwordless root, creates
  /// `database` (when not empty) and loads the time zone tables. Leaves the
  /// server running.
  Status Initialize(std::string_view master_user,
                    std::string_view master_password,
                    std::string_view database);

  /// Initialises the server from a copy of another server's data dir (a DB
  /// snapshot's `data`, taken with that server cleanly stopped): the copy
  /// replaces the data dir, keeping the users and the admin account the
  /// copy holds, and the server is started.
  Status InitializeFrom(const std::string& data_copy);

  /// Starts the server (after stopping an orphan on its data dir) and waits
  /// until it accepts connections. A running server is left alone.
  Status Start();

  /// Stops the server: SIGTERM, a grace period, then SIGKILL. Idempotent.
  void Stop();

  /// Starts the server when it is wanted and not running; returns whether it
  /// did (the caller records the restart).
  Result<bool> RestartIfDied();

  /// Returns whether the server process runs.
  bool Alive() const;

  /// Returns the server's pid, or 0 when it does not run.
  pid_t pid() const;

  /// Runs `sql` as the admin account; returns the client's output (tab
  /// separated, no column names). With `force`, statements after a failing
  /// one still run and the call succeeds.
  Result<std::string> RunSql(std::string_view sql, bool force = false) const;

 private:
  Status StartLocked();  // REQUIRES: mu_ held.
  void StopLocked();     // REQUIRES: mu_ held.
  Status StopOrphan();
  Status WaitUntilReady(pid_t pid);
  Result<std::string> RunClient(std::string_view sql,
                                std::string_view user,
                                std::string_view password,
                                bool force) const;

  MariaDbPaths paths_;
  MariaDbPrograms programs_;
  std::string admin_password_;
  mutable std::atomic<uint64_t> next_script_{0};  // Names RunSql's script files.

  mutable std::mutex mu_;
  pid_t pid_ = 0;        // Guarded by mu_.
  bool wanted_ = false;  // Guarded by mu_.
};

/// Quotes `text` as a SQL string literal ('...' with ' and \ escaped).
std::string SqlString(std::string_view text);

}  // namespace stratus::rds
