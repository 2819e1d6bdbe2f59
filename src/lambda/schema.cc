#include "lambda/schema.h"

#include <array>

namespace stratus::lambda {
namespace {

// Do not edit a released step: add a new one. Stored in PRAGMA user_version.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE functions(
  name TEXT PRIMARY KEY,
  record BLOB NOT NULL);
CREATE TABLE event_invocations(
  id INTEGER PRIMARY KEY,
  function TEXT NOT NULL,
  request_id TEXT NOT NULL,
  payload BLOB NOT NULL,
  attempts INTEGER NOT NULL,
  enqueued_millis INTEGER NOT NULL,
  next_attempt_millis INTEGER NOT NULL);
)sql";

constexpr std::string_view kV2 = R"sql(
CREATE TABLE event_source_mappings(
  uuid TEXT PRIMARY KEY,
  function TEXT NOT NULL,
  record BLOB NOT NULL);
)sql";

constexpr std::string_view kV3 = R"sql(
CREATE TABLE function_permissions(
  function TEXT NOT NULL,
  statement_id TEXT NOT NULL,
  statement TEXT NOT NULL,
  PRIMARY KEY(function, statement_id));
)sql";

constexpr std::string_view kV4 = R"sql(
CREATE TABLE function_versions(
  function TEXT NOT NULL,
  version INTEGER NOT NULL,
  source_revision TEXT NOT NULL,
  record BLOB NOT NULL,
  PRIMARY KEY(function, version));
CREATE TABLE function_version_counters(
  function TEXT PRIMARY KEY,
  last_version INTEGER NOT NULL);
CREATE TABLE function_aliases(
  function TEXT NOT NULL,
  name TEXT NOT NULL,
  record BLOB NOT NULL,
  PRIMARY KEY(function, name));
)sql";

constexpr std::string_view kV5 = R"sql(
CREATE TABLE layer_versions(
  layer TEXT NOT NULL,
  version INTEGER NOT NULL,
  description TEXT NOT NULL,
  license_info TEXT NOT NULL,
  compatible_runtimes TEXT NOT NULL,
  compatible_architectures TEXT NOT NULL,
  code_id TEXT NOT NULL,
  code_sha256 TEXT NOT NULL,
  code_size INTEGER NOT NULL,
  created_millis INTEGER NOT NULL,
  policy_revision TEXT NOT NULL,
  PRIMARY KEY(layer, version));
CREATE TABLE layer_version_counters(
  layer TEXT PRIMARY KEY,
  last_version INTEGER NOT NULL);
CREATE TABLE layer_version_permissions(
  layer TEXT NOT NULL,
  version INTEGER NOT NULL,
  statement_id TEXT NOT NULL,
  statement TEXT NOT NULL,
  PRIMARY KEY(layer, version, statement_id));
CREATE TABLE function_layers(
  function TEXT NOT NULL,
  version TEXT NOT NULL,
  position INTEGER NOT NULL,
  arn TEXT NOT NULL,
  code_id TEXT NOT NULL,
  code_sha256 TEXT NOT NULL,
  code_size INTEGER NOT NULL,
  PRIMARY KEY(function, version, position));
)sql";

constexpr std::array<std::string_view, 5> kMigrations = {kV1, kV2, kV3, kV4, kV5};

}  // namespace

std::span<const std::string_view> LambdaMigrations() {
  return kMigrations;
}

}  // namespace stratus::lambda
