#include "http/connection_internal.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <exception>
#include <limits>
#include <mutex>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <sys/sendfile.h>
#include <sys/types.h>

#include "base/format.h"
#include "http/http_date.h"
#include "http/log.h"
#include "http/response_head_internal.h"

namespace stratus::http {
namespace {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;

// Bytes asked of the socket per read while waiting for a header, and while a
// body is streaming in: what remains of a body of known length, between the
// two bounds (large reads halve the syscalls and wake-ups of a 64 MiB upload;
// small bodies do not grow the buffer), or the default for chunked bodies.
constexpr size_t kHeaderReadBytes = size_t{8} * 1024;
constexpr size_t kMinBodyReadBytes = size_t{8} * 1024;
constexpr size_t kBodyReadBytes = size_t{64} * 1024;
constexpr size_t kMaxBodyReadBytes = size_t{1024} * 1024;
// A connection's read buffer is shrunk back when a large body left it bigger.
constexpr size_t kMaxIdleBufferBytes = size_t{256} * 1024;
// After an error response, unread input is drained for at most this long (or
// the request timeout, if shorter) and this many bytes, so that the client
// reads the response instead of a reset.
constexpr std::chrono::milliseconds kLingerTime = std::chrono::seconds(2);
constexpr size_t kMaxLingerBytes = size_t{4} * 1024 * 1024;
// Bytes asked of one sendfile(2) call, and sent by one handler run before the
// connection lets others on its I/O thread have a turn.
constexpr uint64_t kSendfileBytes = uint64_t{4} * 1024 * 1024;
constexpr uint64_t kMaxSendfileBytesPerTurn = uint64_t{8} * 1024 * 1024;

constexpr std::string_view kContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n";

std::string FormatEndpoint(const StrandSocket& socket) {
  boost::system::error_code error;
  const auto endpoint = socket.remote_endpoint(error);
  if (error) {
    return {};
  }
  const auto address = endpoint.address();
  std::string text = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  text.push_back(':');
  text.append(std::to_string(endpoint.port()));
  return text;
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

}  // namespace

ResponderState::~ResponderState() {
  if (called_.load(std::memory_order_acquire)) {
    return;
  }
  try {
    Respond(
        Response{.status = 500, .headers = {}, .body = "The request handler gave no response\n"});
  } catch (...) {  // NOLINT(bugprone-empty-catch): only allocation fails; the client times out.
  }
}

void ResponderState::set_dispatching(bool dispatching) {
  if (dispatching) {
    dispatch_thread_ = std::this_thread::get_id();
  }
  dispatching_.store(dispatching, std::memory_order_release);
}

void ResponderState::Respond(Response response) {
  if (called_.exchange(true, std::memory_order_acq_rel)) {
    return;
  }
  // Inside the handler call on the I/O thread: the connection is alive and we
  // are on its strand, so write directly.
  if (dispatching_.load(std::memory_order_acquire) &&
      dispatch_thread_ == std::this_thread::get_id()) {
    raw_connection_->OnResponse(std::move(response));
    return;
  }
  // From elsewhere: post to the strand, unless the server is stopping. The
  // strong reference is released inside the gate, while the io_context lives.
  std::shared_lock lock(gate_->mu);
  if (!gate_->open) {
    return;
  }
  std::shared_ptr<Connection> connection = connection_.lock();
  if (connection == nullptr) {
    return;
  }
  const Strand strand = connection->executor();
  asio::post(strand,
             [connection = std::move(connection), response = std::move(response)]() mutable {
               connection->OnResponse(std::move(response));
             });
}

Connection::Connection(StrandSocket socket, ConnectionContext context)
    : strand_(socket.get_executor()),
      context_(std::move(context)),
      remote_address_(FormatEndpoint(socket)),
      socket_(std::move(socket)),
      timer_(strand_) {}

void Connection::Start() {
  boost::system::error_code ignored;
  socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
  StartRequest();
}

void Connection::Shutdown(bool force) {
  asio::post(strand_, [self = shared_from_this(), force] {
    self->stopping_ = true;
    if (force || self->state_ == State::kReading) {
      self->Close();
    }
  });
}

void Connection::StartRequest() {
  state_ = State::kReading;
  request_started_ = false;
  head_done_ = false;
  streaming_body_ = false;
  continue_sent_ = false;
  parser_.emplace();
  parser_->header_limit(
      static_cast<uint32_t>(std::min<size_t>(context_.options->max_header_bytes, UINT32_MAX)));
  // The body limit is set when the head is in and the body's destination is
  // known (a sink has none); the parser stops after the head so that it is.
  // Not boost::none: Beast 1.74 compares a Content-Length with an unset limit
  // as exceeding it.
  parser_->body_limit(std::numeric_limits<uint64_t>::max());
  parser_->eager(false);
  if (buffer_.size() > 0) {
    ParseBuffered();  // A pipelined request is already here.
    return;
  }
  if (buffer_.capacity() > kMaxIdleBufferBytes) {
    buffer_.shrink_to_fit();
  }
  SetDeadline(SteadyClock::now() + context_.options->idle_timeout);
  Read();
}

void Connection::Read() {
  size_t size = kHeaderReadBytes;
  if (parser_->is_header_done()) {
    const boost::optional<uint64_t> remaining = parser_->content_length_remaining();
    size = remaining.has_value()
               ? static_cast<size_t>(std::clamp<uint64_t>(*remaining, kMinBodyReadBytes, kMaxBodyReadBytes))
               : kBodyReadBytes;
  }
  socket_.async_read_some(
      buffer_.prepare(size),
      [self = shared_from_this()](boost::system::error_code error, size_t num_bytes) {
        self->OnRead(error, num_bytes);
      });
}

void Connection::OnRead(boost::system::error_code error, size_t num_bytes) {
  if (state_ != State::kReading) {
    return;
  }
  if (error) {
    // EOF between requests is the normal end of a keep-alive connection; in
    // the middle of one the client gave up, and nobody is left to answer.
    Close();
    return;
  }
  buffer_.commit(num_bytes);
  ParseBuffered();
}

void Connection::ParseBuffered() {
  boost::beast::error_code error;
  PutBuffered(error);
  if (!error && !head_done_ && parser_->is_header_done()) {
    head_done_ = true;
    if (!OnHead()) {
      return;
    }
    PutBuffered(error);  // Body bytes that came with the head.
  }
  if (error == beast_http::error::need_more) {
    error = {};
  }
  if (error == beast_http::error::body_limit) {
    FailRequest(413, "Request body too large\n");
    return;
  }
  if (error == beast_http::error::header_limit) {
    FailRequest(431, "Request header fields too large\n");
    return;
  }
  if (error == beast_http::error::bad_version) {
    FailRequest(505, "HTTP version not supported\n");
    return;
  }
  if (error) {
    FailRequest(400, "Malformed HTTP request\n");
    return;
  }
  if (parser_->is_done()) {
    Dispatch();
    return;
  }
  // A body going to a sink may take as long as it keeps moving: its deadline
  // moves with every read.
  if (!request_started_ || streaming_body_) {
    request_started_ = true;
    SetDeadline(SteadyClock::now() + context_.options->request_timeout);
  }
  if (parser_->is_header_done() && !continue_sent_ && buffer_.size() == 0) {
    const auto& message = parser_->get();
    const auto expect = message[beast_http::field::expect];
    if (message.version() >= 11 && IEquals({expect.data(), expect.size()}, "100-continue")) {
      SendContinue();
      return;
    }
  }
  Read();
}

void Connection::PutBuffered(boost::beast::error_code& error) {
  error = {};
  if (buffer_.size() == 0 || parser_->is_done()) {
    return;
  }
  const size_t num_used = parser_->put(buffer_.data(), error);
  buffer_.consume(num_used);
}

bool Connection::OnHead() {
  const auto& message = parser_->get();
  request_ = Request{};
  request_.method.assign(message.method_string().data(), message.method_string().size());
  request_.target.assign(message.target().data(), message.target().size());
  const std::string_view target = request_.target;
  const size_t question = target.find('?');
  request_.path = target.substr(0, question);
  if (question != std::string_view::npos) {
    request_.query = target.substr(question + 1);
  }
  num_head_fields_ = 0;
  for (const auto& field : message) {
    request_.headers.Add(std::string(field.name_string().data(), field.name_string().size()),
                         std::string(field.value().data(), field.value().size()));
    ++num_head_fields_;
  }
  request_.remote_address = remote_address_;
  parser_->eager(true);
  if (parser_->is_done()) {
    return true;  // No body.
  }
  std::shared_ptr<BodySink> sink;
  if (*context_.body_sink_factory != nullptr) {
    try {
      sink = (*context_.body_sink_factory)(request_);
    } catch (const std::exception& e) {
      kHttpLog.Error("body sink factory threw: {}", e.what());
      FailRequest(500, "Internal server error\n");
      return false;
    } catch (...) {
      kHttpLog.Error("body sink factory threw a non-standard exception");
      FailRequest(500, "Internal server error\n");
      return false;
    }
  }
  if (sink != nullptr) {
    streaming_body_ = true;
    parser_->get().body().sink = std::move(sink);
    return true;
  }
  const boost::optional<uint64_t> length = parser_->content_length();
  if (length.has_value() && *length > context_.options->max_body_bytes) {
    FailRequest(413, "Request body too large\n");
    return false;
  }
  parser_->body_limit(context_.options->max_body_bytes);
  return true;
}

void Connection::SendContinue() {
  continue_sent_ = true;
  asio::async_write(socket_, asio::buffer(kContinueResponse.data(), kContinueResponse.size()),
                    [self = shared_from_this()](boost::system::error_code error, size_t) {
                      if (self->state_ != State::kReading) {
                        return;
                      }
                      if (error) {
                        self->Close();
                        return;
                      }
                      self->Read();
                    });
}

void Connection::Dispatch() {
  auto& message = parser_->get();
  const unsigned version = message.version();
  if (version != 10 && version != 11) {
    FailRequest(505, "HTTP version not supported\n");
    return;
  }
  Request request = std::move(request_);
  request_ = Request{};
  // Fields after the head are the trailer of a chunked body.
  size_t index = 0;
  for (const auto& field : message) {
    if (index++ >= num_head_fields_) {
      request.headers.Add(std::string(field.name_string().data(), field.name_string().size()),
                          std::string(field.value().data(), field.value().size()));
    }
  }
  RequestBody::value_type& body = message.body();
  if (body.sink != nullptr) {
    if (body.sink_status.ok()) {
      const Status finished = body.sink->Finish();
      if (!finished.ok()) {
        kHttpLog.Debug("body sink failed to finish: {}", finished.ToString());
      }
    }
    request.body_sink = std::move(body.sink);
  } else {
    request.body = std::move(body.buffered);
  }
  keep_alive_ = message.keep_alive();
  http10_ = version == 10;
  head_request_ = message.method() == beast_http::verb::head;
  // A client that asked for 100 Continue but sent no body (or sent it without
  // waiting) still gets one before the final status: botocore keeps an
  // unanswered expectation on its pooled connection and the next upload on
  // it stalls (boto/botocore#3755).
  const auto expect = message[beast_http::field::expect];
  owe_continue_ =
      version >= 11 && !continue_sent_ && IEquals({expect.data(), expect.size()}, "100-continue");
  parser_.reset();
  state_ = State::kHandling;
  request_started_ = false;
  streaming_body_ = false;

  auto responder = std::make_shared<ResponderState>(weak_from_this(), this, context_.gate);
  responder->set_dispatching(true);
  try {
    (*context_.handler)(std::move(request), [responder](Response response) {
      responder->Respond(std::move(response));
    });
  } catch (const std::exception& e) {
    kHttpLog.Error("request handler threw: {}", e.what());
    responder->Respond(Response{.status = 500, .headers = {}, .body = "Internal server error\n"});
  } catch (...) {
    kHttpLog.Error("request handler threw a non-standard exception");
    responder->Respond(Response{.status = 500, .headers = {}, .body = "Internal server error\n"});
  }
  responder->set_dispatching(false);
}

void Connection::OnResponse(Response response) {
  if (state_ != State::kHandling) {
    return;  // Closed meanwhile.
  }
  Write(std::move(response), /*close_after=*/!keep_alive_ || stopping_);
}

void Connection::FailRequest(int status, std::string_view body) {
  linger_after_write_ = true;
  parser_.reset();  // Drops a body sink, unfinished.
  request_ = Request{};
  streaming_body_ = false;
  head_request_ = false;
  http10_ = false;
  Write(Response{.status = status, .headers = {}, .body = std::string(body)}, /*close_after=*/true);
}

void Connection::Write(Response response, bool close_after) {
  state_ = State::kWriting;
  close_after_write_ = close_after;
  if (response.status < 100 || response.status > 999) {
    kHttpLog.Error("handler returned invalid status {}", response.status);
    response = Response{.status = 500, .headers = {}, .body = "Invalid response status\n"};
  }
  if (response.body_stream != nullptr && !response.body.empty()) {
    kHttpLog.Error("handler returned both a body and a body stream");
    response = Response{.status = 500, .headers = {}, .body = "Invalid response body\n"};
  }
  const bool send_body = !head_request_ && !StatusForbidsBody(response.status);
  response_head_.clear();
  if (owe_continue_) {
    owe_continue_ = false;
    response_head_.append(kContinueResponse);
  }
  AppendResponseHead(response,
                     ResponseFraming{.send_body = send_body,
                                     .close = close_after,
                                     .keep_alive_http10 = http10_ && !close_after,
                                     .date = CurrentDate()},
                     response_head_);
  SetDeadline(SteadyClock::now() + WriteTimeout());
  if (send_body && response.body_stream != nullptr) {
    body_stream_ = std::move(response.body_stream);
    num_stream_bytes_left_ = body_stream_->size();
    asio::async_write(socket_, asio::buffer(response_head_),
                      [self = shared_from_this()](boost::system::error_code error, size_t) {
                        self->OnStreamWritten(error);
                      });
    return;
  }
  response_body_ = std::move(response.body);
  if (!send_body) {
    response_body_.clear();
  }
  const std::array<asio::const_buffer, 2> buffers = {
      asio::buffer(response_head_),
      asio::buffer(response_body_),
  };
  asio::async_write(socket_, buffers,
                    [self = shared_from_this()](boost::system::error_code error, size_t) {
                      self->OnWritten(error);
                    });
}

void Connection::WriteStream() {
  if (num_stream_bytes_left_ == 0) {
    body_stream_.reset();
    piece_ = BodyPiece{};
    OnWritten({});
    return;
  }
  Result<BodyPiece> next = body_stream_->Next();
  if (!next.ok()) {
    FailStream(Format("the body stream failed: {}", next.status().ToString()));
    return;
  }
  piece_ = std::move(next).value();
  if (piece_.bytes.empty() && piece_.length == 0) {
    FailStream(Format("the body stream ended {} bytes short", num_stream_bytes_left_));
    return;
  }
  if (piece_.fd >= 0 && !piece_.bytes.empty()) {
    FailStream("the body stream gave a piece with both bytes and a file");
    return;
  }
  if (piece_.fd < 0 && piece_.bytes.empty()) {
    FailStream("the body stream gave a file piece without a file");
    return;
  }
  const uint64_t length = piece_.fd >= 0 ? piece_.length : piece_.bytes.size();
  if (length > num_stream_bytes_left_) {
    FailStream(
        Format("the body stream went {} bytes past its size", length - num_stream_bytes_left_));
    return;
  }
  num_stream_bytes_left_ -= length;
  if (piece_.fd >= 0) {
    SendFilePiece();
    return;
  }
  asio::async_write(socket_, asio::buffer(piece_.bytes),
                    [self = shared_from_this()](boost::system::error_code error, size_t) {
                      self->OnStreamWritten(error);
                    });
}

void Connection::OnStreamWritten(boost::system::error_code error) {
  if (state_ != State::kWriting) {
    return;
  }
  if (error) {
    Close();
    return;
  }
  SetDeadline(SteadyClock::now() + WriteTimeout());
  WriteStream();
}

void Connection::SendFilePiece() {
  boost::system::error_code error;
  if (!socket_.native_non_blocking()) {
    socket_.native_non_blocking(true, error);
    if (error) {
      FailStream(Format("cannot make the socket non-blocking: {}", error.message()));
      return;
    }
  }
  uint64_t num_sent = 0;
  while (piece_.length > 0 && num_sent < kMaxSendfileBytesPerTurn) {
    auto offset = static_cast<off_t>(piece_.offset);
    const ssize_t sent = ::sendfile(socket_.native_handle(), piece_.fd, &offset,
                                    static_cast<size_t>(std::min(piece_.length, kSendfileBytes)));
    const int sendfile_errno = sent < 0 ? errno : 0;
    if (sendfile_errno == EINTR) {
      continue;
    }
    if (sendfile_errno == EAGAIN || sendfile_errno == EWOULDBLOCK) {
      break;
    }
    if (sendfile_errno == EPIPE || sendfile_errno == ECONNRESET) {
      Close();  // The client went away.
      return;
    }
    if (sendfile_errno != 0) {
      FailStream(Format(
          "sendfile failed: {}",
          boost::system::error_code(sendfile_errno, boost::system::system_category()).message()));
      return;
    }
    if (sent == 0) {
      FailStream("a file piece goes past the end of its file");
      return;
    }
    piece_.offset += static_cast<uint64_t>(sent);
    piece_.length -= static_cast<uint64_t>(sent);
    num_sent += static_cast<uint64_t>(sent);
  }
  if (num_sent > 0) {
    SetDeadline(SteadyClock::now() + WriteTimeout());
  }
  auto self = shared_from_this();
  if (piece_.length > 0 && num_sent < kMaxSendfileBytesPerTurn) {
    // The socket is full: go on when it drains.
    socket_.async_wait(asio::socket_base::wait_write,
                       [self = std::move(self)](boost::system::error_code wait_error) {
                         if (self->state_ != State::kWriting) {
                           return;
                         }
                         if (wait_error) {
                           self->Close();
                           return;
                         }
                         self->SendFilePiece();
                       });
    return;
  }
  // The piece is sent, or this turn is over: go on after others had theirs.
  asio::post(strand_, [self = std::move(self)] {
    if (self->state_ != State::kWriting) {
      return;
    }
    if (self->piece_.length > 0) {
      self->SendFilePiece();
    } else {
      self->WriteStream();
    }
  });
}

void Connection::FailStream(std::string_view why) {
  kHttpLog.Warn("closing a connection in the middle of a streamed response: {}", why);
  Close();
}

Connection::SteadyClock::duration Connection::WriteTimeout() const {
  return std::max<SteadyClock::duration>(context_.options->request_timeout,
                                         context_.options->idle_timeout);
}

void Connection::OnWritten(boost::system::error_code error) {
  if (state_ != State::kWriting) {
    return;
  }
  if (error) {
    Close();
    return;
  }
  if (close_after_write_ || stopping_) {
    // After an error response the client may still be sending; read and drop
    // its input for a while so that it sees our response rather than a reset.
    boost::system::error_code ignored;
    if (linger_after_write_ || socket_.available(ignored) > 0) {
      Linger();
    } else {
      Close();
    }
    return;
  }
  response_body_ = std::string();
  StartRequest();
}

void Connection::Linger() {
  state_ = State::kLingering;
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  buffer_.clear();
  num_lingered_bytes_ = 0;
  const SteadyClock::duration linger =
      std::min<SteadyClock::duration>(kLingerTime, context_.options->request_timeout);
  SetDeadline(SteadyClock::now() + linger);
  OnLingerRead({}, 0);
}

void Connection::OnLingerRead(boost::system::error_code error, size_t num_bytes) {
  if (state_ != State::kLingering) {
    return;
  }
  num_lingered_bytes_ += num_bytes;
  if (error || num_lingered_bytes_ > kMaxLingerBytes) {
    Close();
    return;
  }
  buffer_.clear();
  socket_.async_read_some(
      buffer_.prepare(kBodyReadBytes),
      [self = shared_from_this()](boost::system::error_code read_error, size_t read_bytes) {
        self->OnLingerRead(read_error, read_bytes);
      });
}

void Connection::Close() {
  if (state_ == State::kClosed) {
    return;
  }
  const std::shared_ptr<Connection> keep_alive = shared_from_this();
  state_ = State::kClosed;
  boost::system::error_code ignored;
  socket_.close(ignored);
  timer_.cancel();
  parser_.reset();  // Drops a body sink, unfinished.
  request_ = Request{};
  body_stream_.reset();
  piece_ = BodyPiece{};
  context_.observer->OnConnectionClosed(this);
}

void Connection::SetDeadline(SteadyClock::time_point deadline) {
  deadline_ = deadline;
  // The timer fires at its expiry and re-arms itself for a later deadline, so
  // it is touched only when a deadline moves earlier.
  if (deadline < timer_expiry_) {
    ArmTimer(deadline);
  }
}

void Connection::ArmTimer(SteadyClock::time_point expiry) {
  timer_expiry_ = expiry;
  const uint64_t generation = ++timer_generation_;
  timer_.expires_at(expiry);
  timer_.async_wait([self = shared_from_this(), generation](boost::system::error_code error) {
    self->OnTimer(error, generation);
  });
}

void Connection::OnTimer(boost::system::error_code error, uint64_t generation) {
  if (error || generation != timer_generation_ || state_ == State::kClosed) {
    return;
  }
  timer_expiry_ = SteadyClock::time_point::max();
  const SteadyClock::time_point now = SteadyClock::now();
  if (state_ == State::kHandling) {
    // The handler may hold a request for long (long polling); check back later.
    ArmTimer(now + context_.options->idle_timeout);
    return;
  }
  if (now < deadline_) {
    ArmTimer(deadline_);
    return;
  }
  Close();  // Idle keep-alive, stalled request, stalled write or lingering.
}

std::string_view Connection::CurrentDate() {
  const stratus::Clock::TimePoint now = context_.clock->Now();
  const int64_t second =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (second != date_second_) {
    date_second_ = second;
    date_ = FormatHttpDate(now);
  }
  return date_;
}

}  // namespace stratus::http
