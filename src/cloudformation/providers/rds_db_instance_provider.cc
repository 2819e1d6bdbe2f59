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

constexpr std::string_view kType = "AWS::RDS::DBInstance";

// Properties passed to CreateDBInstance (CloudFormation's VPCSecurityGroups
// is the API's VpcSecurityGroupIds).
constexpr ApiMember kCreateMembers[] = {
    {"AllocatedStorage", Kind::kInteger},
    {"AutoMinorVersionUpgrade", Kind::kBoolean},
    {"AvailabilityZone", Kind::kString},
    {"BackupRetentionPeriod", Kind::kInteger},
    {"CACertificateIdentifier", Kind::kString},
    {"CharacterSetName", Kind::kString},
    {"CopyTagsToSnapshot", Kind::kBoolean},
    {"DBClusterIdentifier", Kind::kString},
    {"DBInstanceClass", Kind::kString},
    {"DBName", Kind::kString},
    {"DBParameterGroupName", Kind::kString},
    {"DBSubnetGroupName", Kind::kString},
    {"DeletionProtection", Kind::kBoolean},
    {"EnableCloudwatchLogsExports", Kind::kList},
    {"EnableIAMDatabaseAuthentication", Kind::kBoolean},
    {"EnablePerformanceInsights", Kind::kBoolean},
    {"Engine", Kind::kString},
    {"EngineVersion", Kind::kString},
    {"Iops", Kind::kInteger},
    {"KmsKeyId", Kind::kString},
    {"LicenseModel", Kind::kString},
    {"ManageMasterUserPassword", Kind::kBoolean},
    {"MasterUsername", Kind::kString},
    {"MasterUserPassword", Kind::kString},
    {"MaxAllocatedStorage", Kind::kInteger},
    {"MonitoringInterval", Kind::kInteger},
    {"MultiAZ", Kind::kBoolean},
    {"NetworkType", Kind::kString},
    {"Port", Kind::kInteger},
    {"PreferredBackupWindow", Kind::kString},
    {"PreferredMaintenanceWindow", Kind::kString},
    {"PromotionTier", Kind::kInteger},
    {"PubliclyAccessible", Kind::kBoolean},
    {"StorageEncrypted", Kind::kBoolean},
    {"StorageType", Kind::kString},
    {"Timezone", Kind::kString},
    {"VPCSecurityGroups", Kind::kList, "VpcSecurityGroupIds"},
};

// Properties ModifyDBInstance changes in place.
constexpr ApiMember kModifyMembers[] = {
    {"AllocatedStorage", Kind::kInteger},
    {"AutoMinorVersionUpgrade", Kind::kBoolean},
    {"BackupRetentionPeriod", Kind::kInteger},
    {"CACertificateIdentifier", Kind::kString},
    {"CopyTagsToSnapshot", Kind::kBoolean},
    {"DBInstanceClass", Kind::kString},
    {"DBParameterGroupName", Kind::kString},
    {"DeletionProtection", Kind::kBoolean},
    {"EnableIAMDatabaseAuthentication", Kind::kBoolean},
    {"EnablePerformanceInsights", Kind::kBoolean},
    {"EngineVersion", Kind::kString},
    {"Iops", Kind::kInteger},
    {"MasterUserPassword", Kind::kString},
    {"MaxAllocatedStorage", Kind::kInteger},
    {"MonitoringInterval", Kind::kInteger},
    {"MultiAZ", Kind::kBoolean},
    {"PreferredBackupWindow", Kind::kString},
    {"PreferredMaintenanceWindow", Kind::kString},
    {"PromotionTier", Kind::kInteger},
    {"PubliclyAccessible", Kind::kBoolean},
    {"StorageType", Kind::kString},
    {"VPCSecurityGroups", Kind::kList, "VpcSecurityGroupIds"},
};

// AWS: "Update requires: Replacement" for these.
constexpr std::string_view kReplacing[] = {"AvailabilityZone",
                                           "CharacterSetName",
                                           "DBClusterIdentifier",
                                           "DBSnapshotIdentifier",
                                           "DBInstanceIdentifier",
                                           "DBName",
                                           "DBSubnetGroupName",
                                           "Engine",
                                           "KmsKeyId",
                                           "MasterUsername",
                                           "StorageEncrypted",
                                           "Timezone",
                                           "Port"};

std::vector<std::string_view> SupportedProperties() {
  std::vector<std::string_view> names = {"DBInstanceIdentifier", "DBSnapshotIdentifier", "Tags"};
  for (const ApiMember& member : kCreateMembers) {
    names.push_back(member.property);
  }
  return names;
}

// Properties passed to RestoreDBInstanceFromDBSnapshot when the instance
// comes from a snapshot (AWS: the engine, master user and storage come
// from the snapshot then; the password properties are ignored).
constexpr ApiMember kRestoreMembers[] = {
    {"AllocatedStorage", Kind::kInteger},
    {"BackupRetentionPeriod", Kind::kInteger},
    {"DBInstanceClass", Kind::kString},
    {"DBParameterGroupName", Kind::kString},
    {"DBSnapshotIdentifier", Kind::kString},
    {"MultiAZ", Kind::kBoolean},
    {"Port", Kind::kInteger},
    {"PubliclyAccessible", Kind::kBoolean},
};

// The name of the snapshot DeletionPolicy: Snapshot takes: the instance's
// identifier (shortened) and the stack's id, so that a stack deleted twice
// with the same instance name does not collide.
std::string FinalSnapshotName(const StackIdentity& stack, const std::string& identifier) {
  constexpr size_t kIdentifierChars = 40;
  constexpr size_t kSuffixChars = 12;
  std::string name = identifier.substr(0, kIdentifierChars);
  while (!name.empty() && name.back() == '-') {
    name.pop_back();
  }
  std::string suffix;
  for (auto it = stack.stack_id.rbegin();
       it != stack.stack_id.rend() && suffix.size() < kSuffixChars; ++it) {
    if (std::isalnum(static_cast<unsigned char>(*it)) != 0) {
      suffix.insert(suffix.begin(),
                    static_cast<char>(std::tolower(static_cast<unsigned char>(*it))));
    }
  }
  return name + "-final-" + (suffix.empty() ? std::string("snapshot") : suffix);
}

std::string Lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

class RdsDbInstanceProvider final : public ResourceProvider {
 public:
  explicit RdsDbInstanceProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    if (HasProperty(request.properties, "DBInstanceIdentifier")) {
      return std::nullopt;
    }
    return PhysicalNameRules{
        .max_length = 63, .lowercase = true, .extra_characters = "-", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, SupportedProperties()));
    const bool restore = HasProperty(properties, "DBSnapshotIdentifier");
    Json input = Json::object();
    STRATUS_RETURN_IF_ERROR(CopyApiMembers(properties,
                                           restore ? std::span<const ApiMember>(kRestoreMembers)
                                                   : std::span<const ApiMember>(kCreateMembers),
                                           &input));
    if (input.contains("DBClusterIdentifier")) {
      input["DBClusterIdentifier"] = Lowercase(input["DBClusterIdentifier"].get<std::string>());
    }
    STRATUS_ASSIGN_OR_RETURN(Json tags, RdsTags(properties));
    if (!tags.empty()) {
      input["Tags"] = tags;
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name,
                             OptionalString(properties, "DBInstanceIdentifier"));
    if (!name.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    // AWS: RDS stores identifiers in lowercase ("MyMySQLDB" is "mymysqldb").
    const std::string identifier = Lowercase(*name);
    input["DBInstanceIdentifier"] = identifier;
    STRATUS_RETURN_IF_ERROR(
        Call(request, restore ? "RestoreDBInstanceFromDBSnapshot" : "CreateDBInstance", input));
    Result<ResourceOutcome> outcome = Outcome(request.stack, identifier);
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
      const bool replacing = std::find(std::begin(kReplacing), std::end(kReplacing),
                                       member.property) != std::end(kReplacing);
      if (!modifiable && !replacing && PropertyChanged(request, member.property)) {
        return Status::InvalidArgument(Format(
            "Updating {} of an AWS::RDS::DBInstance is not supported by stratus", member.property));
      }
    }
    if (!changed.empty()) {
      changed["DBInstanceIdentifier"] = request.physical_id;
      changed["ApplyImmediately"] = true;
      STRATUS_RETURN_IF_ERROR(Call(request, "ModifyDBInstance", changed));
    }
    STRATUS_ASSIGN_OR_RETURN(ResourceOutcome outcome, Outcome(request.stack, request.physical_id));
    STRATUS_RETURN_IF_ERROR(
        UpdateRdsTags(*caller_, request, outcome.attributes["DBInstanceArn"].get<std::string>()));
    return outcome;
  }

  Status Delete(const ResourceRequest& request) override {
    const std::string& identifier = request.physical_id;
    if (identifier.empty()) {
      return Status::Ok();
    }
    Json input = {{"DBInstanceIdentifier", identifier}};
    // AWS: DeletionPolicy: Snapshot takes a final DB snapshot before the
    // instance goes. Pinned by
    // test/wire/test_rds_snapshots.py::test_cloudformation_snapshot_policy_and_restore.
    if (request.deletion_policy == "Snapshot") {
      input["FinalDBSnapshotIdentifier"] = FinalSnapshotName(request.stack, identifier);
    } else {
      input["SkipFinalSnapshot"] = true;
    }
    Status status = Call(request, "DeleteDBInstance", std::move(input));
    if (!status.ok()) {
      return IsNotFound(status) ? Status::Ok() : status;
    }
    return caller_
        ->WaitFor(
            request.stack, "rds", "DescribeDBInstances", {{"DBInstanceIdentifier", identifier}},
            [](const Json&) -> Result<ServiceCaller::Poll> {
              return ServiceCaller::Poll::kPending;
            },
            ServiceCaller::WaitOptions{.interval = std::chrono::milliseconds(500),
                                       .timeout = std::chrono::minutes(15),
                                       .what = Format("DB instance {} to be deleted", identifier),
                                       .until_gone = true})
        .status();
  }

 private:
  Status Call(const ResourceRequest& request, const char* operation, Json input) const {
    return caller_->Call(request.stack, "rds", operation, std::move(input)).status();
  }

  // Waits for the instance to be "available" and returns its attributes.
  Result<ResourceOutcome> Outcome(const StackIdentity& stack, const std::string& identifier) const {
    std::string last_status;
    auto check = [&last_status](const Json& output) -> Result<ServiceCaller::Poll> {
      const Json instances = output.value("DBInstances", Json::array());
      if (instances.empty()) {
        return Status::NotFound("DescribeDBInstances returned no instance");
      }
      last_status = instances[0].value("DBInstanceStatus", "");
      if (last_status == "failed" || last_status == "incompatible-parameters" ||
          last_status == "storage-full") {
        return Status::Internal(Format("The DB instance is {}", last_status));
      }
      return last_status == "available" ? ServiceCaller::Poll::kDone
                                        : ServiceCaller::Poll::kPending;
    };
    Result<Json> output = caller_->WaitFor(
        stack, "rds", "DescribeDBInstances", {{"DBInstanceIdentifier", identifier}}, check,
        ServiceCaller::WaitOptions{.interval = std::chrono::milliseconds(500),
                                   .timeout = std::chrono::minutes(30),
                                   .what = Format("DB instance {} to be available", identifier),
                                   .until_gone = false});
    if (!output.ok()) {
      return output.status().code() == StatusCode::kTimeout
                 ? Status::Timeout(Format("{} (last status: {})", output.status().message(),
                                          last_status.empty() ? "none" : last_status))
                 : output.status();
    }
    const Json instance = (*output)["DBInstances"][0];
    const Json endpoint = instance.value("Endpoint", Json::object());
    const std::string port = endpoint.contains("Port") ? DumpJson(endpoint["Port"]) : "";
    return ResourceOutcome{
        .physical_id = identifier,
        .ref = {},
        .attributes = {{"Endpoint.Address", endpoint.value("Address", "")},
                       {"Endpoint.Port", port},
                       {"Endpoint.HostedZoneId", endpoint.value("HostedZoneId", "")},
                       {"DbiResourceId", instance.value("DbiResourceId", "")},
                       {"DBInstanceArn", instance.value("DBInstanceArn", "")}},
    };
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeRdsDbInstanceProvider(SharedCaller caller) {
  return std::make_shared<RdsDbInstanceProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
