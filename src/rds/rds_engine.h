#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/result.h"
#include "rds/endpoint_front.h"
#include "rds/mariadb_server.h"
#include "rds/rds_types.h"

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::rds {

class RdsStore;
class ServerSupervisor;

struct RdsEngineOptions {
  /// <data_dir>/rds: one directory per server (clusters/<id>, instances/<id>).
  std::string root_dir = {};
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
  const Clock* clock = nullptr;
  IdGenerator* ids = nullptr;
  FrontFactory fronts = nullptr;
  MariaDbPrograms programs = {};
  /// When an endpoint's port is taken, the first free port of this range.
  uint16_t fallback_port_first = 13306;
  uint16_t fallback_port_last = 13405;
  std::chrono::milliseconds probe_interval = std::chrono::milliseconds(500);
};

/// What ModifyDBInstance / ModifyDBCluster change; unset members stay.
struct InstanceChanges {
  std::optional<std::string> master_password = std::nullopt;
  std::optional<std::string> parameter_group = std::nullopt;
  std::optional<std::string> instance_class = std::nullopt;
  std::optional<int> allocated_storage = std::nullopt;
  std::optional<int> backup_retention_days = std::nullopt;
};

struct ClusterChanges {
  std::optional<std::string> master_password = std::nullopt;
  std::optional<std::string> parameter_group = std::nullopt;
};

/// RDS's control plane: DB instances, Aurora clusters and parameter groups,
/// each instance or cluster backed by a real MariaDB server (MariaDbServer)
/// behind an endpoint (EndpointFront).
///
/// Model. A standalone instance owns a server in <root>/instances/<id>; a
/// cluster owns one in <root>/clusters/<id> and its member instances serve
/// that server on endpoints of their own. Every record carries an RDS
/// status; the API calls validate, persist the new status (creating,
/// modifying, rebooting, stopping, starting, deleting) and return at once,
/// and one worker thread carries the change out in order (initialise or
/// start the server, open the endpoint, ...) and persists the final status
/// (available, stopped, or the record's deletion). On Start(), records are
/// resumed from their persisted status, so a server that should run runs
/// again after a restart or a kill -9 of the process.
///
/// Ports: an endpoint takes its recorded port, else the requested one
/// (3306 by default), else the first free port of the fallback range; the
/// port taken is recorded so it stays across restarts while it is free.
///
/// Thread safety: every public method is safe from any thread. mu_ guards
/// the records; slow work (servers, endpoints) runs on the worker without it.
class RdsEngine {
 public:
  RdsEngine(const RdsEngine&) = delete;
  RdsEngine& operator=(const RdsEngine&) = delete;
  ~RdsEngine();

  /// Loads the records from `store`. Nothing runs until Start().
  static Result<std::unique_ptr<RdsEngine>> Open(RdsEngineOptions options,
                                                 std::unique_ptr<RdsStore> store);

  /// Starts the worker and the supervisor and resumes every record.
  Status Start();

  /// Stops the worker, every endpoint and every server. Idempotent.
  void Stop();

  /// Waits until the worker has nothing queued (tests).
  void WaitIdle();

  // Instances ------------------------------------------------------------------

  Result<DbInstance> CreateInstance(DbInstance instance);
  Result<DbInstance> GetInstance(std::string_view id) const;
  std::vector<DbInstance> ListInstances() const;
  Result<DbInstance> ModifyInstance(std::string_view id, const InstanceChanges& changes);
  /// Deletes the instance; with `final_snapshot`, a DB snapshot of that name
  /// is taken (with the server stopped) before its data goes.
  /// REQUIRES of the caller: the final snapshot flags were checked.
  Result<DbInstance> DeleteInstance(
      std::string_view id, const std::optional<std::string>& final_snapshot = std::nullopt);
  Result<DbInstance> RebootInstance(std::string_view id);
  Result<DbInstance> StopInstance(std::string_view id);
  Result<DbInstance> StartInstance(std::string_view id);

  // DB snapshots ---------------------------------------------------------------
  //
  // A snapshot is a copy of a standalone instance's data dir taken while its
  // server is cleanly stopped (the instance shows "backing-up" meanwhile),
  // kept in <root>/snapshots/<id>/data. Its record is stored as "creating"
  // before the call returns and becomes "available" only once the copy is
  // whole; a copy interrupted by a restart is taken again.

  Result<DbSnapshot> CreateSnapshot(std::string_view instance_id,
                                    std::string_view snapshot_id,
                                    Tags tags);
  Result<DbSnapshot> GetSnapshot(std::string_view id) const;
  std::vector<DbSnapshot> ListSnapshots() const;
  Result<DbSnapshot> DeleteSnapshot(std::string_view id);
  Result<DbSnapshot> CopySnapshot(std::string_view source_id,
                                  std::string_view target_id,
                                  Tags tags,
                                  bool copy_tags);
  /// Creates `instance` (id, class, ports, group, tags as asked) serving a
  /// copy of the snapshot's data, with the snapshot's engine and master user.
  Result<DbInstance> RestoreInstance(DbInstance instance, std::string_view snapshot_id);
  std::string SnapshotArn(std::string_view id) const;

  // Clusters -------------------------------------------------------------------

  Result<DbCluster> CreateCluster(DbCluster cluster);
  Result<DbCluster> GetCluster(std::string_view id) const;
  std::vector<DbCluster> ListClusters() const;
  /// Returns the ids of the cluster's member instances.
  std::vector<std::string> ClusterMembers(std::string_view id) const;
  Result<DbCluster> ModifyCluster(std::string_view id, const ClusterChanges& changes);
  Result<DbCluster> DeleteCluster(std::string_view id);
  Result<DbCluster> StopCluster(std::string_view id);
  Result<DbCluster> StartCluster(std::string_view id);
  Status AddRole(std::string_view cluster_id, ClusterRole role);
  Status RemoveRole(std::string_view cluster_id, std::string_view role_arn);

  // Parameter groups -----------------------------------------------------------

  Result<ParameterGroup> CreateParameterGroup(ParameterGroup group);
  Result<ParameterGroup> GetParameterGroup(std::string_view name, bool cluster) const;
  std::vector<ParameterGroup> ListParameterGroups(bool cluster) const;
  /// Sets parameters and applies them to the servers the group is attached to.
  Status ModifyParameters(std::string_view name,
                          bool cluster,
                          const std::map<std::string, Parameter>& parameters);
  /// Resets `names` (every parameter when `all`).
  Status ResetParameters(std::string_view name,
                         bool cluster,
                         const std::vector<std::string>& names,
                         bool all);
  Status DeleteParameterGroup(std::string_view name, bool cluster);

  // Tags (by ARN) and events ---------------------------------------------------

  Status AddTags(std::string_view arn, const Tags& tags);
  Status RemoveTags(std::string_view arn, const std::vector<std::string>& keys);
  Result<Tags> ListTags(std::string_view arn) const;
  Result<std::vector<RdsEvent>> ListEvents(int64_t from_millis, int64_t to_millis) const;

  std::string InstanceArn(std::string_view id) const;
  std::string ClusterArn(std::string_view id) const;
  std::string ParameterGroupArn(std::string_view name, bool cluster) const;

  const Clock& clock() const { return *options_.clock; }

  const std::string& region() const { return options_.region; }

 private:
  RdsEngine(RdsEngineOptions options, std::unique_ptr<RdsStore> store, RdsState state);

  // The worker.
  void Enqueue(std::function<void()> task);
  void RunWorker();

  // Tasks (on the worker).
  void ProvisionInstance(const std::string& id);
  void ProvisionCluster(const std::string& id);
  void StopInstanceTask(const std::string& id);
  void StopClusterTask(const std::string& id);
  void DeleteInstanceTask(const std::string& id);
  void DeleteClusterTask(const std::string& id);
  void RebootInstanceTask(const std::string& id);
  void ModifyInstanceTask(const std::string& id);
  void ModifyClusterTask(const std::string& id);
  void SnapshotInstanceTask(const std::string& snapshot_id);
  void CopySnapshotTask(const std::string& snapshot_id);
  /// Copies the stopped server's data of `instance_id` into every snapshot
  /// of it still "creating" (a final snapshot; an interrupted one).
  void TakePendingSnapshots(const std::string& instance_id);
  /// Copies `from` (a data dir) into the snapshot and records the outcome.
  void FinishSnapshot(const std::string& snapshot_id, const std::string& from);
  void ResumeAll();
  void ResumeSnapshots();

  // Servers and endpoints.
  std::shared_ptr<MariaDbServer> ServerFor(const std::string& key,
                                           const std::string& dir,
                                           const std::string& admin_password);
  Status RunServer(const std::string& key,
                   const std::shared_ptr<MariaDbServer>& server,
                   std::string_view master_user,
                   std::string_view master_password,
                   std::string_view database);
  void HaltServer(const std::string& key);
  Result<int> OpenFront(const std::string& key,
                        int recorded_port,
                        int requested_port,
                        const std::string& socket);
  void CloseFront(const std::string& key);
  Status ApplyParameters(const std::string& server_key);
  Status ChangePassword(const std::string& server_key,
                        std::string_view user,
                        std::string_view password);
  /// Applies the stored master password of the server's instance or cluster
  /// when it is pending, and clears the flag once the server took it.
  void ApplyPendingPassword(const std::string& server_key);
  void OnServerRestarted(const std::string& server_key);
  void OnServerRestartFailed(const std::string& server_key, const Status& error);
  /// Returns the instances a server serves; sets *cluster_id for a cluster's.
  std::vector<std::string> InstancesOfServer(const std::string& server_key,
                                             std::string* cluster_id) const;

  // Records (REQUIRES: mu_ held for the *Locked ones).
  Status SetInstanceStatusLocked(DbInstance& instance, std::string status);
  Status SetClusterStatusLocked(DbCluster& cluster, std::string status);
  void SetInstanceStatus(const std::string& id, std::string status);
  void SetClusterStatus(const std::string& id, std::string status);
  void RecordEvent(std::string source_id,
                   std::string source_type,
                   std::string category,
                   std::string message);
  std::string NewResourceId(std::string_view prefix);
  std::string InstanceDir(std::string_view id) const;
  std::string ClusterDir(std::string_view id) const;
  std::string SnapshotDir(std::string_view id) const;
  /// A new "creating" manual snapshot record of `instance` (REQUIRES: mu_ held).
  DbSnapshot SnapshotOf(const DbInstance& instance, std::string_view snapshot_id) const;

  RdsEngineOptions options_;
  std::unique_ptr<RdsStore> store_;
  std::unique_ptr<ServerSupervisor> supervisor_;

  mutable std::mutex mu_;
  std::map<std::string, DbInstance> instances_;   // Guarded by mu_.
  std::map<std::string, DbCluster> clusters_;     // Guarded by mu_.
  std::map<std::string, ParameterGroup> groups_;  // Guarded by mu_. Key: "pg:"/"cpg:" + name.
  std::map<std::string, DbSnapshot> snapshots_;   // Guarded by mu_.
  std::map<std::string, std::shared_ptr<MariaDbServer>> servers_;  // Guarded by mu_.
  std::map<std::string, std::unique_ptr<EndpointFront>> fronts_;   // Guarded by mu_.

  std::mutex work_mu_;
  std::condition_variable work_cv_;
  std::deque<std::function<void()>> work_;  // Guarded by work_mu_.
  bool busy_ = false;                       // Guarded by work_mu_.
  bool stopping_ = false;                   // Guarded by work_mu_.
  bool started_ = false;                    // Guarded by work_mu_.
  bool stopped_ = false;                    // Guarded by work_mu_.
  std::thread worker_;
};

}  // namespace stratus::rds
