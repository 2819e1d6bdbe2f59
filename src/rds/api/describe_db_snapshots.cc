#include <utility>

#include "base/format.h"
#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/errors.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {
namespace {

Result<bool> Matches(const DbSnapshot& snapshot,
                     const std::map<std::string, std::vector<std::string>>& filters) {
  for (const auto& [name, values] : filters) {
    bool matches = false;
    if (name == "db-instance-id") {
      matches = Contains(values, snapshot.instance_id, /*by_id=*/true);
    } else if (name == "db-snapshot-id") {
      matches = Contains(values, snapshot.id, /*by_id=*/true);
    } else if (name == "snapshot-type") {
      matches = Contains(values, snapshot.type, /*by_id=*/false);
    } else if (name == "engine") {
      matches = Contains(values, snapshot.engine, /*by_id=*/false);
    } else if (name == "dbi-resource-id") {
      matches = Contains(values, snapshot.instance_resource_id, /*by_id=*/false);
    } else {
      return RdsError::InvalidParameterValue(Format("Unrecognized filter name: {}", name));
    }
    if (!matches) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<Json> DescribeDBSnapshots(RdsEngine& engine,
                                 const aws::RequestContext& /*context*/,
                                 const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> snapshot_id,
                           OptionalString(input, "DBSnapshotIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> instance_id,
                           OptionalString(input, "DBInstanceIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> type, OptionalString(input, "SnapshotType"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> resource_id,
                           OptionalString(input, "DbiResourceId"));
  STRATUS_ASSIGN_OR_RETURN(auto filters, FiltersOf(input));
  STRATUS_ASSIGN_OR_RETURN(Page page, PageOf(input));
  if (type.has_value() && *type != "manual" && *type != "automated" && *type != "shared" &&
      *type != "public" && *type != "awsbackup") {
    return RdsError::InvalidParameterValue(Format("Invalid snapshot type: {}", *type));
  }
  std::vector<DbSnapshot> snapshots;
  if (snapshot_id.has_value()) {
    // AWS: naming one snapshot that does not exist is DBSnapshotNotFound.
    // Pinned by test/wire/test_rds_snapshots.py::test_snapshot_errors.
    STRATUS_ASSIGN_OR_RETURN(DbSnapshot snapshot, engine.GetSnapshot(IdOf(*snapshot_id)));
    snapshots.push_back(std::move(snapshot));
  } else {
    snapshots = engine.ListSnapshots();
  }
  std::vector<DbSnapshot> matching;
  for (DbSnapshot& snapshot : snapshots) {
    if (instance_id.has_value() && snapshot.instance_id != IdOf(*instance_id)) {
      continue;
    }
    if (type.has_value() && snapshot.type != *type) {
      continue;
    }
    if (resource_id.has_value() && snapshot.instance_resource_id != *resource_id) {
      continue;
    }
    STRATUS_ASSIGN_OR_RETURN(bool matches, Matches(snapshot, filters));
    if (matches) {
      matching.push_back(std::move(snapshot));
    }
  }
  Json output = Json::object();
  Json list = Json::array();
  for (const DbSnapshot& snapshot : Slice(std::move(matching), page, output)) {
    list.push_back(SnapshotJson(engine, snapshot));
  }
  output["DBSnapshots"] = std::move(list);
  return output;
}

}  // namespace stratus::rds::api
