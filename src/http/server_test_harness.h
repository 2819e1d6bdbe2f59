#pragma once

// Test support (not part of the library): a blocking loopback client that
// speaks raw HTTP/1.1 to a stratus::http::Server, and a fixture that starts
// one on a free port.

#include <cctype>
#include <cerrno>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "base/fake_clock.h"
#include "http/server.h"
#include "testing/status_matchers.h"

namespace stratus::http {

// One parsed HTTP response, as a client sees it.
struct Reply {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers = {};  // Names lower-cased.
  std::string body = {};

  std::optional<std::string> Header(std::string_view name) const {
    for (const auto& [header_name, value] : headers) {
      if (header_name == name) {
        return value;
      }
    }
    return std::nullopt;
  }
};

// A blocking loopback client on a raw POSIX socket, with a receive timeout so
// that a misbehaving server fails a test instead of hanging it.
class RawClient {
 public:
  // A `receive_buffer_bytes` above 0 sets SO_RCVBUF, so that a slow reader
  // makes the server wait sooner.
  explicit RawClient(uint16_t port, int receive_buffer_bytes = 0)
      : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    timeval timeout{.tv_sec = 5, .tv_usec = 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
    if (receive_buffer_bytes > 0) {
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer_bytes, sizeof(receive_buffer_bytes));
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    connected_ = ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
  }

  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  ~RawClient() { ::close(fd_); }

  bool connected() const { return connected_; }

  bool Send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (sent <= 0) {
        return false;
      }
      data.remove_prefix(static_cast<size_t>(sent));
    }
    return true;
  }

  // Reads one response (a 100 Continue counts as one). Returns nullopt on
  // EOF, reset or timeout.
  std::optional<Reply> Read(bool head_request = false) {
    size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) {
        return std::nullopt;
      }
    }
    const std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    Reply reply;
    size_t line_end = head.find("\r\n");
    const std::string status_line = head.substr(0, line_end);
    if (status_line.rfind("HTTP/1.1 ", 0) != 0 || status_line.size() < 12) {
      ADD_FAILURE() << "bad status line: " << status_line;
      return std::nullopt;
    }
    reply.status = std::stoi(status_line.substr(9, 3));
    while (line_end != std::string::npos) {
      const size_t start = line_end + 2;
      line_end = head.find("\r\n", start);
      const std::string line = head.substr(start, line_end - start);
      const size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      const size_t value_start = line.find_first_not_of(' ', colon + 1);
      reply.headers.emplace_back(name,
                                 value_start == std::string::npos ? "" : line.substr(value_start));
    }
    if (reply.status >= 200 && !head_request) {
      const size_t length = std::stoul(reply.Header("content-length").value_or("0"));
      while (buffer_.size() < length) {
        if (!Fill()) {
          return std::nullopt;
        }
      }
      reply.body = buffer_.substr(0, length);
      buffer_.erase(0, length);
    }
    return reply;
  }

  // Reads until at least `num_bytes` unparsed bytes are buffered; false on
  // EOF, reset or timeout.
  bool Buffer(size_t num_bytes) {
    while (buffer_.size() < num_bytes) {
      if (!Fill()) {
        return false;
      }
    }
    return true;
  }

  // Returns every byte until the server closes the connection (after those
  // already buffered), or nullopt on timeout.
  std::optional<std::string> ReadToClose() {
    while (Fill()) {
    }
    if (!closed_) {
      return std::nullopt;
    }
    return std::exchange(buffer_, std::string());
  }

  // Returns true when the server closes the connection without sending more.
  bool WaitForClose() {
    char byte;
    const ssize_t received = ::recv(fd_, &byte, 1, 0);
    return received == 0 || (received < 0 && errno == ECONNRESET);
  }

  // Tells the server that no more bytes will come.
  void ShutdownWrite() { ::shutdown(fd_, SHUT_WR); }

  // Returns true when nothing arrives within `wait`.
  bool QuietFor(std::chrono::milliseconds wait) {
    pollfd poll_fd{.fd = fd_, .events = POLLIN, .revents = 0};
    return buffer_.empty() && ::poll(&poll_fd, 1, static_cast<int>(wait.count())) == 0;
  }

 private:
  bool Fill() {
    char chunk[65536];
    const ssize_t received = ::recv(fd_, chunk, sizeof(chunk), 0);
    if (received <= 0) {
      closed_ = received == 0 || errno == ECONNRESET;
      return false;
    }
    buffer_.append(chunk, static_cast<size_t>(received));
    return true;
  }

  int fd_;
  bool connected_ = false;
  bool closed_ = false;  // Fill() saw EOF or a reset.
  std::string buffer_;
};

// Starts a server on a free loopback port for one test and stops it after.
class ServerFixture : public ::testing::Test {
 protected:
  void TearDown() override {
    if (server_ != nullptr) {
      server_->Stop(std::chrono::milliseconds(100));
    }
  }

  // Small limits, so that tests can cross them cheaply.
  ServerOptions TestOptions() {
    return ServerOptions{.host = "127.0.0.1",
                         .port = 0,
                         .num_threads = 2,
                         .max_body_bytes = 1024,
                         .max_header_bytes = 1024,
                         .idle_timeout = std::chrono::seconds(10),
                         .max_connections = 64,
                         .request_timeout = std::chrono::seconds(5),
                         .clock = &clock_};
  }

  void StartServer(ServerOptions options,
                   Handler handler,
                   BodySinkFactory body_sink_factory = nullptr) {
    auto started =
        Server::Start(std::move(options), std::move(handler), std::move(body_sink_factory));
    ASSERT_OK(started);
    server_ = std::move(started).value();
  }

  uint16_t port() const { return server_->port(); }

  FakeClock clock_;
  std::unique_ptr<Server> server_;
};

}  // namespace stratus::http
