#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/result.h"

namespace stratus::rds {

class MariaDbServer;

struct SupervisorOptions {
  /// How often every watched server is probed.
  std::chrono::milliseconds probe_interval = std::chrono::milliseconds(500);
  /// Called (on the supervisor's thread) after a dead server was restarted.
  std::function<void(const std::string& name)> on_restarted = nullptr;
  /// After a failed restart, the next attempt waits this long, doubling per
  /// failure up to max_retry_delay.
  std::chrono::milliseconds first_retry_delay = std::chrono::seconds(1);
  std::chrono::milliseconds max_retry_delay = std::chrono::seconds(60);
  /// Called (on the supervisor's thread) when restarting a server failed.
  std::function<void(const std::string& name, const Status& error)> on_restart_failed = nullptr;
};

/// Watches the running MariaDB servers and restarts any that died (a crash,
/// a kill -9, an OOM kill) — the RDS "instance restarted" behaviour. The
/// control plane Watch()es a server once it runs and Unwatch()es it before
/// stopping or deleting it.
///
/// Thread safety: every method is safe from any thread. The callbacks run on
/// the supervisor's thread without its lock held.
class ServerSupervisor {
 public:
  explicit ServerSupervisor(SupervisorOptions options);
  ServerSupervisor(const ServerSupervisor&) = delete;
  ServerSupervisor& operator=(const ServerSupervisor&) = delete;
  ~ServerSupervisor();

  /// Starts the probing thread.
  void Start();

  /// Watches `server` under `name` (replacing an earlier one).
  /// Shared ownership: the control plane holds the server too.
  void Watch(const std::string& name, std::shared_ptr<MariaDbServer> server);

  /// Stops watching `name`; the server itself is left as it is.
  void Unwatch(const std::string& name);

  /// Probes every watched server once now (tests; the thread does it
  /// every probe_interval).
  void ProbeAll();

  /// Ends the probing thread and stops every watched server. Idempotent.
  void Stop();

 private:
  void Run();

  SupervisorOptions options_;
  std::mutex probe_mu_;  // Serialises probes (the thread's and ProbeAll()'s).

  std::mutex mu_;
  std::condition_variable wake_;
  std::map<std::string, std::shared_ptr<MariaDbServer>> servers_;  // Guarded by mu_.

  // A server whose restart failed: when to try again and the current delay.
  struct Backoff {
    std::chrono::steady_clock::time_point next_attempt = {};
    std::chrono::milliseconds delay = {};
  };

  std::map<std::string, Backoff> backoff_;  // Guarded by probe_mu_.
  bool stopping_ = false;                   // Guarded by mu_.
  bool stopped_ = false;                    // Guarded by mu_.
  std::thread thread_;
};

}  // namespace stratus::rds
