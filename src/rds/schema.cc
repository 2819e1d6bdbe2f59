#include "rds/schema.h"

#include <array>

namespace stratus::rds {
namespace {

// Do not edit a released step: add a new one. Stored in PRAGMA user_version.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE clusters(
  id TEXT PRIMARY KEY,
  resource_id TEXT NOT NULL,
  engine TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  master_username TEXT NOT NULL,
  master_password TEXT NOT NULL,
  database_name TEXT NOT NULL,
  status TEXT NOT NULL,
  requested_port INTEGER NOT NULL,
  endpoint_port INTEGER NOT NULL,
  parameter_group TEXT NOT NULL,
  admin_password TEXT NOT NULL,
  created_millis INTEGER NOT NULL);
CREATE TABLE cluster_roles(
  cluster_id TEXT NOT NULL,
  role_arn TEXT NOT NULL,
  feature_name TEXT NOT NULL,
  PRIMARY KEY(cluster_id, role_arn));
CREATE TABLE instances(
  id TEXT PRIMARY KEY,
  resource_id TEXT NOT NULL,
  cluster_id TEXT NOT NULL,
  engine TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  instance_class TEXT NOT NULL,
  allocated_storage INTEGER NOT NULL,
  master_username TEXT NOT NULL,
  master_password TEXT NOT NULL,
  database_name TEXT NOT NULL,
  status TEXT NOT NULL,
  requested_port INTEGER NOT NULL,
  endpoint_port INTEGER NOT NULL,
  parameter_group TEXT NOT NULL,
  admin_password TEXT NOT NULL,
  backup_retention_days INTEGER NOT NULL,
  multi_az INTEGER NOT NULL,
  publicly_accessible INTEGER NOT NULL,
  created_millis INTEGER NOT NULL);
CREATE TABLE parameter_groups(
  name TEXT NOT NULL,
  cluster INTEGER NOT NULL,
  family TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY(name, cluster));
CREATE TABLE parameters(
  group_name TEXT NOT NULL,
  cluster INTEGER NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  apply_method TEXT NOT NULL,
  PRIMARY KEY(group_name, cluster, name));
CREATE TABLE tags(
  resource TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(resource, key));
CREATE TABLE events(
  id INTEGER PRIMARY KEY,
  source_id TEXT NOT NULL,
  source_type TEXT NOT NULL,
  category TEXT NOT NULL,
  message TEXT NOT NULL,
  time_millis INTEGER NOT NULL);
CREATE INDEX events_by_time ON events(time_millis, id);
)sql";

// DB snapshots; the master password's pending flag; an instance's source snapshot.
constexpr std::string_view kV2 = R"sql(
ALTER TABLE instances ADD COLUMN password_pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE instances ADD COLUMN restore_snapshot TEXT NOT NULL DEFAULT '';
ALTER TABLE clusters ADD COLUMN password_pending INTEGER NOT NULL DEFAULT 0;
CREATE TABLE snapshots(
  id TEXT PRIMARY KEY,
  instance_id TEXT NOT NULL,
  instance_resource_id TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  source_snapshot TEXT NOT NULL,
  engine TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  instance_class TEXT NOT NULL,
  allocated_storage INTEGER NOT NULL,
  port INTEGER NOT NULL,
  master_username TEXT NOT NULL,
  master_password TEXT NOT NULL,
  admin_password TEXT NOT NULL,
  database_name TEXT NOT NULL,
  parameter_group TEXT NOT NULL,
  instance_created_millis INTEGER NOT NULL,
  created_millis INTEGER NOT NULL);
)sql";

constexpr std::array<std::string_view, 2> kMigrations = {kV1, kV2};

}  // namespace

std::span<const std::string_view> RdsMigrations() {
  return kMigrations;
}

}  // namespace stratus::rds
