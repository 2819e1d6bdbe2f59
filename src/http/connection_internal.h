#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>

#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include "base/clock.h"
#include "http/message.h"
#include "http/request_body_internal.h"
#include "http/server.h"

namespace stratus::http {

using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;
using StrandSocket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, Strand>;
using StrandTimer =
    boost::asio::basic_waitable_timer<std::chrono::steady_clock,
                                      boost::asio::wait_traits<std::chrono::steady_clock>,
                                      Strand>;

/// Decides whether responders may still post work to the I/O threads. The
/// server closes it during Stop(), before the io_context goes away; responders
/// hold it (shared ownership) so that a late response finds it closed instead
/// of touching a destroyed io_context.
///
/// Thread safety: `open` is guarded by `mu`; responders take it shared while
/// they post, Stop() takes it exclusive to close it.
struct ResponseGate {
  std::shared_mutex mu;
  bool open = true;  // Guarded by mu.
};

class Connection;

/// Told by connections when they close. Implemented by the server.
///
/// Thread safety: called from I/O threads.
class ConnectionObserver {
 public:
  virtual ~ConnectionObserver() = default;
  virtual void OnConnectionClosed(Connection* connection) = 0;
};

/// What every connection of one server shares. Owned by the server, which
/// outlives its connections' I/O (see Server::Stop()).
struct ConnectionContext {
  const ServerOptions* options = nullptr;
  const Handler* handler = nullptr;
  const BodySinkFactory* body_sink_factory = nullptr;  // Points to an empty function if none.
  const Clock* clock = nullptr;
  std::shared_ptr<ResponseGate> gate = nullptr;
  ConnectionObserver* observer = nullptr;
};

/// The state one Responder shares among its copies: it makes the first call
/// win and turns a responder dropped without a call into a 500.
///
/// Thread safety: Respond() may be called from any thread, concurrently.
class ResponderState {
 public:
  ResponderState(std::weak_ptr<Connection> connection,
                 Connection* raw_connection,
                 std::shared_ptr<ResponseGate> gate)
      : connection_(std::move(connection)),
        raw_connection_(raw_connection),
        gate_(std::move(gate)) {}

  ResponderState(const ResponderState&) = delete;
  ResponderState& operator=(const ResponderState&) = delete;
  ~ResponderState();  // NOLINT(bugprone-exception-escape): the body catches everything.

  /// Delivers `response` to the connection's strand unless a response was
  /// already given, the connection is gone or the server is stopping.
  void Respond(Response response);

  /// Marks the handler call on this thread as running (true) or returned.
  void set_dispatching(bool dispatching);

 private:
  std::weak_ptr<Connection> connection_;
  Connection* raw_connection_;  // Used only inline, while the handler runs on the strand.
  std::shared_ptr<ResponseGate> gate_;
  std::atomic<bool> called_{false};
  std::atomic<bool> dispatching_{false};
  std::thread::id dispatch_thread_;  // Written before dispatching_ is set.
};

/// One accepted HTTP/1.1 connection: reads a request, hands it to the
/// handler, writes the response, and repeats while keep-alive holds.
///
/// A request body goes into Request::body or, if the BodySinkFactory chose a
/// sink when the head arrived, to that sink as it is read (64 KiB reads, no
/// copy beyond the read buffer). A response body is written from
/// Response::body, or pulled from its BodyStream piece by piece: memory
/// pieces with async writes, file pieces with sendfile(2) on the
/// non-blocking socket, waiting for writability when the socket is full.
///
/// A connection is owned by shared pointers: the server's registry (until the
/// connection closes) and its pending completion handlers. Responders hold
/// only weak references.
///
/// Thread safety: everything except Shutdown() runs on the connection's strand.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(StrandSocket socket, ConnectionContext context);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Starts reading the first request. REQUIRES: called on the strand.
  void Start();

  /// Asks the connection to finish: idle ones close now, busy ones after the
  /// response in flight (with Connection: close); `force` closes at once.
  /// Safe from any thread.
  void Shutdown(bool force);

  /// Sends `response` for the request being handled. REQUIRES: on the strand.
  void OnResponse(Response response);

  const Strand& executor() const { return strand_; }

 private:
  enum class State : uint8_t { kReading, kHandling, kWriting, kLingering, kClosed };
  using SteadyClock = std::chrono::steady_clock;
  using Parser = boost::beast::http::request_parser<RequestBody>;

  void StartRequest();
  void Read();
  void OnRead(boost::system::error_code error, size_t num_bytes);
  void ParseBuffered();
  void PutBuffered(boost::beast::error_code& error);
  bool OnHead();
  void SendContinue();
  void Dispatch();
  void FailRequest(int status, std::string_view body);
  void Write(Response response, bool close_after);
  void OnWritten(boost::system::error_code error);
  void WriteStream();
  void OnStreamWritten(boost::system::error_code error);
  void SendFilePiece();
  void FailStream(std::string_view why);
  SteadyClock::duration WriteTimeout() const;
  void Linger();
  void OnLingerRead(boost::system::error_code error, size_t num_bytes);
  void Close();
  void SetDeadline(SteadyClock::time_point deadline);
  void ArmTimer(SteadyClock::time_point expiry);
  void OnTimer(boost::system::error_code error, uint64_t generation);
  std::string_view CurrentDate();

  // Set at construction, read-only afterwards.
  Strand strand_;
  ConnectionContext context_;
  std::string remote_address_;

  // Everything below is touched only on the strand.
  StrandSocket socket_;
  StrandTimer timer_;
  boost::beast::flat_buffer buffer_;
  std::optional<Parser> parser_;
  Request request_;             // The request being read, from its head on.
  size_t num_head_fields_ = 0;  // Fields in the head; later ones are chunked trailers.
  State state_ = State::kReading;
  bool request_started_ = false;  // Some bytes of the current request arrived.
  bool head_done_ = false;        // OnHead() ran for the current request.
  bool streaming_body_ = false;   // The current request's body goes to a sink.
  bool continue_sent_ = false;
  bool owe_continue_ = false;  // The response goes after a 100 Continue.
  bool keep_alive_ = true;
  bool head_request_ = false;
  bool http10_ = false;
  bool close_after_write_ = false;
  bool linger_after_write_ = false;  // Set by an error response.
  bool stopping_ = false;
  size_t num_lingered_bytes_ = 0;
  std::string response_head_;
  std::string response_body_;
  std::shared_ptr<BodyStream> body_stream_;  // The response body being streamed, if any.
  uint64_t num_stream_bytes_left_ = 0;       // Bytes of body_stream_ not yet pulled.
  BodyPiece piece_;                          // The piece being written (a file piece's rest).
  SteadyClock::time_point deadline_ = SteadyClock::time_point::max();
  SteadyClock::time_point timer_expiry_ = SteadyClock::time_point::max();
  uint64_t timer_generation_ = 0;
  int64_t date_second_ = -1;
  std::string date_;
};

}  // namespace stratus::http
