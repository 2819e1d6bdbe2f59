#pragma once

#include "aws/request_context.h"
#include "aws/service_operations.h"
#include "base/json.h"
#include "base/result.h"

namespace stratus::rds {
class RdsEngine;
}  // namespace stratus::rds

// One handler per RDS operation, each in its own file named after it (the
// parameter group operations of both kinds share parameter_groups.cc). A
// handler reads the model-shaped input, calls the engine and returns the
// model-shaped output; the engine commits before it returns, so an answer
// is only given for what is durable. operations.cc binds them to their names.
namespace stratus::rds::api {

using Handler = aws::ReadHandler<RdsEngine>;

Handler CreateDBInstance;
Handler DescribeDBInstances;
Handler ModifyDBInstance;
Handler DeleteDBInstance;
Handler RebootDBInstance;
Handler StopDBInstance;
Handler StartDBInstance;

Handler CreateDBSnapshot;
Handler DescribeDBSnapshots;
Handler DeleteDBSnapshot;
Handler CopyDBSnapshot;
Handler RestoreDBInstanceFromDBSnapshot;

Handler CreateDBCluster;
Handler DescribeDBClusters;
Handler ModifyDBCluster;
Handler DeleteDBCluster;
Handler StopDBCluster;
Handler StartDBCluster;
Handler AddRoleToDBCluster;
Handler RemoveRoleFromDBCluster;

Handler CreateDBParameterGroup;
Handler DescribeDBParameterGroups;
Handler ModifyDBParameterGroup;
Handler ResetDBParameterGroup;
Handler DeleteDBParameterGroup;
Handler DescribeDBParameters;
Handler CreateDBClusterParameterGroup;
Handler DescribeDBClusterParameterGroups;
Handler ModifyDBClusterParameterGroup;
Handler ResetDBClusterParameterGroup;
Handler DeleteDBClusterParameterGroup;
Handler DescribeDBClusterParameters;

Handler AddTagsToResource;
Handler RemoveTagsFromResource;
Handler ListTagsForResource;
Handler DescribeEvents;
Handler DescribeDBEngineVersions;

}  // namespace stratus::rds::api
