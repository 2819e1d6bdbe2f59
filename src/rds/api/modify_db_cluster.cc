#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> ModifyDBCluster(RdsEngine& engine,
                             const aws::RequestContext& /*context*/,
                             const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, Identifier(input, "DBClusterIdentifier"));
  ClusterChanges changes;
  STRATUS_ASSIGN_OR_RETURN(changes.master_password, OptionalString(input, "MasterUserPassword"));
  if (changes.master_password.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(DbCluster current, engine.GetCluster(id));
    STRATUS_RETURN_IF_ERROR(CheckMasterUser(current.master_username, changes.master_password));
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> group,
                           OptionalString(input, "DBClusterParameterGroupName"));
  if (group.has_value()) {
    changes.parameter_group = Lowercase(*group);
  }
  // AWS: ApplyImmediately picks now or the maintenance window; here every
  // change applies now.
  STRATUS_RETURN_IF_ERROR(OptionalBool(input, "ApplyImmediately").status());
  STRATUS_ASSIGN_OR_RETURN(DbCluster modified, engine.ModifyCluster(id, changes));
  return Json{{"DBCluster", ClusterJson(engine, modified)}};
}

}  // namespace stratus::rds::api
