#include <utility>

#include "base/format.h"
#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/errors.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {
namespace {

bool IsAurora(std::string_view engine) {
  return engine == "aurora-mysql" || engine == "aurora";
}

}  // namespace

Result<Json> CreateDBInstance(RdsEngine& engine,
                              const aws::RequestContext& /*context*/,
                              const Json& input) {
  DbInstance instance;
  STRATUS_ASSIGN_OR_RETURN(instance.id, Identifier(input, "DBInstanceIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(std::string engine_name, RequiredString(input, "Engine"));
  instance.engine = Lowercase(engine_name);
  if (instance.engine != "mysql" && instance.engine != "mariadb" && !IsAurora(instance.engine)) {
    return RdsError::InvalidParameterValue(
        Format("Invalid DB engine: {}. This emulation serves mysql, mariadb and aurora-mysql.",
               engine_name));
  }
  STRATUS_ASSIGN_OR_RETURN(instance.instance_class, RequiredString(input, "DBInstanceClass"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> cluster,
                           OptionalString(input, "DBClusterIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> user,
                           OptionalString(input, "MasterUsername"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> password,
                           OptionalString(input, "MasterUserPassword"));
  if (cluster.has_value()) {
    if (!IsAurora(instance.engine)) {
      return RdsError::InvalidParameterCombination(
          Format("The engine {} cannot be a member of a DB cluster.", instance.engine));
    }
    if (user.has_value() || password.has_value()) {
      return RdsError::InvalidParameterCombination(
          "The requested DB Instance will be a member of a DB Cluster. Set master user name "
          "and password for the DB Cluster.");
    }
    instance.cluster_id = Lowercase(*cluster);
  } else {
    if (IsAurora(instance.engine)) {
      return RdsError::InvalidParameterCombination(
          "DBClusterIdentifier is required to create an Aurora DB instance.");
    }
    STRATUS_RETURN_IF_ERROR(CheckMasterUser(user, password));
    instance.master_username = *user;
    instance.master_password = *password;
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> version,
                           OptionalString(input, "EngineVersion"));
  instance.engine_version = version.value_or(DefaultEngineVersion(instance.engine));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> storage,
                           OptionalInteger(input, "AllocatedStorage"));
  instance.allocated_storage =
      static_cast<int>(storage.value_or(IsAurora(instance.engine) ? 1 : 20));
  STRATUS_ASSIGN_OR_RETURN(instance.database_name, DatabaseNameOf(input, "DBName"));
  STRATUS_RETURN_IF_ERROR(ReadInstanceSettings(input, instance));
  STRATUS_ASSIGN_OR_RETURN(DbInstance created, engine.CreateInstance(std::move(instance)));
  return Json{{"DBInstance", InstanceJson(engine, created)}};
}

}  // namespace stratus::rds::api
