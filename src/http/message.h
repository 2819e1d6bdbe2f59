#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

/// One HTTP request as the server received it, body fully read (dechunked).
struct Request {
  std::string method = {};  // "GET", "POST", ...
  std::string target = {};  // The raw request-target: "/path?query".
  std::string path = {};    // `target` before '?', still percent-encoded.
  std::string query = {};   // `target` after '?', still percent-encoded; empty if none.
  Headers headers = {};
  std::string body = {};
  std::string remote_address = {};  // "127.0.0.1:53211".
};

/// One HTTP response. The server adds Content-Length, Date, Connection and
/// Server; a handler sets status, its own headers and the body.
struct Response {
  int status = 200;
  Headers headers = {};
  std::string body = {};
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
