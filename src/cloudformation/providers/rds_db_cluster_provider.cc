#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "base/format.h"
#include "cloudformation/providers/api_members.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/physical_name.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/rds_tags.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"

namespace stratus::cloudformation {
namespace {

using Kind = ApiMember::Kind;

constexpr std::string_view kType = "AWS::RDS::DBCluster";

// Properties passed to CreateDBCluster as they are.
constexpr ApiMember kCreateMembers[] = {
    {"AllocatedStorage", Kind::kInteger},
    {"AvailabilityZones", Kind::kList},
    {"BacktrackWindow", Kind::kInteger},
    {"BackupRetentionPeriod", Kind::kInteger},
    {"CopyTagsToSnapshot", Kind::kBoolean},
    {"DatabaseName", Kind::kString},
    {"DBClusterInstanceClass", Kind::kString},
    {"DBClusterParameterGroupName", Kind::kString},
    {"DBSubnetGroupName", Kind::kString},
    {"DeletionProtection", Kind::kBoolean},
    {"EnableCloudwatchLogsExports", Kind::kList},
    {"EnableHttpEndpoint", Kind::kBoolean},
    {"EnableIAMDatabaseAuthentication", Kind::kBoolean},
    {"Engine", Kind::kString},
    {"EngineMode", Kind::kString},
    {"EngineVersion", Kind::kString},
    {"Iops", Kind::kInteger},
    {"KmsKeyId", Kind::kString},
    {"ManageMasterUserPassword", Kind::kBoolean},
    {"MasterUsername", Kind::kString},
    {"MasterUserPassword", Kind::kString},
    {"NetworkType", Kind::kString},
    {"Port", Kind::kInteger},
    {"PreferredBackupWindow", Kind::kString},
    {"PreferredMaintenanceWindow", Kind::kString},
    {"PubliclyAccessible", Kind::kBoolean},
    {"ServerlessV2ScalingConfiguration", Kind::kObject},
    {"StorageEncrypted", Kind::kBoolean},
    {"StorageType", Kind::kString},
    {"VpcSecurityGroupIds", Kind::kList},
};

// Properties ModifyDBCluster changes in place.
constexpr ApiMember kModifyMembers[] = {
    {"BacktrackWindow", Kind::kInteger},
    {"BackupRetentionPeriod", Kind::kInteger},
    {"CopyTagsToSnapshot", Kind::kBoolean},
    {"DBClusterParameterGroupName", Kind::kString},
    {"DeletionProtection", Kind::kBoolean},
    {"EnableHttpEndpoint", Kind::kBoolean},
    {"EnableIAMDatabaseAuthentication", Kind::kBoolean},
    {"EngineVersion", Kind::kString},
    {"MasterUserPassword", Kind::kString},
    {"Port", Kind::kInteger},
    {"PreferredBackupWindow", Kind::kString},
    {"PreferredMaintenanceWindow", Kind::kString},
    {"ServerlessV2ScalingConfiguration", Kind::kObject},
    {"VpcSecurityGroupIds", Kind::kList},
};

// AWS: "Update requires: Replacement" for these.
constexpr std::string_view kReplacing[] = {
    "AvailabilityZones", "DatabaseName", "DBClusterIdentifier", "DBSubnetGroupName", "Engine",
    "EngineMode",        "KmsKeyId",     "MasterUsername",      "StorageEncrypted"};

std::vector<std::string_view> SupportedProperties() {
  std::vector<std::string_view> names = {"AssociatedRoles", "DBClusterIdentifier", "Tags"};
  for (const ApiMember& member : kCreateMembers) {
    names.push_back(member.property);
  }
  return names;
}

// Returns the AssociatedRoles property as (RoleArn, FeatureName) pairs.
Result<std::vector<std::pair<std::string, std::string>>> AssociatedRoles(const Json& properties) {
  std::vector<std::pair<std::string, std::string>> roles;
  for (const Json& role : properties.value("AssociatedRoles", Json::array())) {
    STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(role, "RoleArn"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> feature,
                             OptionalString(role, "FeatureName"));
    roles.emplace_back(arn, feature.value_or(""));
  }
  return roles;
}

std::string Lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

class RdsDbClusterProvider final : public ResourceProvider {
 public:
  explicit RdsDbClusterProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    if (HasProperty(request.properties, "DBClusterIdentifier")) {
      return std::nullopt;
    }
    return PhysicalNameRules{
        .max_length = 63, .lowercase = true, .extra_characters = "-", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, SupportedProperties()));
    STRATUS_ASSIGN_OR_RETURN(auto roles, AssociatedRoles(properties));
    Json input = Json::object();
    STRATUS_RETURN_IF_ERROR(CopyApiMembers(properties, kCreateMembers, &input));
    STRATUS_ASSIGN_OR_RETURN(Json tags, RdsTags(properties));
    if (!tags.empty()) {
      input["Tags"] = tags;
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name,
                             OptionalString(properties, "DBClusterIdentifier"));
    if (!name.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    // AWS: RDS stores identifiers in lowercase.
    const std::string identifier = Lowercase(*name);
    input["DBClusterIdentifier"] = identifier;
    STRATUS_RETURN_IF_ERROR(Call(request, "CreateDBCluster", input));
    Result<ResourceOutcome> outcome = Finish(request, identifier, roles);
    if (!outcome.ok()) {
      ResourceRequest cleanup = request;
      cleanup.physical_id = identifier;
      (void)Delete(cleanup);
    }
    return outcome;
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    for (std::string_view property : kReplacing) {
      if (PropertyChanged(request, property)) {
        return UpdateKind::kReplacement;
      }
    }
    return UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, SupportedProperties()));
    const std::string& identifier = request.physical_id;
    Json changed = Json::object();
    for (const ApiMember& member : kModifyMembers) {
      if (PropertyChanged(request, member.property)) {
        STRATUS_RETURN_IF_ERROR(CopyApiMembers(properties, std::span(&member, 1), &changed));
      }
    }
    for (const ApiMember& member : kCreateMembers) {
      const bool modifiable =
          std::any_of(std::begin(kModifyMembers), std::end(kModifyMembers),
                      [&](const ApiMember& m) { return m.property == member.property; });
      if (!modifiable && PropertyChanged(request, member.property) &&
          std::find(std::begin(kReplacing), std::end(kReplacing), member.property) ==
              std::end(kReplacing)) {
        return Status::InvalidArgument(Format(
            "Updating {} of an AWS::RDS::DBCluster is not supported by stratus", member.property));
      }
    }
    if (!changed.empty()) {
      changed["DBClusterIdentifier"] = identifier;
      changed["ApplyImmediately"] = true;
      STRATUS_RETURN_IF_ERROR(Call(request, "ModifyDBCluster", changed));
    }
    STRATUS_ASSIGN_OR_RETURN(auto before, AssociatedRoles(request.previous_properties));
    STRATUS_ASSIGN_OR_RETURN(auto after, AssociatedRoles(properties));
    for (const auto& role : before) {
      if (std::find(after.begin(), after.end(), role) == after.end()) {
        Status status = Call(request, "RemoveRoleFromDBCluster", RoleInput(identifier, role));
        if (!status.ok() && !IsNotFound(status)) {
          return status;
        }
      }
    }
    std::vector<std::pair<std::string, std::string>> added;
    for (const auto& role : after) {
      if (std::find(before.begin(), before.end(), role) == before.end()) {
        added.push_back(role);
      }
    }
    STRATUS_ASSIGN_OR_RETURN(ResourceOutcome outcome, Finish(request, identifier, added));
    STRATUS_RETURN_IF_ERROR(
        UpdateRdsTags(*caller_, request, outcome.attributes["DBClusterArn"].get<std::string>()));
    return outcome;
  }

  Status Delete(const ResourceRequest& request) override {
    const std::string& identifier = request.physical_id;
    if (identifier.empty()) {
      return Status::Ok();
    }
    Status status = Call(request, "DeleteDBCluster",
                         {{"DBClusterIdentifier", identifier}, {"SkipFinalSnapshot", true}});
    if (!status.ok()) {
      return IsNotFound(status) ? Status::Ok() : status;
    }
    return caller_
        ->WaitFor(
            request.stack, "rds", "DescribeDBClusters", {{"DBClusterIdentifier", identifier}},
            [](const Json&) -> Result<ServiceCaller::Poll> {
              return ServiceCaller::Poll::kPending;
            },
            ServiceCaller::WaitOptions{.interval = std::chrono::milliseconds(500),
                                       .timeout = std::chrono::minutes(15),
                                       .what = Format("DB cluster {} to be deleted", identifier),
                                       .until_gone = true})
        .status();
  }

 private:
  static Json RoleInput(const std::string& identifier,
                        const std::pair<std::string, std::string>& role) {
    Json input = {{"DBClusterIdentifier", identifier}, {"RoleArn", role.first}};
    if (!role.second.empty()) {
      input["FeatureName"] = role.second;
    }
    return input;
  }

  Status Call(const ResourceRequest& request, const char* operation, Json input) const {
    return caller_->Call(request.stack, "rds", operation, std::move(input)).status();
  }

  // Waits for the cluster to be available, associates `roles`, and returns
  // the outcome with the cluster's endpoints.
  Result<ResourceOutcome> Finish(const ResourceRequest& request,
                                 const std::string& identifier,
                                 const std::vector<std::pair<std::string, std::string>>& roles) {
    STRATUS_RETURN_IF_ERROR(WaitAvailable(request.stack, identifier).status());
    for (const auto& role : roles) {
      STRATUS_RETURN_IF_ERROR(Call(request, "AddRoleToDBCluster", RoleInput(identifier, role)));
    }
    STRATUS_ASSIGN_OR_RETURN(Json cluster, WaitAvailable(request.stack, identifier));
    const std::string port = cluster.contains("Port") ? DumpJson(cluster["Port"]) : "";
    return ResourceOutcome{
        .physical_id = identifier,
        .ref = {},
        .attributes = {{"Endpoint.Address", cluster.value("Endpoint", "")},
                       {"Endpoint.Port", port},
                       {"ReadEndpoint.Address", cluster.value("ReaderEndpoint", "")},
                       {"DBClusterArn", cluster.value("DBClusterArn", "")},
                       {"DBClusterResourceId", cluster.value("DbClusterResourceId", "")}},
    };
  }

  // Polls DescribeDBClusters until the cluster is "available" and returns it.
  Result<Json> WaitAvailable(const StackIdentity& stack, const std::string& identifier) const {
    std::string last_status;
    auto check = [&last_status](const Json& output) -> Result<ServiceCaller::Poll> {
      const Json clusters = output.value("DBClusters", Json::array());
      if (clusters.empty()) {
        return Status::NotFound("DescribeDBClusters returned no cluster");
      }
      last_status = clusters[0].value("Status", "");
      if (last_status == "failed" || last_status == "inaccessible-encryption-credentials") {
        return Status::Internal(Format("The DB cluster is {}", last_status));
      }
      return last_status == "available" ? ServiceCaller::Poll::kDone
                                        : ServiceCaller::Poll::kPending;
    };
    Result<Json> output = caller_->WaitFor(
        stack, "rds", "DescribeDBClusters", {{"DBClusterIdentifier", identifier}}, check,
        ServiceCaller::WaitOptions{.interval = std::chrono::milliseconds(500),
                                   .timeout = std::chrono::minutes(30),
                                   .what = Format("DB cluster {} to be available", identifier),
                                   .until_gone = false});
    if (!output.ok()) {
      return output.status().code() == StatusCode::kTimeout
                 ? Status::Timeout(Format("{} (last status: {})", output.status().message(),
                                          last_status.empty() ? "none" : last_status))
                 : output.status();
    }
    return (*output)["DBClusters"][0];
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeRdsDbClusterProvider(SharedCaller caller) {
  return std::make_shared<RdsDbClusterProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
