#include "http/response_head_internal.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>

namespace stratus::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);  // Header names are ASCII tokens.
         });
}

void AppendNumber(std::string& out, uint64_t value) {
  std::array<char, 24> digits{};
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  out.append(digits.data(), result.ptr);
}

void AppendSanitized(std::string& out, std::string_view text) {
  for (const char c : text) {
    out.push_back(c == '\r' || c == '\n' ? ' ' : c);
  }
}

}  // namespace

bool StatusForbidsBody(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 101:
      return "Switching Protocols";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Range Not Satisfiable";
    case 417:
      return "Expectation Failed";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Unknown";
  }
}

void AppendResponseHead(const Response& response,
                        const ResponseFraming& framing,
                        std::string& out) {
  out.append("HTTP/1.1 ");
  AppendNumber(out, static_cast<uint64_t>(response.status));
  out.push_back(' ');
  out.append(ReasonPhrase(response.status));
  out.append("\r\n");

  bool has_server = false;
  bool has_date = false;
  bool has_content_length = false;
  for (const auto& [name, value] : response.headers.fields()) {
    if (EqualsIgnoreCase(name, "Connection") || EqualsIgnoreCase(name, "Transfer-Encoding") ||
        EqualsIgnoreCase(name, "Keep-Alive")) {
      continue;
    }
    if (EqualsIgnoreCase(name, "Content-Length")) {
      // A HEAD answer may announce the length of the body it does not send.
      if (framing.send_body || !response.body.empty() || response.body_stream != nullptr ||
          has_content_length) {
        continue;
      }
      has_content_length = true;
    }
    has_server = has_server || EqualsIgnoreCase(name, "Server");
    has_date = has_date || EqualsIgnoreCase(name, "Date");
    AppendSanitized(out, name);
    out.append(": ");
    AppendSanitized(out, value);
    out.append("\r\n");
  }
  if (response.body_stream != nullptr) {
    // Even without a body (HEAD, 304), a stream's length is announced: S3's
    // HeadObject answers the object's Content-Length. RFC 9110 forbids it
    // for 1xx and 204.
    if (response.status >= 200 && response.status != 204) {
      out.append("Content-Length: ");
      AppendNumber(out, response.body_stream->size());
      out.append("\r\n");
    }
  } else if (!has_content_length && !StatusForbidsBody(response.status)) {
    out.append("Content-Length: ");
    AppendNumber(out, response.body.size());
    out.append("\r\n");
  }
  if (!has_date) {
    out.append("Date: ");
    out.append(framing.date);
    out.append("\r\n");
  }
  if (!has_server) {
    out.append("Server: stratus\r\n");
  }
  if (framing.close) {
    out.append("Connection: close\r\n");
  } else if (framing.keep_alive_http10) {
    out.append("Connection: keep-alive\r\n");
  }
  out.append("\r\n");
}

}  // namespace stratus::http
