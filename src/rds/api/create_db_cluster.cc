#include <utility>

#include "base/format.h"
#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/errors.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> CreateDBCluster(RdsEngine& engine,
                             const aws::RequestContext& /*context*/,
                             const Json& input) {
  DbCluster cluster;
  STRATUS_ASSIGN_OR_RETURN(cluster.id, Identifier(input, "DBClusterIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(std::string engine_name, RequiredString(input, "Engine"));
  cluster.engine = Lowercase(engine_name);
  if (cluster.engine != "aurora-mysql" && cluster.engine != "aurora" && cluster.engine != "mysql") {
    return RdsError::InvalidParameterValue(
        Format("Invalid DB engine: {}. This emulation serves aurora-mysql clusters.", engine_name));
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> user,
                           OptionalString(input, "MasterUsername"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> password,
                           OptionalString(input, "MasterUserPassword"));
  STRATUS_RETURN_IF_ERROR(CheckMasterUser(user, password));
  cluster.master_username = *user;
  cluster.master_password = *password;
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> version,
                           OptionalString(input, "EngineVersion"));
  cluster.engine_version = version.value_or(DefaultEngineVersion(cluster.engine));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> database,
                           OptionalString(input, "DatabaseName"));
  cluster.database_name = database.value_or("");
  STRATUS_ASSIGN_OR_RETURN(cluster.requested_port, PortOf(input));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> group,
                           OptionalString(input, "DBClusterParameterGroupName"));
  cluster.parameter_group = group.has_value() ? Lowercase(*group) : "";
  STRATUS_ASSIGN_OR_RETURN(cluster.tags, TagsOf(input));
  STRATUS_ASSIGN_OR_RETURN(DbCluster created, engine.CreateCluster(std::move(cluster)));
  return Json{{"DBCluster", ClusterJson(engine, created)}};
}

}  // namespace stratus::rds::api
