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

constexpr std::array<std::string_view, 4> kMigrations = {kV1, kV2, kV3, kV4};

}  // namespace

std::span<const std::string_view> LambdaMigrations() {
  return kMigrations;
}

}  // namespace stratus::lambda
