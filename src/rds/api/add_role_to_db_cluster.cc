#include <utility>

#include "rds/api/handlers.h"
#include "rds/api/request_fields.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> AddRoleToDBCluster(RdsEngine& engine,
                                const aws::RequestContext& /*context*/,
                                const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, Identifier(input, "DBClusterIdentifier"));
  ClusterRole role;
  STRATUS_ASSIGN_OR_RETURN(role.role_arn, RequiredString(input, "RoleArn"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> feature,
                           OptionalString(input, "FeatureName"));
  role.feature_name = feature.value_or("");
  STRATUS_RETURN_IF_ERROR(engine.AddRole(id, std::move(role)));
  return Json::object();
}

}  // namespace stratus::rds::api
