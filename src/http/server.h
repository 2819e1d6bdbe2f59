#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "base/result.h"
#include "http/message.h"

namespace stratus::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 4566;                                // 0 picks a free port.
  int num_threads = 2;                                 // I/O threads.
  size_t max_body_bytes = 64 * 1024 * 1024;            // Larger bodies get 413.
  size_t max_header_bytes = 64 * 1024;                 // Larger headers get 431.
  std::chrono::seconds idle_timeout = std::chrono::seconds(120);
  size_t max_connections = 10000;                      // Further accepts wait.
};

/// An HTTP/1.1 server: keep-alive, chunked request bodies, Expect:
/// 100-continue, body and header limits, idle timeouts, graceful stop.
///
/// Requests on one connection are handled in order: the next request is read
/// only after the previous response is written (no pipelining overlap).
///
/// Thread safety: Start() and Stop() from one owning thread; the handler runs
/// on I/O threads and may respond from any thread.
class Server {
 public:
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  ~Server();

  /// Binds, listens and starts the I/O threads. Fails with IoError (e.g.
  /// address in use) without starting anything.
  static Result<std::unique_ptr<Server>> Start(ServerOptions options, Handler handler);

  /// The bound port (useful when options.port was 0).
  uint16_t port() const;

  /// Stops accepting, lets in-flight responses finish (up to `grace`), closes
  /// connections and joins the threads. Idempotent.
  void Stop(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace stratus::http
