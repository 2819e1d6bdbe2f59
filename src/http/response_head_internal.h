#pragma once

#include <string>
#include <string_view>

#include "http/message.h"

namespace stratus::http {

/// What the connection decided about one response, beyond the Response itself.
struct ResponseFraming {
  bool send_body = true;           // False for HEAD requests and 1xx/204/304 statuses.
  bool close = false;              // Adds "Connection: close".
  bool keep_alive_http10 = false;  // Adds "Connection: keep-alive" for an HTTP/1.0 client.
  std::string_view date = {};      // The Date header value.
};

/// Returns true when `status` never carries a body (1xx, 204, 304).
bool StatusForbidsBody(int status);

/// Returns the reason phrase for `status` ("OK", "Not Found"), or "Unknown".
std::string_view ReasonPhrase(int status);

/// Appends the status line and header block of `response`, ending with the
/// blank line, to `out`. Adds Content-Length (the body's size, or the body
/// stream's size even when no body is sent, except for 1xx and 204), Date,
/// Server and Connection; drops Connection, Transfer-Encoding and (unless
/// the response sends no body and has neither body nor stream) Content-Length
/// set by the handler; replaces CR and LF in handler header values with spaces.
void AppendResponseHead(const Response& response, const ResponseFraming& framing, std::string& out);

}  // namespace stratus::http
