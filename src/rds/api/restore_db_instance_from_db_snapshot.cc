#include <utility>

#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/errors.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> RestoreDBInstanceFromDBSnapshot(RdsEngine& engine,
                                             const aws::RequestContext& /*context*/,
                                             const Json& input) {
  DbInstance instance;
  STRATUS_ASSIGN_OR_RETURN(instance.id, Identifier(input, "DBInstanceIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> cluster_snapshot,
                           OptionalString(input, "DBClusterSnapshotIdentifier"));
  if (cluster_snapshot.has_value()) {
    return RdsError::InvalidParameterValue(
        "Restoring a DB instance from a DB cluster snapshot is not supported here; name a "
        "DBSnapshotIdentifier.");
  }
  if (!input.contains("DBSnapshotIdentifier")) {
    return RdsError::MissingParameter("DBSnapshotIdentifier");
  }
  STRATUS_ASSIGN_OR_RETURN(std::string snapshot_id,
                           SnapshotIdentifier(input, "DBSnapshotIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> instance_class,
                           OptionalString(input, "DBInstanceClass"));
  instance.instance_class = instance_class.value_or("");
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> storage,
                           OptionalInteger(input, "AllocatedStorage"));
  instance.allocated_storage = static_cast<int>(storage.value_or(0));
  STRATUS_RETURN_IF_ERROR(ReadInstanceSettings(input, instance));
  STRATUS_ASSIGN_OR_RETURN(DbInstance created,
                           engine.RestoreInstance(std::move(instance), snapshot_id));
  return Json{{"DBInstance", InstanceJson(engine, created)}};
}

}  // namespace stratus::rds::api
