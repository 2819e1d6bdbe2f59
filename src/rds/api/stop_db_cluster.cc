#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> StopDBCluster(RdsEngine& engine,
                           const aws::RequestContext& /*context*/,
                           const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, Identifier(input, "DBClusterIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(DbCluster cluster, engine.StopCluster(id));
  return Json{{"DBCluster", ClusterJson(engine, cluster)}};
}

}  // namespace stratus::rds::api
