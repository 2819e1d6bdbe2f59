#include "states/api/states_schema.h"

#include <array>

namespace stratus::states::api {
namespace {

// Version 1. Timestamps are Unix epoch milliseconds; JSON columns hold
// model-shaped JSON text; enums are the integers of state_machine_records.h
// and execution_record.h.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE revisions (
  revision_id TEXT PRIMARY KEY,
  machine_arn TEXT NOT NULL,
  type INTEGER NOT NULL,
  definition TEXT NOT NULL,
  role_arn TEXT NOT NULL,
  logging TEXT NOT NULL,
  tracing TEXT NOT NULL,
  updated_millis INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE state_machines (
  arn TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type INTEGER NOT NULL,
  created_millis INTEGER NOT NULL,
  revision_id TEXT NOT NULL,
  revised INTEGER NOT NULL,
  next_version INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE versions (
  arn TEXT PRIMARY KEY,
  machine_arn TEXT NOT NULL,
  version INTEGER NOT NULL,
  description TEXT NOT NULL,
  created_millis INTEGER NOT NULL,
  revision_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE aliases (
  arn TEXT PRIMARY KEY,
  machine_arn TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  routing TEXT NOT NULL,
  created_millis INTEGER NOT NULL,
  updated_millis INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE tags (
  resource_arn TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (resource_arn, key)
) WITHOUT ROWID;
CREATE TABLE executions (
  id INTEGER PRIMARY KEY,
  arn TEXT NOT NULL UNIQUE,
  machine_arn TEXT NOT NULL,
  version_arn TEXT NOT NULL,
  alias_arn TEXT NOT NULL,
  revision_id TEXT NOT NULL,
  name TEXT NOT NULL,
  status INTEGER NOT NULL,
  input TEXT NOT NULL,
  output TEXT,
  error TEXT,
  cause TEXT,
  start_millis INTEGER NOT NULL,
  stop_millis INTEGER NOT NULL,
  redrive_count INTEGER NOT NULL,
  redrive_millis INTEGER NOT NULL,
  trace_header TEXT NOT NULL,
  map_run_arn TEXT NOT NULL,
  options TEXT NOT NULL,
  host_state TEXT NOT NULL,
  next_event_id INTEGER NOT NULL,
  state BLOB
);
CREATE INDEX executions_by_machine ON executions (machine_arn, id);
CREATE INDEX executions_running ON executions (status) WHERE status = 0;
CREATE TABLE history (
  execution_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (execution_id, event_id)
) WITHOUT ROWID;
)sql";

// Version 2: activities (CreateActivity; their tags live in `tags`) and the
// task tokens handed out, so that a token whose task closed is told apart
// from one never issued.
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE activities (
  arn TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_millis INTEGER NOT NULL,
  encryption TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE task_tokens (
  token TEXT PRIMARY KEY,
  execution_arn TEXT NOT NULL,
  issued_millis INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Version 3: the Map Runs of DISTRIBUTED Map states. Their child executions
// are rows of `executions` with a `map_run_arn`, listed through the index.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE map_runs (
  id INTEGER PRIMARY KEY,
  arn TEXT NOT NULL UNIQUE,
  execution_arn TEXT NOT NULL,
  state_machine_arn TEXT NOT NULL,
  status INTEGER NOT NULL,
  start_millis INTEGER NOT NULL,
  stop_millis INTEGER NOT NULL,
  describe TEXT NOT NULL
);
CREATE INDEX map_runs_by_execution ON map_runs (execution_arn, id);
CREATE INDEX executions_by_map_run ON executions (map_run_arn, id) WHERE map_run_arn != '';
)sql";

// Version 4: a revision's "encryptionConfiguration" (model-shaped JSON);
// revisions written before it had none, which AWS describes as the AWS-owned key.
constexpr std::string_view kSchemaV4 = R"sql(
ALTER TABLE revisions ADD COLUMN encryption TEXT NOT NULL DEFAULT '{"type":"AWS_OWNED_KEY"}';
)sql";

constexpr std::array<std::string_view, 4> kMigrations = {kSchemaV1, kSchemaV2, kSchemaV3,
                                                         kSchemaV4};

}  // namespace

std::span<const std::string_view> StatesMigrations() {
  return kMigrations;
}

}  // namespace stratus::states::api
