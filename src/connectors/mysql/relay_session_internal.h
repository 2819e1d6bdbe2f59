#pragma once

#include <atomic>
#include <string>

#include "connectors/mysql/socket_internal.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::connectors::mysql {

/// What a session needs from its front.
struct RelaySessionOptions {
  std::string backend_socket = {};
  lake::Lake* lake = nullptr;
  std::string region = "us-east-1";
};

/// One client connection relayed to the backend server: Run() connects to
/// the backend's unix socket and passes bytes both ways until either side
/// closes, then closes the other.
///
/// Ownership: owns the client socket and its backend socket; borrows the
/// lake.
/// Thread safety: Run() on one thread; Shutdown() from any thread wakes it.
class RelaySession {
 public:
  RelaySession(UniqueFd client, RelaySessionOptions options);
  RelaySession(const RelaySession&) = delete;
  RelaySession& operator=(const RelaySession&) = delete;

  /// Serves the connection to its end.
  void Run();

  /// Ends the session: both sockets see end of stream.
  void Shutdown();

 private:
  // Passes bytes both ways until one side closes.
  void PumpBytes();

  UniqueFd client_;
  UniqueFd backend_;
  RelaySessionOptions options_;
  std::atomic<bool> backend_ready_{false};
  std::atomic<bool> shut_down_{false};
};

}  // namespace stratus::connectors::mysql
