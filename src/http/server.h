#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "http/message.h"

namespace stratus::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 4566;  // 0 picks a free port.
  int num_threads = 2;   // I/O threads.
  /// Larger bodies get 413, except those going to a BodySink (which sets its own limit).
  size_t max_body_bytes = size_t{64} * 1024 * 1024;
  size_t max_header_bytes = size_t{64} * 1024;  // Larger headers get 431.
  std::chrono::seconds idle_timeout = std::chrono::seconds(120);
  size_t max_connections = 10000;  // Further accepts wait.
  /// Limits reading the rest of a request once its first byte arrived, and
  /// writing a response (the latter at least idle_timeout). For a body going
  /// to a BodySink, and for a BodyStream response, it limits instead the time
  /// without progress, so that an upload or download of any size may last.
  std::chrono::milliseconds request_timeout = std::chrono::seconds(60);
  /// Source of the Date header; nullptr uses a SystemClock. Must outlive the server.
  const Clock* clock = nullptr;
};

/// An HTTP/1.1 server: keep-alive, chunked request bodies, Expect:
/// 100-continue, body and header limits, idle timeouts, graceful stop, and
/// bodies streamed in both directions (BodySink, BodyStream) in bounded
/// memory.
///
/// Requests on one connection are handled in order: the next request is read
/// only after the previous response is written (no pipelining overlap).
///
/// Requests that fail to parse get 400 (431 for oversized headers, 413 for
/// oversized bodies, 505 for HTTP versions other than 1.0/1.1) and the
/// connection is closed. A handler that drops its responder without calling
/// it gets a 500 sent for it; a response to a connection that has died, or
/// that arrives after Stop(), is dropped quietly.
///
/// Thread safety: Start() and Stop() from one owning thread; the handler runs
/// on I/O threads and may respond from any thread. REQUIRES: Stop() has been
/// called before the server is destroyed.
class Server {
 public:
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  ~Server();

  /// Binds, listens and starts the I/O threads. Fails with IoError (e.g.
  /// address in use) without starting anything. `body_sink_factory`, when
  /// set, is asked for every request with a body whether to stream it into a
  /// BodySink; without it every body is kept in Request::body.
  static Result<std::unique_ptr<Server>> Start(ServerOptions options,
                                               Handler handler,
                                               BodySinkFactory body_sink_factory = nullptr);

  /// The bound port (useful when options.port was 0).
  uint16_t port() const;

  /// The number of open connections (for tests and metrics).
  size_t num_connections() const;

  /// Stops accepting, lets in-flight responses finish (up to `grace`), closes
  /// connections and joins the threads. Idempotent.
  void Stop(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace stratus::http
