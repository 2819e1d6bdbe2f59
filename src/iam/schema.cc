#include "iam/schema.h"

#include <array>

namespace stratus::iam {
namespace {

// Do not edit a released step: add a new one. Stored in PRAGMA user_version.
// Every `*_key` column is the entity's name lowercased: IAM names are unique
// without regard to case.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE roles(
  name_key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  id TEXT NOT NULL,
  arn TEXT NOT NULL,
  assume_role_policy TEXT NOT NULL,
  description TEXT NOT NULL,
  max_session_seconds INTEGER NOT NULL,
  created_millis INTEGER NOT NULL);
CREATE TABLE users(
  name_key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  id TEXT NOT NULL,
  arn TEXT NOT NULL,
  created_millis INTEGER NOT NULL);
CREATE TABLE tags(
  owner_kind TEXT NOT NULL,
  owner_key TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(owner_kind, owner_key, key));
CREATE TABLE inline_policies(
  owner_kind TEXT NOT NULL,
  owner_key TEXT NOT NULL,
  name_key TEXT NOT NULL,
  name TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY(owner_kind, owner_key, name_key));
CREATE TABLE policies(
  arn TEXT PRIMARY KEY,
  name_key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  id TEXT NOT NULL,
  description TEXT NOT NULL,
  default_version TEXT NOT NULL,
  next_version INTEGER NOT NULL,
  created_millis INTEGER NOT NULL,
  updated_millis INTEGER NOT NULL);
CREATE TABLE policy_versions(
  policy_arn TEXT NOT NULL,
  version_id TEXT NOT NULL,
  document TEXT NOT NULL,
  created_millis INTEGER NOT NULL,
  PRIMARY KEY(policy_arn, version_id));
CREATE TABLE attachments(
  owner_kind TEXT NOT NULL,
  owner_key TEXT NOT NULL,
  policy_arn TEXT NOT NULL,
  PRIMARY KEY(owner_kind, owner_key, policy_arn));
CREATE INDEX attachments_by_policy ON attachments(policy_arn);
CREATE TABLE instance_profiles(
  name_key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  id TEXT NOT NULL,
  arn TEXT NOT NULL,
  created_millis INTEGER NOT NULL);
CREATE TABLE instance_profile_roles(
  profile_key TEXT NOT NULL,
  role_key TEXT NOT NULL,
  PRIMARY KEY(profile_key, role_key));
CREATE INDEX instance_profile_roles_by_role ON instance_profile_roles(role_key);
CREATE TABLE access_keys(
  access_key_id TEXT PRIMARY KEY,
  user_key TEXT NOT NULL,
  secret TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_millis INTEGER NOT NULL);
CREATE INDEX access_keys_by_user ON access_keys(user_key);
CREATE TABLE sessions(
  access_key_id TEXT PRIMARY KEY,
  secret TEXT NOT NULL,
  session_token TEXT NOT NULL,
  expires_millis INTEGER NOT NULL,
  arn TEXT NOT NULL,
  user_id TEXT NOT NULL);
)sql";

constexpr std::array<std::string_view, 1> kMigrations = {kV1};

}  // namespace

std::span<const std::string_view> IamMigrations() {
  return kMigrations;
}

}  // namespace stratus::iam
