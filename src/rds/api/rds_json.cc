#include "rds/api/rds_json.h"

#include "rds/rds_engine.h"

namespace stratus::rds::api {
namespace {

constexpr std::string_view kEndpointAddress = "localhost";
constexpr std::string_view kHostedZoneId = "Z2R2ITUGPM61AM";
constexpr double kMillisPerSecond = 1000.0;

double Seconds(int64_t millis) {
  return static_cast<double>(millis) / kMillisPerSecond;
}

bool IsAurora(std::string_view engine) {
  return engine.starts_with("aurora");
}

}  // namespace

std::string DefaultEngineVersion(std::string_view engine) {
  if (engine == "mariadb") {
    return "10.11.6";
  }
  if (engine == "aurora-mysql") {
    return "8.0.mysql_aurora.3.05.2";
  }
  if (engine == "aurora") {
    return "5.6.mysql_aurora.1.22.2";
  }
  return "8.0.35";
}

std::string ParameterGroupFamily(std::string_view engine, std::string_view version) {
  const size_t first_dot = version.find('.');
  const size_t second_dot =
      first_dot == std::string_view::npos ? first_dot : version.find('.', first_dot + 1);
  const std::string major(version.substr(0, second_dot));
  if (engine == "aurora-mysql") {
    return major == "5.7" ? "aurora-mysql5.7" : "aurora-mysql8.0";
  }
  if (engine == "aurora") {
    return "aurora5.6";
  }
  return std::string(engine) + major;
}

Json TagListJson(const Tags& tags) {
  Json list = Json::array();
  for (const auto& [key, value] : tags) {
    list.push_back(Json{{"Key", key}, {"Value", value}});
  }
  return list;
}

Json InstanceJson(const RdsEngine& engine, const DbInstance& instance) {
  const std::string zone = engine.region() + "a";
  Json json = {
      {"DBInstanceIdentifier", instance.id},
      {"DBInstanceClass", instance.instance_class},
      {"Engine", instance.engine},
      {"DBInstanceStatus", instance.status},
      {"MasterUsername", instance.master_username},
      {"AllocatedStorage", instance.allocated_storage},
      {"InstanceCreateTime", Seconds(instance.created_millis)},
      {"PreferredBackupWindow", "03:00-03:30"},
      {"BackupRetentionPeriod", instance.backup_retention_days},
      {"DBSecurityGroups", Json::array()},
      {"VpcSecurityGroups", Json::array()},
      {"AvailabilityZone", zone},
      {"PreferredMaintenanceWindow", "sun:05:00-sun:05:30"},
      {"PendingModifiedValues", Json::object()},
      {"MultiAZ", instance.multi_az},
      {"EngineVersion", instance.engine_version},
      {"AutoMinorVersionUpgrade", true},
      {"ReadReplicaDBInstanceIdentifiers", Json::array()},
      {"LicenseModel", "general-public-license"},
      {"OptionGroupMemberships",
       Json::array(
           {Json{{"OptionGroupName", "default:" + instance.engine}, {"Status", "in-sync"}}})},
      {"PubliclyAccessible", instance.publicly_accessible},
      {"StorageType", IsAurora(instance.engine) ? "aurora" : "gp2"},
      {"DbInstancePort", 0},
      {"StorageEncrypted", false},
      {"DbiResourceId", instance.resource_id},
      {"CACertificateIdentifier", "rds-ca-rsa2048-g1"},
      {"CopyTagsToSnapshot", false},
      {"MonitoringInterval", 0},
      {"PromotionTier", 1},
      {"DBInstanceArn", engine.InstanceArn(instance.id)},
      {"IAMDatabaseAuthenticationEnabled", false},
      {"PerformanceInsightsEnabled", false},
      {"DeletionProtection", false},
      {"AssociatedRoles", Json::array()},
      {"TagList", TagListJson(instance.tags)},
      {"CustomerOwnedIpEnabled", false},
      {"BackupTarget", "region"},
      {"NetworkType", "IPV4"},
  };
  if (!instance.database_name.empty()) {
    json["DBName"] = instance.database_name;
  }
  if (!instance.cluster_id.empty()) {
    json["DBClusterIdentifier"] = instance.cluster_id;
  }
  const std::string group =
      instance.parameter_group.empty()
          ? "default." + ParameterGroupFamily(instance.engine, instance.engine_version)
          : instance.parameter_group;
  json["DBParameterGroups"] =
      Json::array({Json{{"DBParameterGroupName", group}, {"ParameterApplyStatus", "in-sync"}}});
  if (instance.endpoint_port > 0 && instance.status != "creating") {
    json["Endpoint"] = Json{{"Address", kEndpointAddress},
                            {"Port", instance.endpoint_port},
                            {"HostedZoneId", kHostedZoneId}};
  }
  return json;
}

Json SnapshotJson(const RdsEngine& engine, const DbSnapshot& snapshot) {
  const bool done = snapshot.status != "creating";
  Json json = {
      {"DBSnapshotIdentifier", snapshot.id},
      {"DBInstanceIdentifier", snapshot.instance_id},
      {"SnapshotCreateTime", Seconds(snapshot.created_millis)},
      {"OriginalSnapshotCreateTime", Seconds(snapshot.created_millis)},
      {"Engine", snapshot.engine},
      {"AllocatedStorage", snapshot.allocated_storage},
      {"Status", snapshot.status},
      {"Port", snapshot.port},
      {"AvailabilityZone", engine.region() + "a"},
      {"InstanceCreateTime", Seconds(snapshot.instance_created_millis)},
      {"MasterUsername", snapshot.master_username},
      {"EngineVersion", snapshot.engine_version},
      {"LicenseModel", "general-public-license"},
      {"SnapshotType", snapshot.type},
      {"OptionGroupName", "default:" + snapshot.engine},
      {"PercentProgress", done ? 100 : 0},
      {"StorageType", "gp2"},
      {"Encrypted", false},
      {"DBSnapshotArn", engine.SnapshotArn(snapshot.id)},
      {"IAMDatabaseAuthenticationEnabled", false},
      {"ProcessorFeatures", Json::array()},
      {"DbiResourceId", snapshot.instance_resource_id},
      {"TagList", TagListJson(snapshot.tags)},
      {"SnapshotTarget", "region"},
  };
  if (!snapshot.source_snapshot.empty()) {
    json["SourceDBSnapshotIdentifier"] = engine.SnapshotArn(snapshot.source_snapshot);
    json["SourceRegion"] = engine.region();
  }
  return json;
}

Json ClusterJson(const RdsEngine& engine, const DbCluster& cluster) {
  Json member_list = Json::array();
  bool writer = true;
  for (const std::string& member : engine.ClusterMembers(cluster.id)) {
    member_list.push_back(Json{{"DBInstanceIdentifier", member},
                               {"IsClusterWriter", writer},
                               {"DBClusterParameterGroupStatus", "in-sync"},
                               {"PromotionTier", 1}});
    writer = false;
  }
  Json roles = Json::array();
  for (const ClusterRole& role : cluster.roles) {
    Json entry = {{"RoleArn", role.role_arn}, {"Status", "ACTIVE"}};
    if (!role.feature_name.empty()) {
      entry["FeatureName"] = role.feature_name;
    }
    roles.push_back(std::move(entry));
  }
  const std::string& region = engine.region();
  Json json = {
      {"DBClusterIdentifier", cluster.id},
      {"AllocatedStorage", 1},
      {"AvailabilityZones", Json::array({region + "a", region + "b", region + "c"})},
      {"BackupRetentionPeriod", 1},
      {"DBClusterParameterGroup",
       cluster.parameter_group.empty()
           ? "default." + ParameterGroupFamily(cluster.engine, cluster.engine_version)
           : cluster.parameter_group},
      {"Status", cluster.status},
      {"Endpoint", kEndpointAddress},
      {"ReaderEndpoint", kEndpointAddress},
      {"MultiAZ", false},
      {"Engine", cluster.engine},
      {"EngineVersion", cluster.engine_version},
      {"Port", cluster.endpoint_port > 0 ? cluster.endpoint_port : cluster.requested_port},
      {"MasterUsername", cluster.master_username},
      {"PreferredBackupWindow", "03:00-03:30"},
      {"PreferredMaintenanceWindow", "sun:05:00-sun:05:30"},
      {"ReadReplicaIdentifiers", Json::array()},
      {"DBClusterMembers", std::move(member_list)},
      {"VpcSecurityGroups", Json::array()},
      {"HostedZoneId", kHostedZoneId},
      {"StorageEncrypted", false},
      {"DbClusterResourceId", cluster.resource_id},
      {"DBClusterArn", engine.ClusterArn(cluster.id)},
      {"AssociatedRoles", std::move(roles)},
      {"IAMDatabaseAuthenticationEnabled", false},
      {"ClusterCreateTime", Seconds(cluster.created_millis)},
      {"EngineMode", "provisioned"},
      {"DeletionProtection", false},
      {"HttpEndpointEnabled", false},
      {"CopyTagsToSnapshot", false},
      {"CrossAccountClone", false},
      {"TagList", TagListJson(cluster.tags)},
  };
  if (!cluster.database_name.empty()) {
    json["DatabaseName"] = cluster.database_name;
  }
  return json;
}

Json ParameterGroupJson(const RdsEngine& engine, const ParameterGroup& group) {
  if (group.cluster) {
    return Json{{"DBClusterParameterGroupName", group.name},
                {"DBParameterGroupFamily", group.family},
                {"Description", group.description},
                {"DBClusterParameterGroupArn", engine.ParameterGroupArn(group.name, true)}};
  }
  return Json{{"DBParameterGroupName", group.name},
              {"DBParameterGroupFamily", group.family},
              {"Description", group.description},
              {"DBParameterGroupArn", engine.ParameterGroupArn(group.name, false)}};
}

Json ParametersJson(const ParameterGroup& group) {
  Json list = Json::array();
  for (const auto& [name, parameter] : group.parameters) {
    list.push_back(Json{{"ParameterName", name},
                        {"ParameterValue", parameter.value},
                        {"Source", "user"},
                        {"ApplyType", "dynamic"},
                        {"DataType", "string"},
                        {"IsModifiable", true},
                        {"ApplyMethod", parameter.apply_method}});
  }
  return list;
}

Json EventJson(const RdsEngine& engine, const RdsEvent& event) {
  const std::string arn = event.source_type == "db-cluster" ? engine.ClusterArn(event.source_id)
                                                            : engine.InstanceArn(event.source_id);
  return Json{{"SourceIdentifier", event.source_id},
              {"SourceType", event.source_type},
              {"Message", event.message},
              {"EventCategories", Json::array({event.category})},
              {"Date", Seconds(event.time_millis)},
              {"SourceArn", arn}};
}

}  // namespace stratus::rds::api
