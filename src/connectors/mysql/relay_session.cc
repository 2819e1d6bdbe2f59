#include <array>
#include <cerrno>
#include <utility>

#include <poll.h>

#include "connectors/mysql/log.h"
#include "connectors/mysql/relay_session_internal.h"

namespace stratus::connectors::mysql {

RelaySession::RelaySession(UniqueFd client, RelaySessionOptions options)
    : client_(std::move(client)), options_(std::move(options)) {}

void RelaySession::Run() {
  Result<UniqueFd> backend = ConnectUnix(options_.backend_socket);
  if (!backend.ok()) {
    kMySqlLog.Warn("backend unreachable: {}", backend.status().message());
    return;
  }
  backend_ = std::move(*backend);
  backend_ready_.store(true);
  if (shut_down_.load()) {
    return;
  }
  PumpBytes();
}

void RelaySession::Shutdown() {
  shut_down_.store(true);
  client_.Shutdown();
  if (backend_ready_.load()) {
    backend_.Shutdown();
  }
}

void RelaySession::PumpBytes() {
  std::array<char, 64 * 1024> buffer{};
  std::array<pollfd, 2> fds = {pollfd{.fd = client_.get(), .events = POLLIN, .revents = 0},
                               pollfd{.fd = backend_.get(), .events = POLLIN, .revents = 0}};
  while (true) {
    const int ready = ::poll(fds.data(), fds.size(), -1);
    if (ready < 0) {
      if (errno == EINTR) {
        continue;
      }
      return;
    }
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents == 0) {
        continue;
      }
      const int from = fds[i].fd;
      const int to = fds[1 - i].fd;
      Result<size_t> got = ReadSome(from, buffer.data(), buffer.size());
      if (!got.ok() || *got == 0) {
        return;  // One side closed: the destructor closes the other.
      }
      if (!WriteAll(to, std::string_view(buffer.data(), *got)).ok()) {
        return;
      }
    }
  }
}

}  // namespace stratus::connectors::mysql
