#include "rds/api/handlers.h"
#include "rds/api/request_fields.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> RemoveRoleFromDBCluster(RdsEngine& engine,
                                     const aws::RequestContext& /*context*/,
                                     const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, Identifier(input, "DBClusterIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(std::string role_arn, RequiredString(input, "RoleArn"));
  STRATUS_RETURN_IF_ERROR(engine.RemoveRole(id, role_arn));
  return Json::object();
}

}  // namespace stratus::rds::api
