#include "athena/schema.h"

#include <array>

namespace stratus::athena {
namespace {

constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE executions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  work_group TEXT NOT NULL,
  client_request_token TEXT,
  state INTEGER NOT NULL,
  record BLOB NOT NULL
);
CREATE INDEX executions_by_work_group ON executions (work_group, seq);
CREATE UNIQUE INDEX executions_by_token ON executions (client_request_token)
  WHERE client_request_token IS NOT NULL;
CREATE INDEX executions_unfinished ON executions (state) WHERE state < 2;
CREATE TABLE work_groups (
  name TEXT PRIMARY KEY,
  record BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE named_queries (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  work_group TEXT NOT NULL,
  record BLOB NOT NULL
);
CREATE TABLE prepared_statements (
  work_group TEXT NOT NULL,
  name TEXT NOT NULL,
  record BLOB NOT NULL,
  PRIMARY KEY (work_group, name)
) WITHOUT ROWID;
)sql";

// Version 2: data catalogs other than AwsDataCatalog, and tags of work
// groups and data catalogs (resource: "workgroup/<name>" or "datacatalog/<name>").
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE data_catalogs (
  name TEXT PRIMARY KEY,
  record BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE tags (
  resource TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (resource, key)
) WITHOUT ROWID;
)sql";

constexpr std::array<std::string_view, 2> kMigrations = {kSchemaV1, kSchemaV2};

}  // namespace

std::span<const std::string_view> SchemaMigrations() {
  return kMigrations;
}

}  // namespace stratus::athena
