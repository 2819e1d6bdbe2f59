#include <utility>

#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> CreateDBSnapshot(RdsEngine& engine,
                              const aws::RequestContext& /*context*/,
                              const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string snapshot_id,
                           SnapshotIdentifier(input, "DBSnapshotIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(std::string instance_id, Identifier(input, "DBInstanceIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(Tags tags, TagsOf(input));
  STRATUS_ASSIGN_OR_RETURN(DbSnapshot snapshot,
                           engine.CreateSnapshot(instance_id, snapshot_id, std::move(tags)));
  return Json{{"DBSnapshot", SnapshotJson(engine, snapshot)}};
}

}  // namespace stratus::rds::api
