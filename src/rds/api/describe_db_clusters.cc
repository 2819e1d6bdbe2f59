#include <utility>

#include "base/format.h"
#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/errors.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {
namespace {

Result<bool> Matches(const DbCluster& cluster,
                     const std::map<std::string, std::vector<std::string>>& filters) {
  for (const auto& [name, values] : filters) {
    if (name == "db-cluster-id") {
      if (!Contains(values, cluster.id, /*by_id=*/true)) {
        return false;
      }
    } else if (name == "engine") {
      if (!Contains(values, cluster.engine, /*by_id=*/false)) {
        return false;
      }
    } else if (name == "db-cluster-resource-id") {
      if (!Contains(values, cluster.resource_id, /*by_id=*/false)) {
        return false;
      }
    } else {
      return RdsError::InvalidParameterValue(Format("Unrecognized filter name: {}", name));
    }
  }
  return true;
}

}  // namespace

Result<Json> DescribeDBClusters(RdsEngine& engine,
                                const aws::RequestContext& /*context*/,
                                const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> id,
                           OptionalString(input, "DBClusterIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(auto filters, FiltersOf(input));
  STRATUS_ASSIGN_OR_RETURN(Page page, PageOf(input));
  std::vector<DbCluster> clusters;
  if (id.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(DbCluster cluster, engine.GetCluster(IdOf(*id)));
    clusters.push_back(std::move(cluster));
  } else {
    clusters = engine.ListClusters();
  }
  std::vector<DbCluster> matching;
  for (DbCluster& cluster : clusters) {
    STRATUS_ASSIGN_OR_RETURN(bool matches, Matches(cluster, filters));
    if (matches) {
      matching.push_back(std::move(cluster));
    }
  }
  Json output = Json::object();
  Json list = Json::array();
  for (const DbCluster& cluster : Slice(std::move(matching), page, output)) {
    list.push_back(ClusterJson(engine, cluster));
  }
  output["DBClusters"] = std::move(list);
  return output;
}

}  // namespace stratus::rds::api
