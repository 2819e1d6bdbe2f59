#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace stratus::connectors::mysql {

/// Owns one file descriptor; closes it on destruction.
///
/// Thread safety: a value; Shutdown() may be called from another thread
/// while the owner blocks on the descriptor (the descriptor stays open until
/// the owner destroys it, so it is never reused under a reader).
class UniqueFd {
 public:
  UniqueFd() = default;

  explicit UniqueFd(int fd) : fd_(fd) {}

  UniqueFd(UniqueFd&& other) noexcept;
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();

  int get() const { return fd_; }

  bool valid() const { return fd_ >= 0; }

  /// Wakes every thread blocked on the socket: reads see end of stream.
  void Shutdown() const;

 private:
  int fd_ = -1;
};

/// Binds and listens on host:port (port 0 picks one). kAlreadyExists when
/// the port is taken.
Result<UniqueFd> ListenTcp(const std::string& host, uint16_t port);

/// The port a bound socket listens on.
Result<uint16_t> LocalPort(const UniqueFd& socket);

/// Connects to a unix-domain stream socket.
Result<UniqueFd> ConnectUnix(const std::string& path);

/// Reads exactly out_size bytes. kCancelled at a clean end of stream before
/// the first byte, kIoError for a stream that ends or fails midway.
Status ReadFull(int fd, char* out, size_t out_size);

/// Reads what is there (at least one byte, at most out_size). 0 at end of
/// stream.
Result<size_t> ReadSome(int fd, char* out, size_t out_size);

/// Writes every byte (MSG_NOSIGNAL: a closed peer is kIoError, not SIGPIPE).
Status WriteAll(int fd, std::string_view bytes);

}  // namespace stratus::connectors::mysql
