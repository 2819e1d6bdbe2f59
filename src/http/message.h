#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "base/status.h"

namespace stratus::http {

/// An ordered list of header fields with case-insensitive lookup. Repeated
/// names are kept as separate entries, in arrival order.
class Headers {
 public:
  /// Returns the first value for `name` (case-insensitive), if any.
  std::optional<std::string_view> Get(std::string_view name) const;
  /// Returns every value for `name`, in order.
  std::vector<std::string_view> GetAll(std::string_view name) const;
  /// Appends a field, keeping earlier fields of the same name.
  void Add(std::string name, std::string value);
  /// Replaces every field named `name` with one field.
  void Set(std::string name, std::string value);
  void Remove(std::string_view name);

  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

  bool empty() const { return fields_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

/// Receives a request body as it arrives, instead of the body being kept in
/// Request::body, so that a body of any size (an S3 object of several GiB)
/// never sits whole in memory. A BodySinkFactory chooses one per request
/// when the request's head has arrived.
///
/// Calls, all on the connection's I/O thread and in this order: Append() for
/// each run of body bytes, then Finish() once the body is complete; then the
/// request, with the sink in Request::body_sink, goes to the handler. If the
/// client disconnects or the body is malformed before the end, the server
/// drops its reference without calling Finish() and the handler never runs.
///
/// Ownership: shared by the server (while the body arrives) and the Request
/// it dispatches; the handler may keep it as long as it likes.
///
/// Thread safety: the server calls one sink from one thread at a time, and
/// hands it to the handler only after its last call.
class BodySink {
 public:
  virtual ~BodySink() = default;

  /// Receives the next bytes of the body, dechunked, in order. Runs on an
  /// I/O thread, so it must not block for long (writing to a file is fine).
  /// An error stops the appending: the rest of the body is still read and
  /// dropped, Finish() is not called, and the request is still dispatched;
  /// the handler finds the error in its sink. A sink enforces its own size
  /// limit by failing here (ServerOptions::max_body_bytes does not apply).
  virtual Status Append(std::string_view bytes) = 0;

  /// Called once when the whole body has arrived (not after an Append()
  /// error), before the handler runs. An error is the sink's to remember.
  virtual Status Finish() = 0;
};

/// One piece of a streamed response body: bytes in memory, or `length` bytes
/// of the open file `fd` from `offset` (sent with sendfile(2), without a
/// copy through user space; `fd` must be a regular file). `bytes` must be
/// empty when `fd` is set. A piece with no bytes and length 0 ends the stream.
struct BodyPiece {
  std::string bytes = {};
  int fd = -1;          // Owned by the stream; open until its next Next() or its destruction.
  uint64_t offset = 0;  // Of the file range.
  uint64_t length = 0;  // Of the file range.
};

/// A response body that the server pulls, piece by piece, while it writes
/// it, so that a body of any size never sits whole in memory. Pieces may
/// come from several files (an object stored as several parts) and memory.
///
/// The server announces size() as the Content-Length, then calls Next()
/// until the pieces add up to size() bytes (it does not ask for the end
/// piece after that), sending each piece before it asks for the next. The
/// write deadline (ServerOptions::request_timeout) counts from the last
/// progress, so a slow client may take as long as it keeps reading. An
/// error from Next(), an end before size() bytes, or a piece that goes past
/// size() closes the connection: the client sees a short body, as with any
/// server that fails mid-response. HEAD requests and 304 responses announce
/// size() but never call Next(); 204 responses announce nothing.
///
/// Ownership: the Response holds it, then the connection until the last
/// byte is written or the connection closes; then it is destroyed (which is
/// when a file-backed stream closes its files).
///
/// Thread safety: the server calls one stream from one thread at a time.
class BodyStream {
 public:
  virtual ~BodyStream() = default;

  /// Returns the number of body bytes the stream will yield (Content-Length).
  virtual uint64_t size() const = 0;

  /// Returns the next piece, or the end piece (see BodyPiece). Runs on an
  /// I/O thread, so it must not block for long (reading a file is fine).
  virtual Result<BodyPiece> Next() = 0;
};

/// One HTTP request as the server received it, body fully read (dechunked)
/// into `body`, or passed to `body_sink`.
struct Request {
  std::string method = {};  // "GET", "POST", ...
  std::string target = {};  // The raw request-target: "/path?query".
  std::string path = {};    // `target` before '?', still percent-encoded.
  std::string query = {};   // `target` after '?', still percent-encoded; empty if none.
  Headers headers = {};
  std::string body = {};            // Empty when body_sink is set.
  std::string remote_address = {};  // "127.0.0.1:53211".
  /// The sink the body went to, when a BodySinkFactory chose one.
  std::shared_ptr<BodySink> body_sink = nullptr;
};

/// Chooses, when a request's head has arrived, where its body goes: a sink,
/// or nullptr to keep it in Request::body (bounded by
/// ServerOptions::max_body_bytes). `head` has every field of the Request but
/// the body. Runs on an I/O thread, before any 100 Continue is sent; a sink
/// that must refuse the request (no such bucket) fails its first Append().
using BodySinkFactory = std::function<std::shared_ptr<BodySink>(const Request& head)>;

/// One HTTP response. The server adds Content-Length, Date, Connection and
/// Server; a handler sets status, its own headers and the body, either in
/// `body` or as a `body_stream`.
///
/// A handler may set Content-Length itself only on a response that sends no
/// body (to HEAD, or a 304) and has neither `body` nor `body_stream`, to
/// announce the length of the body it does not send.
struct Response {
  int status = 200;
  Headers headers = {};
  std::string body = {};
  /// A body pulled while it is written; when set, `body` must be empty and
  /// Content-Length is body_stream->size().
  std::shared_ptr<BodyStream> body_stream = nullptr;
};

/// Called exactly once per request with its response, from any thread.
using Responder = std::function<void(Response)>;

/// Handles one request. May call the responder before returning or later from
/// another thread (long polling, group commit).
using Handler = std::function<void(Request request, Responder respond)>;

/// Returns the percent-decoding of `text`; '+' is kept unless `plus_is_space`.
std::string PercentDecode(std::string_view text, bool plus_is_space = false);

/// Returns `text` percent-encoded per RFC 3986 (unreserved characters kept);
/// '/' is kept when `keep_slash`.
std::string PercentEncode(std::string_view text, bool keep_slash = false);

/// Splits "a=1&b=&c" into decoded (name, value) pairs, in order ('+' is a space).
std::vector<std::pair<std::string, std::string>> ParseQueryString(std::string_view query);

}  // namespace stratus::http
