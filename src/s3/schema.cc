#include "s3/schema.h"

#include <array>

namespace stratus::s3 {
namespace {

constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE buckets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  region TEXT NOT NULL,
  owner_account TEXT NOT NULL,
  created_millis INTEGER NOT NULL,
  versioning INTEGER NOT NULL,
  object_lock INTEGER NOT NULL
);
CREATE TABLE bucket_configs (
  bucket_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  config_id TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (bucket_id, kind, config_id)
) WITHOUT ROWID;
CREATE TABLE objects (
  seq INTEGER PRIMARY KEY,
  bucket_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  version_id TEXT NOT NULL,
  latest INTEGER NOT NULL,
  delete_marker INTEGER NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  modified_millis INTEGER NOT NULL,
  attributes BLOB NOT NULL,
  storage BLOB NOT NULL
);
CREATE UNIQUE INDEX objects_by_key ON objects (bucket_id, key, seq DESC);
CREATE INDEX objects_current ON objects (bucket_id, key) WHERE latest = 1 AND delete_marker = 0;
CREATE TABLE inline_data (
  seq INTEGER PRIMARY KEY,
  bytes BLOB NOT NULL
);
CREATE TABLE uploads (
  upload_id TEXT PRIMARY KEY,
  bucket_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  initiated_millis INTEGER NOT NULL,
  attributes BLOB NOT NULL
);
CREATE INDEX uploads_by_key ON uploads (bucket_id, key, initiated_millis, upload_id);
CREATE TABLE parts (
  upload_id TEXT NOT NULL,
  part_number INTEGER NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  modified_millis INTEGER NOT NULL,
  blob_id TEXT NOT NULL,
  checksum TEXT NOT NULL,
  PRIMARY KEY (upload_id, part_number)
) WITHOUT ROWID;
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  bucket TEXT NOT NULL,
  destination TEXT NOT NULL,
  configuration_id TEXT NOT NULL,
  event_name TEXT NOT NULL,
  key TEXT NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  version_id TEXT NOT NULL,
  sequencer TEXT NOT NULL,
  event_millis INTEGER NOT NULL
);
)sql";

constexpr std::array<std::string_view, 1> kMigrations = {kSchemaV1};

}  // namespace

std::span<const std::string_view> SchemaMigrations() {
  return kMigrations;
}

}  // namespace stratus::s3
