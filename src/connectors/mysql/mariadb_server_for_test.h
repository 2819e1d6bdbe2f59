#pragma once

#include <memory>
#include <string>

#include <sys/types.h>

#include "base/result.h"

namespace stratus::connectors::mysql {

/// A throw-away MariaDB server for tests: a copy of a data directory that
/// `mariadb-install-db` made once (/tmp/smdb-template-UID, kept between
/// runs) in a fresh directory under /tmp (short, so that the socket path
/// fits sun_path), then
/// `mariadbd --no-defaults --skip-networking` on a unix socket in it, with
/// root@localhost and an empty password. Stopped (SIGTERM) and removed on
/// destruction.
///
/// Thread safety: owned by one test fixture.
class MariaDbServerForTest {
 public:
  /// Initialises and starts a server; ready for connections on return.
  static Result<std::unique_ptr<MariaDbServerForTest>> Start();

  MariaDbServerForTest(const MariaDbServerForTest&) = delete;
  MariaDbServerForTest& operator=(const MariaDbServerForTest&) = delete;
  ~MariaDbServerForTest();

  const std::string& socket_path() const { return socket_path_; }

  const std::string& dir() const { return dir_; }

  /// The mariadbd process (for measuring its CPU time).
  pid_t pid() const { return pid_; }

  /// Kills the server with SIGKILL and waits for it.
  void Kill();

 private:
  explicit MariaDbServerForTest(std::string dir);

  std::string dir_;
  std::string socket_path_;
  pid_t pid_ = -1;
};

}  // namespace stratus::connectors::mysql
