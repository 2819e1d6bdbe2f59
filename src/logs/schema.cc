#include "logs/schema.h"

#include <array>

namespace stratus::logs {
namespace {

// Do not edit a released step: add a new one. Stored in PRAGMA user_version.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE log_groups(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_millis INTEGER NOT NULL,
  retention_days INTEGER,
  stored_bytes INTEGER NOT NULL DEFAULT 0);
CREATE TABLE log_group_tags(
  group_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(group_id, key));
CREATE TABLE log_streams(
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  created_millis INTEGER NOT NULL,
  first_event_millis INTEGER,
  last_event_millis INTEGER,
  last_ingestion_millis INTEGER,
  stored_bytes INTEGER NOT NULL DEFAULT 0,
  UNIQUE(group_id, name));
CREATE TABLE log_events(
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL,
  stream_id INTEGER NOT NULL,
  timestamp_millis INTEGER NOT NULL,
  ingestion_millis INTEGER NOT NULL,
  message TEXT NOT NULL);
CREATE INDEX log_events_by_stream ON log_events(stream_id, timestamp_millis, id);
CREATE INDEX log_events_by_group ON log_events(group_id, timestamp_millis, id);
)sql";

constexpr std::array<std::string_view, 1> kMigrations = {kV1};

}  // namespace

std::span<const std::string_view> LogsMigrations() {
  return kMigrations;
}

}  // namespace stratus::logs
