#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/errors.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> DeleteDBCluster(RdsEngine& engine,
                             const aws::RequestContext& /*context*/,
                             const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, Identifier(input, "DBClusterIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> skip, OptionalBool(input, "SkipFinalSnapshot"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> snapshot,
                           OptionalString(input, "FinalDBSnapshotIdentifier"));
  // AWS: a final snapshot name is needed unless SkipFinalSnapshot. Snapshots
  // are not kept here: the name is accepted and the data goes.
  if (skip.value_or(false) && snapshot.has_value()) {
    return RdsError::InvalidParameterCombination(
        "Cannot specify both SkipFinalSnapshot and FinalDBSnapshotIdentifier");
  }
  if (!skip.value_or(false) && !snapshot.has_value()) {
    return RdsError::InvalidParameterCombination(
        "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.");
  }
  STRATUS_ASSIGN_OR_RETURN(DbCluster deleted, engine.DeleteCluster(id));
  return Json{{"DBCluster", ClusterJson(engine, deleted)}};
}

}  // namespace stratus::rds::api
