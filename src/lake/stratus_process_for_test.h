#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <sys/types.h>

#include "base/result.h"
#include "io/temp_dir_for_test.h"

namespace stratus::lake {

/// A `stratus serve` child process on a free loopback port with its own
/// temporary data dir, for tests that need a real server (the remote lake
/// store's contract). Its stderr goes to stratus.log in the data dir; it is
/// killed if the test process dies (PR_SET_PDEATHSIG).
///
/// Thread safety: a value owned by one test (or one test binary).
class StratusProcess {
 public:
  struct Options {
    std::string binary = {};
    /// Extra environment, e.g. STRATUS_ACCESS_KEY_ID to verify signatures.
    std::vector<std::pair<std::string, std::string>> environment = {};
  };

  /// Starts the server and waits (up to 30 s) for its "listening on
  /// http://127.0.0.1:PORT" line. Errors: FailedPrecondition when the
  /// binary is missing; IoError when it does not start.
  static Result<std::unique_ptr<StratusProcess>> Start(const Options& options);

  StratusProcess(const StratusProcess&) = delete;
  StratusProcess& operator=(const StratusProcess&) = delete;
  /// Stops the server: SIGTERM, then SIGKILL after 10 s.
  ~StratusProcess();

  int port() const { return port_; }

  const std::string& data_dir() const { return data_dir_.path(); }

 private:
  StratusProcess() = default;

  io::TempDir data_dir_;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
};

}  // namespace stratus::lake
