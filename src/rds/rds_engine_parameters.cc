// RdsEngine: parameter groups and tags.

#include <utility>

#include "base/format.h"
#include "rds/errors.h"
#include "rds/log.h"
#include "rds/rds_engine.h"
#include "rds/rds_engine_internal.h"
#include "rds/rds_store.h"

namespace stratus::rds {

using internal::ClusterKey;
using internal::GroupKey;
using internal::ServerKeyOf;

namespace {

Status GroupNotFound(std::string_view name, bool cluster) {
  return cluster ? RdsError::ClusterParameterGroupNotFound(name)
                 : RdsError::ParameterGroupNotFound(name);
}

// The parts of an RDS ARN: arn:aws:rds:REGION:ACCOUNT:KIND:NAME.
struct ArnParts {
  std::string kind = {};
  std::string name = {};
};

Result<ArnParts> ParseRdsArn(std::string_view arn) {
  constexpr std::string_view kPrefix = "arn:aws:rds:";
  if (!arn.starts_with(kPrefix)) {
    return RdsError::InvalidParameterValue(Format("Invalid resource name: {}", arn));
  }
  std::string_view rest = arn.substr(kPrefix.size());
  for (int skip = 0; skip < 2; ++skip) {  // REGION, ACCOUNT.
    const size_t colon = rest.find(':');
    if (colon == std::string_view::npos) {
      return RdsError::InvalidParameterValue(Format("Invalid resource name: {}", arn));
    }
    rest = rest.substr(colon + 1);
  }
  const size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon + 1 >= rest.size()) {
    return RdsError::InvalidParameterValue(Format("Invalid resource name: {}", arn));
  }
  return ArnParts{.kind = std::string(rest.substr(0, colon)),
                  .name = std::string(rest.substr(colon + 1))};
}

}  // namespace

Result<ParameterGroup> RdsEngine::CreateParameterGroup(ParameterGroup group) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string key = GroupKey(group.name, group.cluster);
  if (groups_.contains(key)) {
    return RdsError::ParameterGroupExists(group.name);
  }
  STRATUS_RETURN_IF_ERROR(store_->PutParameterGroup(group));
  groups_.emplace(key, group);
  return group;
}

Result<ParameterGroup> RdsEngine::GetParameterGroup(std::string_view name, bool cluster) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = groups_.find(GroupKey(name, cluster));
  if (found == groups_.end()) {
    return GroupNotFound(name, cluster);
  }
  return found->second;
}

std::vector<ParameterGroup> RdsEngine::ListParameterGroups(bool cluster) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<ParameterGroup> groups;
  for (const auto& [key, group] : groups_) {
    if (group.cluster == cluster) {
      groups.push_back(group);
    }
  }
  return groups;
}

Status RdsEngine::ModifyParameters(std::string_view name,
                                   bool cluster,
                                   const std::map<std::string, Parameter>& parameters) {
  std::vector<std::string> servers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto found = groups_.find(GroupKey(name, cluster));
    if (found == groups_.end()) {
      return GroupNotFound(name, cluster);
    }
    ParameterGroup updated = found->second;
    for (const auto& [parameter, value] : parameters) {
      updated.parameters[parameter] = value;
    }
    STRATUS_RETURN_IF_ERROR(store_->PutParameterGroup(updated));
    found->second = std::move(updated);
    if (cluster) {
      for (const auto& [id, record] : clusters_) {
        if (record.parameter_group == name) {
          servers.push_back(ClusterKey(id));
        }
      }
    } else {
      for (const auto& [id, record] : instances_) {
        if (record.parameter_group == name) {
          servers.push_back(ServerKeyOf(record));
        }
      }
    }
  }
  // AWS: dynamic parameters apply at once to the attached instances.
  for (const std::string& server : servers) {
    std::string key = server;
    Enqueue([this, key = std::move(key)] {
      if (Status applied = ApplyParameters(key); !applied.ok()) {
        kRdsLog.Warn("parameters of server={} not applied: {}", key, applied.ToString());
      }
    });
  }
  return Status::Ok();
}

Status RdsEngine::ResetParameters(std::string_view name,
                                  bool cluster,
                                  const std::vector<std::string>& names,
                                  bool all) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = groups_.find(GroupKey(name, cluster));
  if (found == groups_.end()) {
    return GroupNotFound(name, cluster);
  }
  ParameterGroup updated = found->second;
  if (all) {
    updated.parameters.clear();
  } else {
    for (const std::string& parameter : names) {
      updated.parameters.erase(parameter);
    }
  }
  STRATUS_RETURN_IF_ERROR(store_->PutParameterGroup(updated));
  found->second = std::move(updated);
  return Status::Ok();
}

Status RdsEngine::DeleteParameterGroup(std::string_view name, bool cluster) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = groups_.find(GroupKey(name, cluster));
  if (found == groups_.end()) {
    return GroupNotFound(name, cluster);
  }
  if (cluster) {
    for (const auto& [id, record] : clusters_) {
      if (record.parameter_group == name) {
        return RdsError::InvalidParameterGroupState(
            Format("Parameter group {} is in use by DB cluster {}", name, id));
      }
    }
  } else {
    for (const auto& [id, record] : instances_) {
      if (record.parameter_group == name) {
        return RdsError::InvalidParameterGroupState(
            Format("Parameter group {} is in use by DB instance {}", name, id));
      }
    }
  }
  STRATUS_RETURN_IF_ERROR(store_->DeleteParameterGroup(name, cluster));
  groups_.erase(found);
  return Status::Ok();
}

Status RdsEngine::AddTags(std::string_view arn, const Tags& tags) {
  STRATUS_ASSIGN_OR_RETURN(ArnParts parts, ParseRdsArn(arn));
  std::lock_guard<std::mutex> lock(mu_);
  if (parts.kind == "db") {
    auto found = instances_.find(parts.name);
    if (found == instances_.end()) {
      return RdsError::InstanceNotFound(parts.name);
    }
    DbInstance updated = found->second;
    for (const auto& [key, value] : tags) {
      updated.tags[key] = value;
    }
    STRATUS_RETURN_IF_ERROR(store_->PutInstance(updated));
    found->second = std::move(updated);
    return Status::Ok();
  }
  if (parts.kind == "cluster") {
    auto found = clusters_.find(parts.name);
    if (found == clusters_.end()) {
      return RdsError::ClusterNotFound(parts.name);
    }
    DbCluster updated = found->second;
    for (const auto& [key, value] : tags) {
      updated.tags[key] = value;
    }
    STRATUS_RETURN_IF_ERROR(store_->PutCluster(updated));
    found->second = std::move(updated);
    return Status::Ok();
  }
  if (parts.kind == "pg" || parts.kind == "cluster-pg") {
    const bool cluster = parts.kind == "cluster-pg";
    auto found = groups_.find(GroupKey(parts.name, cluster));
    if (found == groups_.end()) {
      return GroupNotFound(parts.name, cluster);
    }
    ParameterGroup updated = found->second;
    for (const auto& [key, value] : tags) {
      updated.tags[key] = value;
    }
    STRATUS_RETURN_IF_ERROR(store_->PutParameterGroup(updated));
    found->second = std::move(updated);
    return Status::Ok();
  }
  return RdsError::InvalidParameterValue(Format("Unsupported resource type in {}", arn));
}

Status RdsEngine::RemoveTags(std::string_view arn, const std::vector<std::string>& keys) {
  STRATUS_ASSIGN_OR_RETURN(ArnParts parts, ParseRdsArn(arn));
  std::lock_guard<std::mutex> lock(mu_);
  if (parts.kind == "db") {
    auto found = instances_.find(parts.name);
    if (found == instances_.end()) {
      return RdsError::InstanceNotFound(parts.name);
    }
    DbInstance updated = found->second;
    for (const std::string& key : keys) {
      updated.tags.erase(key);
    }
    STRATUS_RETURN_IF_ERROR(store_->PutInstance(updated));
    found->second = std::move(updated);
    return Status::Ok();
  }
  if (parts.kind == "cluster") {
    auto found = clusters_.find(parts.name);
    if (found == clusters_.end()) {
      return RdsError::ClusterNotFound(parts.name);
    }
    DbCluster updated = found->second;
    for (const std::string& key : keys) {
      updated.tags.erase(key);
    }
    STRATUS_RETURN_IF_ERROR(store_->PutCluster(updated));
    found->second = std::move(updated);
    return Status::Ok();
  }
  if (parts.kind == "pg" || parts.kind == "cluster-pg") {
    const bool cluster = parts.kind == "cluster-pg";
    auto found = groups_.find(GroupKey(parts.name, cluster));
    if (found == groups_.end()) {
      return GroupNotFound(parts.name, cluster);
    }
    ParameterGroup updated = found->second;
    for (const std::string& key : keys) {
      updated.tags.erase(key);
    }
    STRATUS_RETURN_IF_ERROR(store_->PutParameterGroup(updated));
    found->second = std::move(updated);
    return Status::Ok();
  }
  return RdsError::InvalidParameterValue(Format("Unsupported resource type in {}", arn));
}

Result<Tags> RdsEngine::ListTags(std::string_view arn) const {
  STRATUS_ASSIGN_OR_RETURN(ArnParts parts, ParseRdsArn(arn));
  std::lock_guard<std::mutex> lock(mu_);
  if (parts.kind == "db") {
    auto found = instances_.find(parts.name);
    if (found == instances_.end()) {
      return RdsError::InstanceNotFound(parts.name);
    }
    return found->second.tags;
  }
  if (parts.kind == "cluster") {
    auto found = clusters_.find(parts.name);
    if (found == clusters_.end()) {
      return RdsError::ClusterNotFound(parts.name);
    }
    return found->second.tags;
  }
  if (parts.kind == "pg" || parts.kind == "cluster-pg") {
    const bool cluster = parts.kind == "cluster-pg";
    auto found = groups_.find(GroupKey(parts.name, cluster));
    if (found == groups_.end()) {
      return GroupNotFound(parts.name, cluster);
    }
    return found->second.tags;
  }
  return RdsError::InvalidParameterValue(Format("Unsupported resource type in {}", arn));
}

}  // namespace stratus::rds
