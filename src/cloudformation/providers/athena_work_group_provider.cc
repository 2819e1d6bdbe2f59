#include <string>
#include <vector>

#include "base/format.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"

namespace stratus::cloudformation {
namespace {

constexpr std::string_view kType = "AWS::Athena::WorkGroup";
constexpr std::string_view kProperties[] = {"Description", "Name", "RecursiveDeleteOption",
                                            "State",       "Tags", "WorkGroupConfiguration"};

// Returns WorkGroupConfiguration as UpdateWorkGroup's ConfigurationUpdates:
// every setting given, and a Remove flag for the removable ones left out.
Json ConfigurationUpdates(const Json& configuration) {
  Json updates = Json::object();
  for (const char* member :
       {"EnforceWorkGroupConfiguration", "PublishCloudWatchMetricsEnabled", "RequesterPaysEnabled",
        "EngineVersion", "AdditionalConfiguration", "ExecutionRole"}) {
    if (configuration.contains(member)) {
      updates[member] = configuration[member];
    }
  }
  if (configuration.contains("BytesScannedCutoffPerQuery")) {
    updates["BytesScannedCutoffPerQuery"] = configuration["BytesScannedCutoffPerQuery"];
  } else {
    updates["RemoveBytesScannedCutoffPerQuery"] = true;
  }
  const Json result = configuration.value("ResultConfiguration", Json::object());
  Json result_updates = Json::object();
  for (const auto& [member, remove] :
       {std::pair{"OutputLocation", "RemoveOutputLocation"},
        std::pair{"EncryptionConfiguration", "RemoveEncryptionConfiguration"},
        std::pair{"ExpectedBucketOwner", "RemoveExpectedBucketOwner"},
        std::pair{"AclConfiguration", "RemoveAclConfiguration"}}) {
    if (result.contains(member)) {
      result_updates[member] = result[member];
    } else {
      result_updates[remove] = true;
    }
  }
  updates["ResultConfigurationUpdates"] = result_updates;
  return updates;
}

class AthenaWorkGroupProvider final : public ResourceProvider {
 public:
  explicit AthenaWorkGroupProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(properties, "Name"));
    Json input = {{"Name", name}};
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> description,
                             OptionalString(properties, "Description"));
    if (description.has_value()) {
      input["Description"] = *description;
    }
    if (properties.contains("WorkGroupConfiguration")) {
      input["Configuration"] = properties["WorkGroupConfiguration"];
    }
    if (properties.contains("Tags")) {
      input["Tags"] = properties["Tags"];
    }
    STRATUS_RETURN_IF_ERROR(Call(request, "CreateWorkGroup", input));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> state, OptionalString(properties, "State"));
    if (state.has_value() && *state != "ENABLED") {
      Status disabled = Call(request, "UpdateWorkGroup", {{"WorkGroup", name}, {"State", *state}});
      if (!disabled.ok()) {
        (void)Call(request, "DeleteWorkGroup", {{"WorkGroup", name}});
        return disabled;
      }
    }
    return Outcome(request, name);
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    return PropertyChanged(request, "Name") ? UpdateKind::kReplacement
                                            : UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    if (PropertyChanged(request, "Tags")) {
      return Status::InvalidArgument(
          "Updating Tags of an AWS::Athena::WorkGroup is not supported by stratus");
    }
    Json input = {{"WorkGroup", request.physical_id}};
    if (PropertyChanged(request, "Description")) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> description,
                               OptionalString(properties, "Description"));
      input["Description"] = description.value_or("");
    }
    if (PropertyChanged(request, "State")) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> state,
                               OptionalString(properties, "State"));
      input["State"] = state.value_or("ENABLED");
    }
    if (PropertyChanged(request, "WorkGroupConfiguration")) {
      input["ConfigurationUpdates"] =
          ConfigurationUpdates(properties.value("WorkGroupConfiguration", Json::object()));
    }
    if (input.size() > 1) {
      STRATUS_RETURN_IF_ERROR(Call(request, "UpdateWorkGroup", input));
    }
    return Outcome(request, request.physical_id);
  }

  Status Delete(const ResourceRequest& request) override {
    if (request.physical_id.empty()) {
      return Status::Ok();
    }
    Result<std::optional<bool>> recursive =
        OptionalBool(request.properties, "RecursiveDeleteOption");
    Json input = {{"WorkGroup", request.physical_id}};
    if (recursive.ok() && recursive->value_or(false)) {
      input["RecursiveDeleteOption"] = true;
    }
    Status status = Call(request, "DeleteWorkGroup", input);
    if (!status.ok() && status.message().find("is not found") != std::string::npos) {
      return Status::Ok();
    }
    return IsNotFound(status) ? Status::Ok() : status;
  }

 private:
  Status Call(const ResourceRequest& request, const char* operation, Json input) const {
    return caller_->Call(request.stack, "athena", operation, std::move(input)).status();
  }

  Result<ResourceOutcome> Outcome(const ResourceRequest& request, const std::string& name) const {
    STRATUS_ASSIGN_OR_RETURN(Json described, caller_->Call(request.stack, "athena", "GetWorkGroup",
                                                           {{"WorkGroup", name}}));
    const Json& group = described["WorkGroup"];
    std::map<std::string, Json> attributes;
    if (group.contains("CreationTime")) {
      attributes["CreationTime"] = DumpJson(group["CreationTime"]);
    }
    const Json engine =
        group.value("Configuration", Json::object()).value("EngineVersion", Json::object());
    if (engine.contains("EffectiveEngineVersion")) {
      attributes["WorkGroupConfiguration.EngineVersion.EffectiveEngineVersion"] =
          engine["EffectiveEngineVersion"];
    }
    return ResourceOutcome{.physical_id = name, .ref = {}, .attributes = std::move(attributes)};
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeAthenaWorkGroupProvider(SharedCaller caller) {
  return std::make_shared<AthenaWorkGroupProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
