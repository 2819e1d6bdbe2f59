#include <utility>

#include "base/format.h"
#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/errors.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {
namespace {

Result<bool> Matches(const DbInstance& instance,
                     const std::map<std::string, std::vector<std::string>>& filters) {
  for (const auto& [name, values] : filters) {
    if (name == "db-instance-id") {
      if (!Contains(values, instance.id, /*by_id=*/true)) {
        return false;
      }
    } else if (name == "db-cluster-id") {
      if (!Contains(values, instance.cluster_id, /*by_id=*/true)) {
        return false;
      }
    } else if (name == "engine") {
      if (!Contains(values, instance.engine, /*by_id=*/false)) {
        return false;
      }
    } else if (name == "dbi-resource-id") {
      if (!Contains(values, instance.resource_id, /*by_id=*/false)) {
        return false;
      }
    } else {
      return RdsError::InvalidParameterValue(Format("Unrecognized filter name: {}", name));
    }
  }
  return true;
}

}  // namespace

Result<Json> DescribeDBInstances(RdsEngine& engine,
                                 const aws::RequestContext& /*context*/,
                                 const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> id,
                           OptionalString(input, "DBInstanceIdentifier"));
  STRATUS_ASSIGN_OR_RETURN(auto filters, FiltersOf(input));
  STRATUS_ASSIGN_OR_RETURN(Page page, PageOf(input));
  std::vector<DbInstance> instances;
  if (id.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(DbInstance instance, engine.GetInstance(IdOf(*id)));
    instances.push_back(std::move(instance));
  } else {
    instances = engine.ListInstances();
  }
  std::vector<DbInstance> matching;
  for (DbInstance& instance : instances) {
    STRATUS_ASSIGN_OR_RETURN(bool matches, Matches(instance, filters));
    if (matches) {
      matching.push_back(std::move(instance));
    }
  }
  Json output = Json::object();
  Json list = Json::array();
  for (const DbInstance& instance : Slice(std::move(matching), page, output)) {
    list.push_back(InstanceJson(engine, instance));
  }
  output["DBInstances"] = std::move(list);
  return output;
}

}  // namespace stratus::rds::api
