#include "connectors/mysql/mysql_front.h"

#include <cerrno>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include <sys/socket.h>

#include "base/check.h"
#include "connectors/mysql/log.h"
#include "connectors/mysql/mysql_front_internal.h"
#include "connectors/mysql/packet.h"
#include "connectors/mysql/relay_session_internal.h"
#include "connectors/mysql/socket_internal.h"

namespace stratus::connectors::mysql {
namespace {

// Client connections one front serves at once; more are refused with
// MySQL's ER_CON_COUNT_ERROR (the server's own max_connections, 151 by
// default, usually refuses first).
constexpr size_t kMaxConnections = 1024;

// The front of one instance: an acceptor thread and a thread per client
// connection (each blocks on its two sockets; see RelaySession).
//
// Thread safety: Start/Stop from one thread; the rest runs on the front's
// threads, sharing only the connection table under mu_.
class FrontImpl final : public MySqlFront {
 public:
  FrontImpl(MySqlFrontOptions options, MySqlFrontTuning tuning, UniqueFd listener, uint16_t port)
      : options_(std::move(options)), tuning_(tuning), listener_(std::move(listener)), port_(port) {
    acceptor_ = std::thread([this] { AcceptLoop(); });
  }

  // Stops on destruction, so that a forgotten Stop() cannot leave threads
  // running on a destroyed front.
  ~FrontImpl() override { Stop(); }

  uint16_t port() const override { return port_; }

  void Stop() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) {
        return;
      }
      stopping_ = true;
    }
    listener_.Shutdown();  // Wakes accept().
    acceptor_.join();
    std::map<uint64_t, Connection> connections;
    {
      std::lock_guard<std::mutex> lock(mu_);
      connections.swap(connections_);
    }
    for (auto& [id, connection] : connections) {
      connection.session->Shutdown();
    }
    for (auto& [id, connection] : connections) {
      connection.thread.join();
    }
  }

 private:
  struct Connection {
    std::shared_ptr<RelaySession> session;
    std::thread thread;
  };

  void AcceptLoop() {
    while (true) {
      const int fd = ::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) {
          continue;
        }
        std::lock_guard<std::mutex> lock(mu_);
        if (!stopping_) {
          kMySqlLog.Error("accept on port {} failed; the front stops accepting", port_);
        }
        return;
      }
      ReapFinished();
      auto session = std::make_shared<RelaySession>(
          UniqueFd(fd), RelaySessionOptions{.backend_socket = options_.backend_socket,
                                            .lake = options_.lake,
                                            .region = options_.region,
                                            .max_part_bytes = tuning_.max_part_bytes});
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) {
        return;  // The session's destructor closes the socket.
      }
      if (connections_.size() >= kMaxConnections) {
        (void)WriteAll(fd, EncodePackets(ErrPayload(ErrFields{.code = 1040,
                                                              .sql_state = "08004",
                                                              .message = "Too many connections"}),
                                         0));
        continue;  // The session's destructor closes the socket.
      }
      const uint64_t id = next_id_++;
      connections_[id] = Connection{
          .session = session,
          .thread = std::thread([this, id, session] {
            session->Run();
            std::lock_guard<std::mutex> done_lock(mu_);
            finished_.push_back(id);
          }),
      };
    }
  }

  // Joins the threads of connections that ended.
  void ReapFinished() {
    std::vector<Connection> done;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (uint64_t id : finished_) {
        auto found = connections_.find(id);
        if (found != connections_.end()) {
          done.push_back(std::move(found->second));
          connections_.erase(found);
        }
      }
      finished_.clear();
    }
    for (Connection& connection : done) {
      connection.thread.join();
    }
  }

  MySqlFrontOptions options_;
  MySqlFrontTuning tuning_;
  UniqueFd listener_;
  uint16_t port_;
  std::thread acceptor_;

  std::mutex mu_;
  bool stopping_ = false;                       // Guarded by mu_.
  uint64_t next_id_ = 0;                        // Guarded by mu_.
  std::map<uint64_t, Connection> connections_;  // Guarded by mu_.
  std::vector<uint64_t> finished_;              // Guarded by mu_.
};

}  // namespace

Result<std::unique_ptr<MySqlFront>> MySqlFront::Start(const MySqlFrontOptions& options) {
  return StartMySqlFront(options, MySqlFrontTuning());
}

Result<std::unique_ptr<MySqlFront>> StartMySqlFront(const MySqlFrontOptions& options,
                                                    const MySqlFrontTuning& tuning) {
  if (options.backend_socket.empty()) {
    return Status::InvalidArgument("MySqlFrontOptions.backend_socket is required");
  }
  STRATUS_ASSIGN_OR_RETURN(UniqueFd listener, ListenTcp(options.listen_host, options.port));
  STRATUS_ASSIGN_OR_RETURN(uint16_t port, LocalPort(listener));
  return std::unique_ptr<MySqlFront>(
      std::make_unique<FrontImpl>(options, tuning, std::move(listener), port));
}

}  // namespace stratus::connectors::mysql
