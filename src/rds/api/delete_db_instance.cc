#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/errors.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> DeleteDBInstance(RdsEngine& engine,
                              const aws::RequestContext& /*context*/,
                              const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, Identifier(input, "DBInstanceIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> skip, OptionalBool(input, "SkipFinalSnapshot"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> snapshot,
                           OptionalString(input, "FinalDBSnapshotIdentifier"));
  if (snapshot.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(*snapshot, SnapshotIdentifier(input, "FinalDBSnapshotIdentifier"));
  }
  STRATUS_ASSIGN_OR_RETURN(DbInstance current, engine.GetInstance(id));
  // AWS: a standalone instance needs a final snapshot name unless
  // SkipFinalSnapshot; cluster members take neither (their data is the
  // cluster's). The final snapshot is a DB snapshot like any other.
  // Pinned by test/wire/test_rds.py::test_delete_needs_final_snapshot_choice
  // and test/wire/test_rds_snapshots.py::test_final_snapshot_on_delete.
  if (current.cluster_id.empty()) {
    if (skip.value_or(false) && snapshot.has_value()) {
      return RdsError::InvalidParameterCombination(
          "Cannot specify both SkipFinalSnapshot and FinalDBSnapshotIdentifier");
    }
    if (!skip.value_or(false) && !snapshot.has_value()) {
      return RdsError::InvalidParameterCombination(
          "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.");
    }
  }
  STRATUS_ASSIGN_OR_RETURN(
      DbInstance deleted,
      engine.DeleteInstance(id, current.cluster_id.empty() ? snapshot : std::nullopt));
  return Json{{"DBInstance", InstanceJson(engine, deleted)}};
}

}  // namespace stratus::rds::api
