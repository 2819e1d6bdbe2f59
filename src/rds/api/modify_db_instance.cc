#include <utility>

#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/errors.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> ModifyDBInstance(RdsEngine& engine,
                              const aws::RequestContext& /*context*/,
                              const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, Identifier(input, "DBInstanceIdentifier"));
  InstanceChanges changes;
  STRATUS_ASSIGN_OR_RETURN(changes.master_password, OptionalString(input, "MasterUserPassword"));
  if (changes.master_password.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(DbInstance current, engine.GetInstance(id));
    if (current.cluster_id.empty()) {
      STRATUS_RETURN_IF_ERROR(CheckMasterUser(current.master_username, changes.master_password));
    }
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> group,
                           OptionalString(input, "DBParameterGroupName"));
  if (group.has_value()) {
    changes.parameter_group = Lowercase(*group);
  }
  STRATUS_ASSIGN_OR_RETURN(changes.instance_class, OptionalString(input, "DBInstanceClass"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> storage,
                           OptionalInteger(input, "AllocatedStorage"));
  if (storage.has_value()) {
    changes.allocated_storage = static_cast<int>(*storage);
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> retention,
                           OptionalInteger(input, "BackupRetentionPeriod"));
  if (retention.has_value()) {
    changes.backup_retention_days = static_cast<int>(*retention);
  }
  // AWS: ApplyImmediately picks now or the maintenance window; here every
  // change applies now.
  STRATUS_RETURN_IF_ERROR(OptionalBool(input, "ApplyImmediately").status());
  STRATUS_ASSIGN_OR_RETURN(DbInstance modified, engine.ModifyInstance(id, changes));
  return Json{{"DBInstance", InstanceJson(engine, modified)}};
}

}  // namespace stratus::rds::api
