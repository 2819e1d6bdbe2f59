#include <utility>

#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {

Result<Json> CopyDBSnapshot(RdsEngine& engine,
                            const aws::RequestContext& /*context*/,
                            const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string source,
                           SnapshotIdentifier(input, "SourceDBSnapshotIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(std::string target,
                           SnapshotIdentifier(input, "TargetDBSnapshotIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(Tags tags, TagsOf(input));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> copy_tags, OptionalBool(input, "CopyTags"));
  // AWS: KmsKeyId, OptionGroupName and the cross-region members have no
  // meaning on one machine; they are accepted and ignored.
  STRATUS_ASSIGN_OR_RETURN(DbSnapshot copy, engine.CopySnapshot(source, target, std::move(tags),
                                                                copy_tags.value_or(false)));
  return Json{{"DBSnapshot", SnapshotJson(engine, copy)}};
}

}  // namespace stratus::rds::api
