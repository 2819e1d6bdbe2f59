#include "glue/schema.h"

#include <array>

namespace stratus::glue {
namespace {

constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE databases (
  id INTEGER PRIMARY KEY,
  catalog_id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_millis INTEGER NOT NULL,
  definition BLOB NOT NULL,
  UNIQUE (catalog_id, name)
);
CREATE TABLE tables (
  id INTEGER PRIMARY KEY,
  database_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_millis INTEGER NOT NULL,
  updated_millis INTEGER NOT NULL,
  definition BLOB NOT NULL,
  UNIQUE (database_id, name)
);
CREATE TABLE table_versions (
  table_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  updated_millis INTEGER NOT NULL,
  definition BLOB NOT NULL,
  PRIMARY KEY (table_id, version)
) WITHOUT ROWID;
CREATE TABLE partitions (
  id INTEGER PRIMARY KEY,
  table_id INTEGER NOT NULL,
  partition_values BLOB NOT NULL,
  created_millis INTEGER NOT NULL,
  definition BLOB NOT NULL,
  UNIQUE (table_id, partition_values)
);
CREATE INDEX partitions_by_table ON partitions (table_id, id);
)sql";

constexpr std::array<std::string_view, 1> kMigrations = {kSchemaV1};

}  // namespace

std::span<const std::string_view> SchemaMigrations() {
  return kMigrations;
}

}  // namespace stratus::glue
