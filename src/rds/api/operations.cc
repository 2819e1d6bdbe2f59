#include "rds/api/operations.h"

#include <string>

#include "aws/service_operations.h"
#include "rds/api/handlers.h"
#include "rds/errors.h"
#include "rds/rds_engine.h"

namespace stratus::rds {

void RegisterRdsOperations(aws::OperationTable& table,
                           const aws::ModelRegistry& models,
                           RdsEngine& engine) {
  // AWS: a missing required member is MissingParameter ("The request must
  // contain the parameter X"), which the handlers' readers answer; the front
  // door checks the model's other constraints.
  aws::ServiceOperations operations(
      table, models, "rds",
      aws::ServiceOperationsOptions{
          .model_constraints = aws::ConstraintOptions{.check_required = false},
          .on_json_error = [](std::string_view what) {
            return RdsError::InvalidParameterValue(std::string(what));
          }});
  auto add = [&](std::string_view name, api::Handler* handler) {
    operations.Add(name, aws::Bind(engine, handler));
  };
  add("CreateDBInstance", &api::CreateDBInstance);
  add("DescribeDBInstances", &api::DescribeDBInstances);
  add("ModifyDBInstance", &api::ModifyDBInstance);
  add("DeleteDBInstance", &api::DeleteDBInstance);
  add("RebootDBInstance", &api::RebootDBInstance);
  add("StopDBInstance", &api::StopDBInstance);
  add("StartDBInstance", &api::StartDBInstance);
  add("CreateDBSnapshot", &api::CreateDBSnapshot);
  add("DescribeDBSnapshots", &api::DescribeDBSnapshots);
  add("DeleteDBSnapshot", &api::DeleteDBSnapshot);
  add("CopyDBSnapshot", &api::CopyDBSnapshot);
  add("RestoreDBInstanceFromDBSnapshot", &api::RestoreDBInstanceFromDBSnapshot);
  add("CreateDBCluster", &api::CreateDBCluster);
  add("DescribeDBClusters", &api::DescribeDBClusters);
  add("ModifyDBCluster", &api::ModifyDBCluster);
  add("DeleteDBCluster", &api::DeleteDBCluster);
  add("StopDBCluster", &api::StopDBCluster);
  add("StartDBCluster", &api::StartDBCluster);
  add("AddRoleToDBCluster", &api::AddRoleToDBCluster);
  add("RemoveRoleFromDBCluster", &api::RemoveRoleFromDBCluster);
  add("CreateDBParameterGroup", &api::CreateDBParameterGroup);
  add("DescribeDBParameterGroups", &api::DescribeDBParameterGroups);
  add("ModifyDBParameterGroup", &api::ModifyDBParameterGroup);
  add("ResetDBParameterGroup", &api::ResetDBParameterGroup);
  add("DeleteDBParameterGroup", &api::DeleteDBParameterGroup);
  add("DescribeDBParameters", &api::DescribeDBParameters);
  add("CreateDBClusterParameterGroup", &api::CreateDBClusterParameterGroup);
  add("DescribeDBClusterParameterGroups", &api::DescribeDBClusterParameterGroups);
  add("ModifyDBClusterParameterGroup", &api::ModifyDBClusterParameterGroup);
  add("ResetDBClusterParameterGroup", &api::ResetDBClusterParameterGroup);
  add("DeleteDBClusterParameterGroup", &api::DeleteDBClusterParameterGroup);
  add("DescribeDBClusterParameters", &api::DescribeDBClusterParameters);
  add("AddTagsToResource", &api::AddTagsToResource);
  add("RemoveTagsFromResource", &api::RemoveTagsFromResource);
  add("ListTagsForResource", &api::ListTagsForResource);
  add("DescribeEvents", &api::DescribeEvents);
  add("DescribeDBEngineVersions", &api::DescribeDBEngineVersions);
}

}  // namespace stratus::rds
