#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> DeleteDBSnapshot(RdsEngine& engine,
                              const aws::RequestContext& /*context*/,
                              const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, SnapshotIdentifier(input, "DBSnapshotIdentifier"));
  // AWS answers with the snapshot in state "deleted"; it is gone at once here.
  STRATUS_ASSIGN_OR_RETURN(DbSnapshot deleted, engine.DeleteSnapshot(id));
  return Json{{"DBSnapshot", SnapshotJson(engine, deleted)}};
}

}  // namespace stratus::rds::api
