#include "connectors/mysql/socket_internal.h"

#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/format.h"

namespace stratus::connectors::mysql {
namespace {

std::string ErrnoText(int error) {
  return std::strerror(error);
}

}  // namespace

UniqueFd::UniqueFd(UniqueFd&& other) noexcept : fd_(other.fd_) {
  other.fd_ = -1;
}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

void UniqueFd::Shutdown() const {
  if (fd_ >= 0) {
    ::shutdown(fd_, SHUT_RDWR);
  }
}

Result<UniqueFd> ListenTcp(const std::string& host, uint16_t port) {
  sockaddr_in address = {};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
    return Status::InvalidArgument(fmt::format("not an IPv4 address: '{}'", host));
  }
  UniqueFd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!socket.valid()) {
    return Status::IoError("socket: " + ErrnoText(errno));
  }
  const int on = 1;
  ::setsockopt(socket.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
  if (::bind(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    const int error = errno;
    if (error == EADDRINUSE) {
      return Status::AlreadyExists(fmt::format("port {} is in use", port));
    }
    return Status::IoError(fmt::format("bind {}:{}: {}", host, port, ErrnoText(error)));
  }
  if (::listen(socket.get(), 128) != 0) {
    return Status::IoError("listen: " + ErrnoText(errno));
  }
  return socket;
}

Result<uint16_t> LocalPort(const UniqueFd& socket) {
  sockaddr_in address = {};
  socklen_t size = sizeof(address);
  if (::getsockname(socket.get(), reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    return Status::IoError("getsockname: " + ErrnoText(errno));
  }
  return ntohs(address.sin_port);
}

Result<UniqueFd> ConnectUnix(const std::string& path) {
  sockaddr_un address = {};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof(address.sun_path)) {
    return Status::InvalidArgument(fmt::format("socket path too long: '{}'", path));
  }
  std::memcpy(address.sun_path, path.data(), path.size());
  UniqueFd socket(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!socket.valid()) {
    return Status::IoError("socket: " + ErrnoText(errno));
  }
  if (::connect(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    return Status::IoError(fmt::format("connect {}: {}", path, ErrnoText(errno)));
  }
  return socket;
}

Status ReadFull(int fd, char* out, size_t out_size) {
  size_t done = 0;
  while (done < out_size) {
    const ssize_t got = ::recv(fd, out + done, out_size - done, 0);
    if (got > 0) {
      done += static_cast<size_t>(got);
      continue;
    }
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got == 0 && done == 0) {
      return Status::Cancelled("end of stream");
    }
    return Status::IoError(got == 0 ? std::string("stream ended midway") : ErrnoText(errno));
  }
  return Status::Ok();
}

Result<size_t> ReadSome(int fd, char* out, size_t out_size) {
  while (true) {
    const ssize_t got = ::recv(fd, out, out_size, 0);
    if (got >= 0) {
      return static_cast<size_t>(got);
    }
    if (errno != EINTR) {
      return Status::IoError("recv: " + ErrnoText(errno));
    }
  }
}

Status WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t put = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (put < 0) {
      if (errno == EINTR) {
        continue;
      }
      return Status::IoError("send: " + ErrnoText(errno));
    }
    bytes.remove_prefix(static_cast<size_t>(put));
  }
  return Status::Ok();
}

}  // namespace stratus::connectors::mysql
