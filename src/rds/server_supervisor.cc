#include "rds/server_supervisor.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "base/check.h"
#include "rds/log.h"
#include "rds/mariadb_server.h"

namespace stratus::rds {

ServerSupervisor::ServerSupervisor(SupervisorOptions options) : options_(std::move(options)) {}

ServerSupervisor::~ServerSupervisor() {
  std::lock_guard<std::mutex> lock(mu_);
  STRATUS_CHECK(stopped_ || !thread_.joinable(), "ServerSupervisor destroyed without Stop()");
}

void ServerSupervisor::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!thread_.joinable() && !stopping_) {
    thread_ = std::thread([this] { Run(); });
  }
}

void ServerSupervisor::Watch(const std::string& name, std::shared_ptr<MariaDbServer> server) {
  std::lock_guard<std::mutex> lock(mu_);
  servers_[name] = std::move(server);
}

void ServerSupervisor::Unwatch(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  servers_.erase(name);
}

void ServerSupervisor::ProbeAll() {
  std::lock_guard<std::mutex> probe_lock(probe_mu_);
  std::vector<std::pair<std::string, std::shared_ptr<MariaDbServer>>> servers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      return;
    }
    servers.assign(servers_.begin(), servers_.end());
  }
  const auto now = std::chrono::steady_clock::now();
  for (const auto& [name, server] : servers) {
    auto waiting = backoff_.find(name);
    if (waiting != backoff_.end() && now < waiting->second.next_attempt) {
      continue;
    }
    Result<bool> restarted = server->RestartIfDied();
    if (!restarted.ok()) {
      Backoff& backoff = backoff_[name];
      backoff.delay = backoff.delay.count() == 0
                          ? options_.first_retry_delay
                          : std::min(backoff.delay * 2, options_.max_retry_delay);
      backoff.next_attempt = std::chrono::steady_clock::now() + backoff.delay;
      kRdsLog.Error("restarting server={} failed (next try in {} ms): {}", name,
                    backoff.delay.count(), restarted.status().ToString());
      if (options_.on_restart_failed) {
        options_.on_restart_failed(name, restarted.status());
      }
      continue;
    }
    backoff_.erase(name);
    if (*restarted && options_.on_restarted) {
      options_.on_restarted(name);
    }
  }
}

void ServerSupervisor::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    wake_.wait_for(lock, options_.probe_interval, [this] { return stopping_; });
    if (stopping_) {
      break;
    }
    lock.unlock();
    ProbeAll();
    lock.lock();
  }
}

void ServerSupervisor::Stop() {
  std::map<std::string, std::shared_ptr<MariaDbServer>> servers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) {
      return;
    }
    stopping_ = true;
    servers.swap(servers_);
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
  for (const auto& [name, server] : servers) {
    server->Stop();
  }
  std::lock_guard<std::mutex> lock(mu_);
  stopped_ = true;
}

}  // namespace stratus::rds
