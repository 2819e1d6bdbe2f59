#include "rds/rds_store.h"

#include <utility>

#include "rds/schema.h"
#include "storage/database.h"
#include "storage/result_work.h"

namespace stratus::rds {
namespace {

// The tag owner keys: one namespace per resource kind.
std::string ClusterKey(std::string_view id) {
  return "cluster:" + std::string(id);
}

std::string InstanceKey(std::string_view id) {
  return "db:" + std::string(id);
}

std::string SnapshotKey(std::string_view id) {
  return "snapshot:" + std::string(id);
}

std::string GroupKey(std::string_view name, bool cluster) {
  return (cluster ? "cluster-pg:" : "pg:") + std::string(name);
}

Status ReplaceTags(storage::Transaction& transaction, const std::string& owner, const Tags& tags) {
  STRATUS_RETURN_IF_ERROR(
      transaction.Exec("DELETE FROM tags WHERE resource = ?1", {owner}).status());
  for (const auto& [key, value] : tags) {
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("INSERT INTO tags(resource, key, value) VALUES (?1, ?2, ?3)", {owner, key, value})
            .status());
  }
  return Status::Ok();
}

Result<Tags> ReadTags(storage::Transaction& transaction, const std::string& owner) {
  Tags tags;
  STRATUS_RETURN_IF_ERROR(transaction.Query("SELECT key, value FROM tags WHERE resource = ?1",
                                            {owner}, [&](const storage::Row& row) -> Status {
                                              tags.emplace(row.GetText(0), row.GetText(1));
                                              return Status::Ok();
                                            }));
  return tags;
}

Status LoadClusters(storage::Transaction& transaction, RdsState& state) {
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      "SELECT id, resource_id, engine, engine_version, master_username, master_password, "
      "database_name, status, requested_port, endpoint_port, parameter_group, admin_password, "
      "created_millis, password_pending FROM clusters ORDER BY id",
      {}, [&](const storage::Row& row) -> Status {
        state.clusters.push_back(DbCluster{
            .id = row.GetText(0),
            .resource_id = row.GetText(1),
            .engine = row.GetText(2),
            .engine_version = row.GetText(3),
            .master_username = row.GetText(4),
            .master_password = row.GetText(5),
            .database_name = row.GetText(6),
            .status = row.GetText(7),
            .requested_port = static_cast<int>(row.GetInt(8)),
            .endpoint_port = static_cast<int>(row.GetInt(9)),
            .parameter_group = row.GetText(10),
            .admin_password = row.GetText(11),
            .created_millis = row.GetInt(12),
            .password_pending = row.GetInt(13) != 0,
        });
        return Status::Ok();
      }));
  for (DbCluster& cluster : state.clusters) {
    STRATUS_ASSIGN_OR_RETURN(cluster.tags, ReadTags(transaction, ClusterKey(cluster.id)));
    STRATUS_RETURN_IF_ERROR(transaction.Query(
        "SELECT role_arn, feature_name FROM cluster_roles WHERE cluster_id = ?1 ORDER BY role_arn",
        {cluster.id}, [&](const storage::Row& row) -> Status {
          cluster.roles.push_back(
              ClusterRole{.role_arn = row.GetText(0), .feature_name = row.GetText(1)});
          return Status::Ok();
        }));
  }
  return Status::Ok();
}

Status LoadInstances(storage::Transaction& transaction, RdsState& state) {
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      "SELECT id, resource_id, cluster_id, engine, engine_version, instance_class, "
      "allocated_storage, master_username, master_password, database_name, status, "
      "requested_port, endpoint_port, parameter_group, admin_password, backup_retention_days, "
      "multi_az, publicly_accessible, created_millis, password_pending, restore_snapshot "
      "FROM instances ORDER BY id",
      {}, [&](const storage::Row& row) -> Status {
        state.instances.push_back(DbInstance{
            .id = row.GetText(0),
            .resource_id = row.GetText(1),
            .cluster_id = row.GetText(2),
            .engine = row.GetText(3),
            .engine_version = row.GetText(4),
            .instance_class = row.GetText(5),
            .allocated_storage = static_cast<int>(row.GetInt(6)),
            .master_username = row.GetText(7),
            .master_password = row.GetText(8),
            .database_name = row.GetText(9),
            .status = row.GetText(10),
            .requested_port = static_cast<int>(row.GetInt(11)),
            .endpoint_port = static_cast<int>(row.GetInt(12)),
            .parameter_group = row.GetText(13),
            .admin_password = row.GetText(14),
            .backup_retention_days = static_cast<int>(row.GetInt(15)),
            .multi_az = row.GetInt(16) != 0,
            .publicly_accessible = row.GetInt(17) != 0,
            .created_millis = row.GetInt(18),
            .password_pending = row.GetInt(19) != 0,
            .restore_snapshot = row.GetText(20),
        });
        return Status::Ok();
      }));
  for (DbInstance& instance : state.instances) {
    STRATUS_ASSIGN_OR_RETURN(instance.tags, ReadTags(transaction, InstanceKey(instance.id)));
  }
  return Status::Ok();
}

Status LoadParameterGroups(storage::Transaction& transaction, RdsState& state) {
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      "SELECT name, cluster, family, description FROM parameter_groups ORDER BY cluster, name", {},
      [&](const storage::Row& row) -> Status {
        state.parameter_groups.push_back(ParameterGroup{.name = row.GetText(0),
                                                        .family = row.GetText(2),
                                                        .description = row.GetText(3),
                                                        .cluster = row.GetInt(1) != 0});
        return Status::Ok();
      }));
  for (ParameterGroup& group : state.parameter_groups) {
    STRATUS_ASSIGN_OR_RETURN(group.tags,
                             ReadTags(transaction, GroupKey(group.name, group.cluster)));
    STRATUS_RETURN_IF_ERROR(transaction.Query(
        "SELECT name, value, apply_method FROM parameters WHERE group_name = ?1 AND cluster = ?2",
        {group.name, int64_t{group.cluster ? 1 : 0}}, [&](const storage::Row& row) -> Status {
          group.parameters.emplace(
              row.GetText(0), Parameter{.value = row.GetText(1), .apply_method = row.GetText(2)});
          return Status::Ok();
        }));
  }
  return Status::Ok();
}

Status LoadSnapshots(storage::Transaction& transaction, RdsState& state) {
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      "SELECT id, instance_id, instance_resource_id, type, status, source_snapshot, engine, "
      "engine_version, instance_class, allocated_storage, port, master_username, "
      "master_password, admin_password, database_name, parameter_group, "
      "instance_created_millis, created_millis FROM snapshots ORDER BY id",
      {}, [&](const storage::Row& row) -> Status {
        state.snapshots.push_back(DbSnapshot{
            .id = row.GetText(0),
            .instance_id = row.GetText(1),
            .instance_resource_id = row.GetText(2),
            .type = row.GetText(3),
            .status = row.GetText(4),
            .source_snapshot = row.GetText(5),
            .engine = row.GetText(6),
            .engine_version = row.GetText(7),
            .instance_class = row.GetText(8),
            .allocated_storage = static_cast<int>(row.GetInt(9)),
            .port = static_cast<int>(row.GetInt(10)),
            .master_username = row.GetText(11),
            .master_password = row.GetText(12),
            .admin_password = row.GetText(13),
            .database_name = row.GetText(14),
            .parameter_group = row.GetText(15),
            .instance_created_millis = row.GetInt(16),
            .created_millis = row.GetInt(17),
        });
        return Status::Ok();
      }));
  for (DbSnapshot& snapshot : state.snapshots) {
    STRATUS_ASSIGN_OR_RETURN(snapshot.tags, ReadTags(transaction, SnapshotKey(snapshot.id)));
  }
  return Status::Ok();
}

}  // namespace

RdsStore::RdsStore(std::unique_ptr<storage::Database> database) : database_(std::move(database)) {}

RdsStore::~RdsStore() {
  Stop();
}

Result<std::unique_ptr<RdsStore>> RdsStore::Open(const std::string& path, bool fsync) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> database,
                           storage::Database::Open(path, storage::DatabaseOptions{.fsync = fsync}));
  STRATUS_RETURN_IF_ERROR(database->Migrate(RdsMigrations()));
  return std::unique_ptr<RdsStore>(
      new RdsStore(std::move(database)));  // STRATUS_LINT_ALLOW(private constructor)
}

void RdsStore::Stop() {
  if (database_ != nullptr) {
    database_->Stop();
  }
}

Result<RdsState> RdsStore::Load() const {
  return storage::ReadResult<RdsState>(
      *database_, [](storage::Transaction& transaction) -> Result<RdsState> {
        RdsState state;
        STRATUS_RETURN_IF_ERROR(LoadClusters(transaction, state));
        STRATUS_RETURN_IF_ERROR(LoadInstances(transaction, state));
        STRATUS_RETURN_IF_ERROR(LoadParameterGroups(transaction, state));
        STRATUS_RETURN_IF_ERROR(LoadSnapshots(transaction, state));
        return state;
      });
}

Status RdsStore::PutCluster(const DbCluster& cluster) {
  return database_->Write([&](storage::Transaction& transaction) -> Status {
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec(
                "INSERT OR REPLACE INTO clusters(id, resource_id, engine, engine_version, "
                "master_username, master_password, database_name, status, requested_port, "
                "endpoint_port, parameter_group, admin_password, created_millis, password_pending) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                {cluster.id, cluster.resource_id, cluster.engine, cluster.engine_version,
                 cluster.master_username, cluster.master_password, cluster.database_name,
                 cluster.status, int64_t{cluster.requested_port}, int64_t{cluster.endpoint_port},
                 cluster.parameter_group, cluster.admin_password, cluster.created_millis,
                 int64_t{cluster.password_pending ? 1 : 0}})
            .status());
    STRATUS_RETURN_IF_ERROR(
        transaction.Exec("DELETE FROM cluster_roles WHERE cluster_id = ?1", {cluster.id}).status());
    for (const ClusterRole& role : cluster.roles) {
      STRATUS_RETURN_IF_ERROR(transaction
                                  .Exec("INSERT INTO cluster_roles(cluster_id, role_arn, "
                                        "feature_name) VALUES (?1, ?2, ?3)",
                                        {cluster.id, role.role_arn, role.feature_name})
                                  .status());
    }
    return ReplaceTags(transaction, ClusterKey(cluster.id), cluster.tags);
  });
}

Status RdsStore::DeleteCluster(std::string_view id) {
  std::string key(id);
  return database_->Write([&](storage::Transaction& transaction) -> Status {
    STRATUS_RETURN_IF_ERROR(transaction.Exec("DELETE FROM clusters WHERE id = ?1", {key}).status());
    STRATUS_RETURN_IF_ERROR(
        transaction.Exec("DELETE FROM cluster_roles WHERE cluster_id = ?1", {key}).status());
    return ReplaceTags(transaction, ClusterKey(key), {});
  });
}

Status RdsStore::PutInstance(const DbInstance& instance) {
  return database_->Write([&](storage::Transaction& transaction) -> Status {
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("INSERT OR REPLACE INTO instances(id, resource_id, cluster_id, engine, "
                  "engine_version, instance_class, allocated_storage, master_username, "
                  "master_password, database_name, status, requested_port, endpoint_port, "
                  "parameter_group, admin_password, backup_retention_days, multi_az, "
                  "publicly_accessible, created_millis, password_pending, restore_snapshot) VALUES "
                  "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                  "?18, ?19, ?20, ?21)",
                  {instance.id,
                   instance.resource_id,
                   instance.cluster_id,
                   instance.engine,
                   instance.engine_version,
                   instance.instance_class,
                   int64_t{instance.allocated_storage},
                   instance.master_username,
                   instance.master_password,
                   instance.database_name,
                   instance.status,
                   int64_t{instance.requested_port},
                   int64_t{instance.endpoint_port},
                   instance.parameter_group,
                   instance.admin_password,
                   int64_t{instance.backup_retention_days},
                   int64_t{instance.multi_az ? 1 : 0},
                   int64_t{instance.publicly_accessible ? 1 : 0},
                   instance.created_millis,
                   int64_t{instance.password_pending ? 1 : 0},
                   instance.restore_snapshot})
            .status());
    return ReplaceTags(transaction, InstanceKey(instance.id), instance.tags);
  });
}

Status RdsStore::DeleteInstance(std::string_view id) {
  std::string key(id);
  return database_->Write([&](storage::Transaction& transaction) -> Status {
    STRATUS_RETURN_IF_ERROR(
        transaction.Exec("DELETE FROM instances WHERE id = ?1", {key}).status());
    return ReplaceTags(transaction, InstanceKey(key), {});
  });
}

Status RdsStore::PutParameterGroup(const ParameterGroup& group) {
  const int64_t cluster = group.cluster ? 1 : 0;
  return database_->Write([&](storage::Transaction& transaction) -> Status {
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("INSERT OR REPLACE INTO parameter_groups(name, cluster, family, description) "
                  "VALUES (?1, ?2, ?3, ?4)",
                  {group.name, cluster, group.family, group.description})
            .status());
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("DELETE FROM parameters WHERE group_name = ?1 AND cluster = ?2",
                  {group.name, cluster})
            .status());
    for (const auto& [name, parameter] : group.parameters) {
      STRATUS_RETURN_IF_ERROR(
          transaction
              .Exec("INSERT INTO parameters(group_name, cluster, name, value, apply_method) "
                    "VALUES (?1, ?2, ?3, ?4, ?5)",
                    {group.name, cluster, name, parameter.value, parameter.apply_method})
              .status());
    }
    return ReplaceTags(transaction, GroupKey(group.name, group.cluster), group.tags);
  });
}

Status RdsStore::DeleteParameterGroup(std::string_view name, bool cluster) {
  std::string key(name);
  const int64_t cluster_flag = cluster ? 1 : 0;
  return database_->Write([&](storage::Transaction& transaction) -> Status {
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("DELETE FROM parameter_groups WHERE name = ?1 AND cluster = ?2",
                  {key, cluster_flag})
            .status());
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("DELETE FROM parameters WHERE group_name = ?1 AND cluster = ?2",
                  {key, cluster_flag})
            .status());
    return ReplaceTags(transaction, GroupKey(key, cluster), {});
  });
}

Status RdsStore::PutSnapshot(const DbSnapshot& snapshot) {
  return database_->Write([&](storage::Transaction& transaction) -> Status {
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("INSERT OR REPLACE INTO snapshots(id, instance_id, instance_resource_id, type, "
                  "status, source_snapshot, engine, engine_version, instance_class, "
                  "allocated_storage, port, master_username, master_password, admin_password, "
                  "database_name, parameter_group, instance_created_millis, created_millis) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                  "?16, ?17, ?18)",
                  {snapshot.id, snapshot.instance_id, snapshot.instance_resource_id, snapshot.type,
                   snapshot.status, snapshot.source_snapshot, snapshot.engine,
                   snapshot.engine_version, snapshot.instance_class,
                   int64_t{snapshot.allocated_storage}, int64_t{snapshot.port},
                   snapshot.master_username, snapshot.master_password, snapshot.admin_password,
                   snapshot.database_name, snapshot.parameter_group,
                   snapshot.instance_created_millis, snapshot.created_millis})
            .status());
    return ReplaceTags(transaction, SnapshotKey(snapshot.id), snapshot.tags);
  });
}

Status RdsStore::DeleteSnapshot(std::string_view id) {
  std::string key(id);
  return database_->Write([&](storage::Transaction& transaction) -> Status {
    STRATUS_RETURN_IF_ERROR(
        transaction.Exec("DELETE FROM snapshots WHERE id = ?1", {key}).status());
    return ReplaceTags(transaction, SnapshotKey(key), {});
  });
}

Result<RdsEvent> RdsStore::AddEvent(RdsEvent event) {
  STRATUS_RETURN_IF_ERROR(database_->Write([&](storage::Transaction& transaction) -> Status {
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("INSERT INTO events(source_id, source_type, category, message, time_millis) "
                  "VALUES (?1, ?2, ?3, ?4, ?5)",
                  {event.source_id, event.source_type, event.category, event.message,
                   event.time_millis})
            .status());
    event.id = transaction.LastInsertRowId();
    return Status::Ok();
  }));
  return event;
}

Result<std::vector<RdsEvent>> RdsStore::ListEvents(int64_t from_millis, int64_t to_millis) const {
  return storage::ReadResult<std::vector<RdsEvent>>(
      *database_, [&](storage::Transaction& transaction) -> Result<std::vector<RdsEvent>> {
        std::vector<RdsEvent> events;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT id, source_id, source_type, category, message, time_millis FROM events "
            "WHERE time_millis >= ?1 AND time_millis <= ?2 ORDER BY time_millis, id",
            {from_millis, to_millis}, [&](const storage::Row& row) -> Status {
              events.push_back(RdsEvent{.id = row.GetInt(0),
                                        .source_id = row.GetText(1),
                                        .source_type = row.GetText(2),
                                        .message = row.GetText(4),
                                        .category = row.GetText(3),
                                        .time_millis = row.GetInt(5)});
              return Status::Ok();
            }));
        return events;
      });
}

}  // namespace stratus::rds
