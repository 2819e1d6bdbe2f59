#pragma once

#include <vector>

#include "base/json.h"
#include "rds/rds_types.h"

namespace stratus::rds {
class RdsEngine;
}  // namespace stratus::rds

// The model-shaped JSON of RDS's records (the query codec turns it into XML).
namespace stratus::rds::api {

/// The DBInstance shape.
Json InstanceJson(const RdsEngine& engine, const DbInstance& instance);

/// The DBSnapshot shape.
Json SnapshotJson(const RdsEngine& engine, const DbSnapshot& snapshot);

/// The DBCluster shape, with its member instances.
Json ClusterJson(const RdsEngine& engine, const DbCluster& cluster);

/// The DBParameterGroup or DBClusterParameterGroup shape.
Json ParameterGroupJson(const RdsEngine& engine, const ParameterGroup& group);

/// The Parameter shapes of the parameters a user set (Source=user).
Json ParametersJson(const ParameterGroup& group);

/// The Event shape.
Json EventJson(const RdsEngine& engine, const RdsEvent& event);

/// The TagList shape.
Json TagListJson(const Tags& tags);

/// The engine version an engine gets when none is asked for.
std::string DefaultEngineVersion(std::string_view engine);

/// The parameter group family of an engine version ("mysql8.0").
std::string ParameterGroupFamily(std::string_view engine, std::string_view version);

}  // namespace stratus::rds::api
