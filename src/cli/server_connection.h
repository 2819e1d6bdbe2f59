#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::cli {

/// What a running server answered: the HTTP status and the body.
struct ServerReply {
  long status = 0;
  std::string body = {};
};

/// The HTTP side of the CLI's API clients (`stratus sql`, `stratus deploy`):
/// requests to a running server over one reused libcurl handle, unsigned —
/// an Authorization header carries a SigV4 credential scope naming the
/// service, which the server routes by when it verifies no signatures.
///
/// Thread safety: one thread at a time.
class ServerConnection {
 public:
  /// `endpoint`: "http://localhost:4566" (trailing slashes are dropped).
  explicit ServerConnection(std::string endpoint);
  ~ServerConnection();
  ServerConnection(const ServerConnection&) = delete;
  ServerConnection& operator=(const ServerConnection&) = delete;

  const std::string& endpoint() const { return endpoint_; }

  /// Sends `method` to `path` ("/" or "/bucket") of `service` ("athena") with
  /// extra `headers` ("Content-Type: ...") and `body`. Fails only when the
  /// server cannot be reached; any HTTP status is a reply.
  Result<ServerReply> Send(std::string_view method,
                           std::string_view path,
                           std::string_view service,
                           const std::vector<std::string>& headers,
                           std::string_view body);

  /// Percent-encodes `value` for a form body.
  std::string FormEscape(std::string_view value);

 private:
  struct Curl;
  std::string endpoint_;
  std::unique_ptr<Curl> curl_;
};

}  // namespace stratus::cli
