#include "rds/rds_engine.h"

#include <cctype>
#include <filesystem>
#include <utility>

#include "base/check.h"
#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "rds/errors.h"
#include "rds/log.h"
#include "rds/rds_engine_internal.h"
#include "rds/rds_store.h"
#include "rds/server_supervisor.h"

namespace stratus::rds {

using internal::GroupKey;

namespace {

constexpr int kResourceIdChars = 26;
constexpr std::string_view kResourceIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// Returns whether `name` is a plain server variable name (letters, digits,
// underscores), the only names SET GLOBAL gets.
bool IsVariableName(std::string_view name) {
  if (name.empty()) {
    return false;
  }
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') {
      return false;
    }
  }
  return true;
}

// Returns whether `value` is a plain number (SET GLOBAL takes it unquoted).
bool IsNumber(std::string_view value) {
  if (value.empty()) {
    return false;
  }
  size_t start = value[0] == '-' ? 1 : 0;
  if (start == value.size()) {
    return false;
  }
  for (size_t i = start; i < value.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(value[i])) == 0 && value[i] != '.') {
      return false;
    }
  }
  return true;
}

}  // namespace

RdsEngine::RdsEngine(RdsEngineOptions options, std::unique_ptr<RdsStore> store, RdsState state)
    : options_(std::move(options)), store_(std::move(store)) {
  for (DbInstance& instance : state.instances) {
    std::string id = instance.id;
    instances_.emplace(std::move(id), std::move(instance));
  }
  for (DbCluster& cluster : state.clusters) {
    std::string id = cluster.id;
    clusters_.emplace(std::move(id), std::move(cluster));
  }
  for (ParameterGroup& group : state.parameter_groups) {
    std::string key = GroupKey(group.name, group.cluster);
    groups_.emplace(std::move(key), std::move(group));
  }
  for (DbSnapshot& snapshot : state.snapshots) {
    std::string id = snapshot.id;
    snapshots_.emplace(std::move(id), std::move(snapshot));
  }
  supervisor_ = std::make_unique<ServerSupervisor>(
      SupervisorOptions{.probe_interval = options_.probe_interval,
                        .on_restarted = [this](const std::string& key) { OnServerRestarted(key); },
                        .on_restart_failed =
                            [this](const std::string& key, const Status& error) {
                              OnServerRestartFailed(key, error);
                            }});
}

RdsEngine::~RdsEngine() {
  Stop();
}

Result<std::unique_ptr<RdsEngine>> RdsEngine::Open(RdsEngineOptions options,
                                                   std::unique_ptr<RdsStore> store) {
  STRATUS_CHECK(options.clock != nullptr && options.ids != nullptr,
                "RdsEngine needs a clock and ids");
  std::error_code error;
  std::filesystem::create_directories(options.root_dir, error);
  if (error) {
    return Status::IoError(Format("cannot create {}: {}", options.root_dir, error.message()));
  }
  STRATUS_ASSIGN_OR_RETURN(RdsState state, store->Load());
  return std::unique_ptr<RdsEngine>(new RdsEngine(  // STRATUS_LINT_ALLOW(private constructor)
      std::move(options), std::move(store), std::move(state)));
}

Status RdsEngine::Start() {
  {
    std::lock_guard<std::mutex> lock(work_mu_);
    if (started_) {
      return Status::Ok();
    }
    started_ = true;
    worker_ = std::thread([this] { RunWorker(); });
  }
  supervisor_->Start();
  ResumeAll();
  return Status::Ok();
}

void RdsEngine::Stop() {
  {
    std::lock_guard<std::mutex> lock(work_mu_);
    if (stopped_) {
      return;
    }
    stopped_ = true;
    stopping_ = true;
  }
  work_cv_.notify_all();
  if (worker_.joinable()) {
    worker_.join();
  }
  std::map<std::string, std::unique_ptr<EndpointFront>> fronts;
  {
    std::lock_guard<std::mutex> lock(mu_);
    fronts.swap(fronts_);
  }
  for (auto& [key, front] : fronts) {
    front->Stop();
  }
  supervisor_->Stop();
  std::map<std::string, std::shared_ptr<MariaDbServer>> servers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    servers.swap(servers_);
  }
  for (auto& [key, server] : servers) {
    server->Stop();
  }
  store_->Stop();
}

void RdsEngine::WaitIdle() {
  std::unique_lock<std::mutex> lock(work_mu_);
  work_cv_.wait(lock, [this] { return (work_.empty() && !busy_) || stopping_; });
}

void RdsEngine::Enqueue(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(work_mu_);
    work_.push_back(std::move(task));
  }
  work_cv_.notify_all();
}

void RdsEngine::RunWorker() {
  std::unique_lock<std::mutex> lock(work_mu_);
  while (true) {
    work_cv_.wait(lock, [this] { return stopping_ || !work_.empty(); });
    if (stopping_) {
      return;
    }
    std::function<void()> task = std::move(work_.front());
    work_.pop_front();
    busy_ = true;
    lock.unlock();
    task();
    lock.lock();
    busy_ = false;
    work_cv_.notify_all();
  }
}

void RdsEngine::ResumeAll() {
  std::vector<std::pair<std::string, std::string>> clusters;
  std::vector<std::pair<std::string, std::string>> instances;
  {
    std::lock_guard<std::mutex> lock(mu_);
    // What ran before the restart shows "starting" (in memory only) until
    // its server and endpoint are back, so waiters wait for them.
    for (auto& [id, cluster] : clusters_) {
      if (cluster.status == internal::kAvailable) {
        cluster.status = internal::kStarting;
      }
      clusters.emplace_back(id, cluster.status);
    }
    for (auto& [id, instance] : instances_) {
      if (instance.status == internal::kAvailable) {
        instance.status = internal::kStarting;
      }
      instances.emplace_back(id, instance.status);
    }
  }
  // Clusters first: their members serve their servers.
  for (const auto& [id, status] : clusters) {
    if (status == internal::kDeleting) {
      Enqueue([this, id = id] { DeleteClusterTask(id); });
    } else if (status == internal::kStopping || status == internal::kStopped) {
      Enqueue([this, id = id] { StopClusterTask(id); });
    } else {
      Enqueue([this, id = id] { ProvisionCluster(id); });
    }
  }
  for (const auto& [id, status] : instances) {
    if (status == internal::kDeleting) {
      Enqueue([this, id = id] { DeleteInstanceTask(id); });
    } else if (status == internal::kStopping || status == internal::kStopped) {
      Enqueue([this, id = id] { StopInstanceTask(id); });
    } else {
      Enqueue([this, id = id] { ProvisionInstance(id); });
    }
  }
  // After the instances: a snapshot's copy needs its instance's server.
  ResumeSnapshots();
}

// Servers and endpoints --------------------------------------------------------

std::shared_ptr<MariaDbServer> RdsEngine::ServerFor(const std::string& key,
                                                    const std::string& dir,
                                                    const std::string& admin_password) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = servers_.find(key);
  if (found != servers_.end()) {
    return found->second;
  }
  auto server =
      std::make_shared<MariaDbServer>(MariaDbPaths::For(dir), options_.programs, admin_password);
  servers_.emplace(key, server);
  return server;
}

Status RdsEngine::RunServer(const std::string& key,
                            const std::shared_ptr<MariaDbServer>& server,
                            std::string_view master_user,
                            std::string_view master_password,
                            std::string_view database) {
  if (!server->initialized()) {
    STRATUS_RETURN_IF_ERROR(server->Initialize(master_user, master_password, database));
  } else {
    STRATUS_RETURN_IF_ERROR(server->Start());
  }
  supervisor_->Watch(key, server);
  if (Status applied = ApplyParameters(key); !applied.ok()) {
    kRdsLog.Warn("parameters of server={} not applied: {}", key, applied.ToString());
  }
  return Status::Ok();
}

void RdsEngine::HaltServer(const std::string& key) {
  supervisor_->Unwatch(key);
  std::shared_ptr<MariaDbServer> server;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto found = servers_.find(key);
    if (found != servers_.end()) {
      server = found->second;
    }
  }
  if (server != nullptr) {
    server->Stop();
  }
}

Result<int> RdsEngine::OpenFront(const std::string& key,
                                 int recorded_port,
                                 int requested_port,
                                 const std::string& socket) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto found = fronts_.find(key);
    if (found != fronts_.end()) {
      return static_cast<int>(found->second->port());
    }
  }
  if (!options_.fronts) {
    return Status::FailedPrecondition("no MySQL endpoint is available in this build");
  }
  std::vector<int> candidates;
  if (recorded_port > 0) {
    candidates.push_back(recorded_port);
  }
  candidates.push_back(requested_port);
  for (int port = options_.fallback_port_first; port <= options_.fallback_port_last; ++port) {
    candidates.push_back(port);
  }
  for (const int port : candidates) {
    Result<std::unique_ptr<EndpointFront>> front = options_.fronts(
        FrontRequest{.port = static_cast<uint16_t>(port), .backend_socket = socket});
    if (!front.ok()) {
      if (front.status().code() == StatusCode::kAlreadyExists) {
        continue;
      }
      return front.status();
    }
    const int bound = (*front)->port();
    std::lock_guard<std::mutex> lock(mu_);
    fronts_[key] = *std::move(front);
    return bound;
  }
  return Status::ResourceExhausted(
      Format("no free port for {} (tried {}, {} and {}-{})", key, recorded_port, requested_port,
             options_.fallback_port_first, options_.fallback_port_last));
}

void RdsEngine::CloseFront(const std::string& key) {
  std::unique_ptr<EndpointFront> front;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto found = fronts_.find(key);
    if (found == fronts_.end()) {
      return;
    }
    front = std::move(found->second);
    fronts_.erase(found);
  }
  front->Stop();
}

Status RdsEngine::ApplyParameters(const std::string& server_key) {
  std::shared_ptr<MariaDbServer> server;
  std::map<std::string, Parameter> parameters;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto found = servers_.find(server_key);
    if (found == servers_.end()) {
      return Status::Ok();
    }
    server = found->second;
    auto add_group = [&](const std::string& name, bool cluster) {
      auto group = groups_.find(GroupKey(name, cluster));
      if (group != groups_.end()) {
        for (const auto& [parameter, value] : group->second.parameters) {
          parameters[parameter] = value;
        }
      }
    };
    // A cluster's server takes its cluster group, then its members' groups;
    // a standalone server its instance's group.
    if (server_key.starts_with("cluster:")) {
      const std::string cluster_id = server_key.substr(std::string_view("cluster:").size());
      auto cluster = clusters_.find(cluster_id);
      if (cluster != clusters_.end()) {
        add_group(cluster->second.parameter_group, true);
      }
      for (const auto& [id, instance] : instances_) {
        if (instance.cluster_id == cluster_id) {
          add_group(instance.parameter_group, false);
        }
      }
    } else {
      auto instance = instances_.find(server_key.substr(std::string_view("db:").size()));
      if (instance != instances_.end()) {
        add_group(instance->second.parameter_group, false);
      }
    }
  }
  std::string sql;
  for (const auto& [name, parameter] : parameters) {
    if (!IsVariableName(name) || parameter.value.find('{') != std::string::npos) {
      continue;  // Not a server variable, or an RDS formula: stored only.
    }
    sql += Format("SET GLOBAL {} = {};\n", name,
                  IsNumber(parameter.value) ? parameter.value : SqlString(parameter.value));
  }
  if (sql.empty() || !server->Alive()) {
    return Status::Ok();
  }
  // Variables MariaDB does not have, or cannot change at run time, fail
  // alone: the group keeps them.
  return server->RunSql(sql, /*force=*/true).status();
}

Status RdsEngine::ChangePassword(const std::string& server_key,
                                 std::string_view user,
                                 std::string_view password) {
  std::shared_ptr<MariaDbServer> server;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto found = servers_.find(server_key);
    if (found == servers_.end()) {
      return Status::Ok();
    }
    server = found->second;
  }
  std::string sql;
  for (std::string_view host : {"localhost", "%"}) {
    sql += Format("ALTER USER {}@'{}' IDENTIFIED BY {};\n", SqlString(user), host,
                  SqlString(password));
  }
  return server->RunSql(sql).status();
}

void RdsEngine::ApplyPendingPassword(const std::string& server_key) {
  std::string user;
  std::string password;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (server_key.starts_with("cluster:")) {
      auto found = clusters_.find(server_key.substr(std::string_view("cluster:").size()));
      if (found == clusters_.end() || !found->second.password_pending) {
        return;
      }
      user = found->second.master_username;
      password = found->second.master_password;
    } else {
      auto found = instances_.find(server_key.substr(std::string_view("db:").size()));
      if (found == instances_.end() || !found->second.password_pending) {
        return;
      }
      user = found->second.master_username;
      password = found->second.master_password;
    }
  }
  if (Status changed = ChangePassword(server_key, user, password); !changed.ok()) {
    // The flag stays: the next start (or server restart) applies it again.
    kRdsLog.Error("server={} master password not applied: {}", server_key, changed.ToString());
    return;
  }
  std::lock_guard<std::mutex> lock(mu_);
  Status stored = Status::Ok();
  if (server_key.starts_with("cluster:")) {
    auto found = clusters_.find(server_key.substr(std::string_view("cluster:").size()));
    if (found != clusters_.end() && found->second.master_password == password) {
      DbCluster updated = found->second;
      updated.password_pending = false;
      stored = store_->PutCluster(updated);
      if (stored.ok()) {
        found->second = std::move(updated);
      }
    }
  } else {
    auto found = instances_.find(server_key.substr(std::string_view("db:").size()));
    if (found != instances_.end() && found->second.master_password == password) {
      DbInstance updated = found->second;
      updated.password_pending = false;
      stored = store_->PutInstance(updated);
      if (stored.ok()) {
        found->second = std::move(updated);
      }
    }
  }
  if (!stored.ok()) {
    kRdsLog.Error("server={} password confirmation not stored: {}", server_key, stored.ToString());
  }
}

std::vector<std::string> RdsEngine::InstancesOfServer(const std::string& server_key,
                                                      std::string* cluster_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> members;
  if (server_key.starts_with("cluster:")) {
    *cluster_id = server_key.substr(std::string_view("cluster:").size());
    for (const auto& [id, instance] : instances_) {
      if (instance.cluster_id == *cluster_id) {
        members.push_back(id);
      }
    }
  } else {
    members.push_back(server_key.substr(std::string_view("db:").size()));
  }
  return members;
}

void RdsEngine::OnServerRestarted(const std::string& server_key) {
  std::string cluster_id;
  for (std::string& id : InstancesOfServer(server_key, &cluster_id)) {
    RecordEvent(std::move(id), "db-instance", "availability", "DB instance restarted");
  }
  if (!cluster_id.empty()) {
    RecordEvent(cluster_id, "db-cluster", "failure",
                "DB cluster restarted after its database process stopped unexpectedly");
  }
  ApplyPendingPassword(server_key);
  // A fresh process has the startup values: the groups' parameters again.
  if (Status applied = ApplyParameters(server_key); !applied.ok()) {
    kRdsLog.Warn("parameters of server={} not applied: {}", server_key, applied.ToString());
  }
}

void RdsEngine::OnServerRestartFailed(const std::string& server_key, const Status& error) {
  // The supervisor tries again at its next probe; each failure is an event.
  std::string cluster_id;
  const std::string message =
      Format("The database process stopped and could not be restarted: {}", error.message());
  for (std::string& id : InstancesOfServer(server_key, &cluster_id)) {
    RecordEvent(std::move(id), "db-instance", "failure", message);
  }
  if (!cluster_id.empty()) {
    RecordEvent(cluster_id, "db-cluster", "failure", message);
  }
}

// Records ----------------------------------------------------------------------

Status RdsEngine::SetInstanceStatusLocked(DbInstance& instance, std::string status) {
  instance.status = std::move(status);
  return store_->PutInstance(instance);
}

Status RdsEngine::SetClusterStatusLocked(DbCluster& cluster, std::string status) {
  cluster.status = std::move(status);
  return store_->PutCluster(cluster);
}

void RdsEngine::SetInstanceStatus(const std::string& id, std::string status) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = instances_.find(id);
  if (found == instances_.end()) {
    return;
  }
  if (Status stored = SetInstanceStatusLocked(found->second, std::move(status)); !stored.ok()) {
    kRdsLog.Error("instance={} status not stored: {}", id, stored.ToString());
  }
}

void RdsEngine::SetClusterStatus(const std::string& id, std::string status) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = clusters_.find(id);
  if (found == clusters_.end()) {
    return;
  }
  if (Status stored = SetClusterStatusLocked(found->second, std::move(status)); !stored.ok()) {
    kRdsLog.Error("cluster={} status not stored: {}", id, stored.ToString());
  }
}

void RdsEngine::RecordEvent(std::string source_id,
                            std::string source_type,
                            std::string category,
                            std::string message) {
  Result<RdsEvent> added = store_->AddEvent(RdsEvent{.source_id = std::move(source_id),
                                                     .source_type = std::move(source_type),
                                                     .message = std::move(message),
                                                     .category = std::move(category),
                                                     .time_millis = options_.clock->NowMillis()});
  if (!added.ok()) {
    kRdsLog.Error("event not stored: {}", added.status().ToString());
  }
}

Result<std::vector<RdsEvent>> RdsEngine::ListEvents(int64_t from_millis, int64_t to_millis) const {
  return store_->ListEvents(from_millis, to_millis);
}

std::string RdsEngine::NewResourceId(std::string_view prefix) {
  std::string id(prefix);
  for (int i = 0; i < kResourceIdChars; ++i) {
    id.push_back(kResourceIdAlphabet[options_.ids->Uniform(kResourceIdAlphabet.size())]);
  }
  return id;
}

std::string RdsEngine::InstanceDir(std::string_view id) const {
  return options_.root_dir + "/instances/" + std::string(id);
}

std::string RdsEngine::ClusterDir(std::string_view id) const {
  return options_.root_dir + "/clusters/" + std::string(id);
}

std::string RdsEngine::SnapshotDir(std::string_view id) const {
  return options_.root_dir + "/snapshots/" + std::string(id);
}

std::string RdsEngine::SnapshotArn(std::string_view id) const {
  return Format("arn:aws:rds:{}:{}:snapshot:{}", options_.region, options_.account_id, id);
}

std::string RdsEngine::InstanceArn(std::string_view id) const {
  return Format("arn:aws:rds:{}:{}:db:{}", options_.region, options_.account_id, id);
}

std::string RdsEngine::ClusterArn(std::string_view id) const {
  return Format("arn:aws:rds:{}:{}:cluster:{}", options_.region, options_.account_id, id);
}

std::string RdsEngine::ParameterGroupArn(std::string_view name, bool cluster) const {
  return Format("arn:aws:rds:{}:{}:{}:{}", options_.region, options_.account_id,
                cluster ? "cluster-pg" : "pg", name);
}

}  // namespace stratus::rds
