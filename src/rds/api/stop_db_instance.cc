#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> StopDBInstance(RdsEngine& engine,
                            const aws::RequestContext& /*context*/,
                            const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, Identifier(input, "DBInstanceIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(DbInstance instance, engine.StopInstance(id));
  return Json{{"DBInstance", InstanceJson(engine, instance)}};
}

}  // namespace stratus::rds::api
