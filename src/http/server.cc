#include "http/server.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <pthread.h>
#include <signal.h>

#include "base/check.h"
#include "base/format.h"
#include "http/connection_internal.h"
#include "http/log.h"

namespace stratus::http {
namespace {

namespace asio = boost::asio;

using StrandAcceptor = asio::basic_socket_acceptor<asio::ip::tcp, Strand>;

// After a failed accept (e.g. out of file descriptors) the server waits this
// long before trying again, instead of spinning.
constexpr std::chrono::milliseconds kAcceptRetryDelay = std::chrono::milliseconds(50);
// After the grace period and forced closes, Stop() waits this long for the
// I/O to wind down before stopping the io_context outright.
constexpr std::chrono::milliseconds kForcedCloseWait = std::chrono::seconds(1);

}  // namespace

struct Server::Impl final : ConnectionObserver {
  Impl(ServerOptions server_options, Handler request_handler, BodySinkFactory sink_factory)
      : options(std::move(server_options)),
        handler(std::move(request_handler)),
        body_sink_factory(std::move(sink_factory)),
        io_context(std::max(1, options.num_threads)),
        accept_strand(asio::make_strand(io_context)),
        acceptor(accept_strand),
        retry_timer(accept_strand),
        work_guard(asio::make_work_guard(io_context)) {}

  Status Listen();
  void StartThreads();
  void Accept();
  void OnAccept(boost::system::error_code error, StrandSocket socket);
  void OnConnectionClosed(Connection* connection) override;
  std::vector<std::shared_ptr<Connection>> SnapshotConnections();
  void Stop(std::chrono::milliseconds grace);

  const ServerOptions options;
  const Handler handler;
  const BodySinkFactory body_sink_factory;  // May be empty.
  const SystemClock system_clock;
  std::shared_ptr<ResponseGate> gate = std::make_shared<ResponseGate>();
  uint16_t port = 0;
  bool stopped = false;  // Only the owning thread reads and writes it.

  mutable std::mutex mu;
  std::condition_variable connections_changed;
  // Guarded by mu. Owns every open connection; a connection removes itself
  // when it closes.
  std::unordered_map<Connection*, std::shared_ptr<Connection>> connections;
  bool accept_paused = false;  // Guarded by mu. True while at max_connections.
  bool stopping = false;       // Guarded by mu.

  // Declared after the state that connections touch, so that it is destroyed
  // first (its destructor destroys connections held by unrun handlers).
  asio::io_context io_context;
  Strand accept_strand;
  StrandAcceptor acceptor;
  asio::basic_waitable_timer<std::chrono::steady_clock,
                             asio::wait_traits<std::chrono::steady_clock>,
                             Strand>
      retry_timer;
  asio::executor_work_guard<asio::io_context::executor_type> work_guard;
  std::vector<std::thread> threads;
  ConnectionContext context;
};

Status Server::Impl::Listen() {
  boost::system::error_code error;
  asio::ip::tcp::resolver resolver(io_context);
  const auto results = resolver.resolve(options.host, std::to_string(options.port),
                                        asio::ip::tcp::resolver::passive, error);
  if (error || results.empty()) {
    return Status::InvalidArgument(
        Format("cannot resolve listen address {}: {}", options.host, error.message()));
  }
  const asio::ip::tcp::endpoint endpoint = results.begin()->endpoint();
  const std::string where = Format("{}:{}", options.host, options.port);
  if (acceptor.open(endpoint.protocol(), error)) {
    return Status::IoError(Format("cannot open socket for {}: {}", where, error.message()));
  }
  if (acceptor.set_option(asio::socket_base::reuse_address(true), error)) {
    return Status::IoError(Format("cannot set SO_REUSEADDR on {}: {}", where, error.message()));
  }
  if (acceptor.bind(endpoint, error)) {
    return Status::IoError(Format("cannot bind {}: {}", where, error.message()));
  }
  if (acceptor.listen(asio::socket_base::max_listen_connections, error)) {
    return Status::IoError(Format("cannot listen on {}: {}", where, error.message()));
  }
  port = acceptor.local_endpoint(error).port();
  if (error) {
    return Status::IoError(Format("cannot read the bound port of {}: {}", where, error.message()));
  }
  return Status::Ok();
}

void Server::Impl::StartThreads() {
  const int num_threads = std::max(1, options.num_threads);
  threads.reserve(static_cast<size_t>(num_threads));
  for (int i = 0; i < num_threads; ++i) {
    threads.emplace_back([this, i] {
      const std::string name = Format("http-io-{}", i);
      pthread_setname_np(pthread_self(), name.c_str());
      // sendfile(2) has no MSG_NOSIGNAL: a client that goes away mid-download
      // must give EPIPE, not a SIGPIPE that kills the process.
      sigset_t pipe_signal;
      sigemptyset(&pipe_signal);
      sigaddset(&pipe_signal, SIGPIPE);
      pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
      for (;;) {
        try {
          io_context.run();
          return;
        } catch (const std::exception& e) {
          kHttpLog.Error("I/O thread caught an exception: {}", e.what());
        }
      }
    });
  }
}

void Server::Impl::Accept() {
  acceptor.async_accept(asio::make_strand(io_context),
                        [this](boost::system::error_code error, StrandSocket socket) {
                          OnAccept(error, std::move(socket));
                        });
}

void Server::Impl::OnAccept(boost::system::error_code error, StrandSocket socket) {
  if (error) {
    if (!acceptor.is_open()) {
      return;  // Stop() closed the acceptor.
    }
    kHttpLog.Warn("accept failed: {}", error.message());
    retry_timer.expires_after(kAcceptRetryDelay);
    retry_timer.async_wait([this](boost::system::error_code wait_error) {
      if (!wait_error && acceptor.is_open()) {
        Accept();
      }
    });
    return;
  }
  auto connection = std::make_shared<Connection>(std::move(socket), context);
  bool accept_more = false;
  {
    std::lock_guard lock(mu);
    if (stopping) {
      return;  // The socket closes with the connection.
    }
    connections.emplace(connection.get(), connection);
    accept_more = connections.size() < options.max_connections;
    accept_paused = !accept_more;
  }
  asio::post(connection->executor(), [connection] { connection->Start(); });
  if (accept_more) {
    Accept();
  }
}

void Server::Impl::OnConnectionClosed(Connection* connection) {
  bool resume_accepting = false;
  {
    std::lock_guard lock(mu);
    connections.erase(connection);
    if (accept_paused && !stopping && connections.size() < options.max_connections) {
      accept_paused = false;
      resume_accepting = true;
    }
  }
  connections_changed.notify_all();
  if (resume_accepting) {
    asio::post(accept_strand, [this] {
      if (acceptor.is_open()) {
        Accept();
      }
    });
  }
}

std::vector<std::shared_ptr<Connection>> Server::Impl::SnapshotConnections() {
  std::vector<std::shared_ptr<Connection>> snapshot;
  std::lock_guard lock(mu);
  snapshot.reserve(connections.size());
  for (const auto& [raw, connection] : connections) {
    snapshot.push_back(connection);
  }
  return snapshot;
}

void Server::Impl::Stop(std::chrono::milliseconds grace) {
  const auto grace_deadline = std::chrono::steady_clock::now() + grace;
  {
    std::lock_guard lock(mu);
    stopping = true;
  }
  // Stops accepting; the closed acceptor fails the pending accept.
  asio::post(accept_strand, [this] {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    retry_timer.cancel();
  });
  // Idle connections close now; busy ones after their response.
  for (const auto& connection : SnapshotConnections()) {
    connection->Shutdown(/*force=*/false);
  }
  {
    std::unique_lock lock(mu);
    connections_changed.wait_until(lock, grace_deadline, [this] { return connections.empty(); });
  }
  // From here on, late responses are dropped instead of posted.
  {
    std::unique_lock lock(gate->mu);
    gate->open = false;
  }
  const std::vector<std::shared_ptr<Connection>> remaining = SnapshotConnections();
  if (!remaining.empty()) {
    kHttpLog.Info("closing {} connections still busy after the grace period", remaining.size());
  }
  for (const auto& connection : remaining) {
    connection->Shutdown(/*force=*/true);
  }
  {
    std::unique_lock lock(mu);
    const bool all_closed = connections_changed.wait_for(lock, kForcedCloseWait,
                                                         [this] { return connections.empty(); });
    if (!all_closed) {
      kHttpLog.Warn("{} connections did not close; stopping the I/O threads", connections.size());
      io_context.stop();
    }
  }
  work_guard.reset();
  for (std::thread& thread : threads) {
    thread.join();
  }
  threads.clear();
  std::lock_guard lock(mu);
  connections.clear();
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  STRATUS_CHECK(impl_ == nullptr || impl_->stopped, "http::Server destroyed without Stop()");
}

Result<std::unique_ptr<Server>> Server::Start(ServerOptions options,
                                              Handler handler,
                                              BodySinkFactory body_sink_factory) {
  if (handler == nullptr) {
    return Status::InvalidArgument("http::Server needs a handler");
  }
  auto impl =
      std::make_unique<Impl>(std::move(options), std::move(handler), std::move(body_sink_factory));
  impl->context = ConnectionContext{
      .options = &impl->options,
      .handler = &impl->handler,
      .body_sink_factory = &impl->body_sink_factory,
      .clock = impl->options.clock != nullptr ? impl->options.clock : &impl->system_clock,
      .gate = impl->gate,
      .observer = impl.get(),
  };
  Status listening = impl->Listen();
  if (!listening.ok()) {
    impl->stopped = true;  // Nothing started.
    return listening;
  }
  impl->Accept();
  impl->StartThreads();
  kHttpLog.Info("listening on {}:{} threads={}", impl->options.host, impl->port,
                std::max(1, impl->options.num_threads));
  return std::unique_ptr<Server>(
      new Server(std::move(impl)));  // STRATUS_LINT_ALLOW(private constructor)
}

uint16_t Server::port() const {
  return impl_->port;
}

size_t Server::num_connections() const {
  std::lock_guard lock(impl_->mu);
  return impl_->connections.size();
}

void Server::Stop(std::chrono::milliseconds grace) {
  if (impl_->stopped) {
    return;
  }
  impl_->stopped = true;
  impl_->Stop(grace);
  kHttpLog.Info("stopped port={}", impl_->port);
}

}  // namespace stratus::http
