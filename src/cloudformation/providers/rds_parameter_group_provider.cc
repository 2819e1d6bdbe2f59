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
#include "cloudformation/providers/tag_changes.h"

namespace stratus::cloudformation {
namespace {

// What differs between DB parameter groups and DB cluster parameter groups.
struct GroupKind {
  std::string_view type;           // "AWS::RDS::DBParameterGroup"
  std::string_view name_property;  // "DBParameterGroupName" (also the API member)
  std::string_view noun;           // "DBParameterGroup" / "DBClusterParameterGroup"
  std::string_view arn_kind;       // "pg" / "cluster-pg"
};

constexpr GroupKind kInstanceGroups = {"AWS::RDS::DBParameterGroup", "DBParameterGroupName",
                                       "DBParameterGroup", "pg"};
constexpr GroupKind kClusterGroups = {"AWS::RDS::DBClusterParameterGroup",
                                      "DBClusterParameterGroupName", "DBClusterParameterGroup",
                                      "cluster-pg"};

// AWS: parameters are applied with "pending-reboot", which RDS accepts for
// static and dynamic parameters alike.
Json ParameterList(const Json& parameters, bool with_values) {
  Json list = Json::array();
  const Json values = StringifyScalars(parameters);
  for (const auto& [name, value] : values.items()) {
    Json parameter = {{"ParameterName", name}, {"ApplyMethod", "pending-reboot"}};
    if (with_values) {
      parameter["ParameterValue"] = value;
    }
    list.push_back(std::move(parameter));
  }
  return list;
}

class RdsParameterGroupProvider final : public ResourceProvider {
 public:
  RdsParameterGroupProvider(SharedCaller caller, const GroupKind& kind)
      : caller_(std::move(caller)), kind_(kind) {}

  std::vector<std::string> types() const override { return {std::string(kind_.type)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    if (HasProperty(request.properties, kind_.name_property)) {
      return std::nullopt;
    }
    return PhysicalNameRules{
        .max_length = 255, .lowercase = true, .extra_characters = "-", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    const std::string_view supported[] = {"Description", "Family", "Parameters", "Tags",
                                          kind_.name_property};
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kind_.type, supported));
    STRATUS_ASSIGN_OR_RETURN(std::string family, RequiredString(properties, "Family"));
    STRATUS_ASSIGN_OR_RETURN(std::string description, RequiredString(properties, "Description"));
    STRATUS_ASSIGN_OR_RETURN(Json parameters, Parameters(properties));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name,
                             OptionalString(properties, kind_.name_property));
    if (!name.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    // AWS: RDS stores parameter group names in lowercase.
    std::transform(name->begin(), name->end(), name->begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    Json input = {{std::string(kind_.name_property), *name},
                  {"DBParameterGroupFamily", family},
                  {"Description", description}};
    STRATUS_ASSIGN_OR_RETURN(Json tags, RdsTags(properties));
    if (!tags.empty()) {
      input["Tags"] = tags;
    }
    STRATUS_RETURN_IF_ERROR(Call(request, Format("Create{}", kind_.noun), input));
    if (!parameters.empty()) {
      Status modified = Modify(request, *name, ParameterList(parameters, true), "Modify");
      if (!modified.ok()) {
        (void)Call(request, Format("Delete{}", kind_.noun),
                   {{std::string(kind_.name_property), *name}});
        return modified;
      }
    }
    return Outcome(request.stack, *name);
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    return AnyPropertyChanged(request, {"Description", "Family", kind_.name_property})
               ? UpdateKind::kReplacement
               : UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    const std::string& name = request.physical_id;
    STRATUS_ASSIGN_OR_RETURN(Json before, Parameters(request.previous_properties));
    STRATUS_ASSIGN_OR_RETURN(Json after, Parameters(request.properties));
    before = StringifyScalars(before);
    after = StringifyScalars(after);
    Json changed = Json::object();
    Json removed = Json::object();
    for (const auto& [key, value] : after.items()) {
      if (!before.contains(key) || before[key] != value) {
        changed[key] = value;
      }
    }
    for (const auto& [key, value] : before.items()) {
      if (!after.contains(key)) {
        removed[key] = value;
      }
    }
    if (!changed.empty()) {
      STRATUS_RETURN_IF_ERROR(Modify(request, name, ParameterList(changed, true), "Modify"));
    }
    if (!removed.empty()) {
      STRATUS_RETURN_IF_ERROR(Modify(request, name, ParameterList(removed, false), "Reset"));
    }
    if (PropertyChanged(request, "Tags")) {
      return Status::InvalidArgument(
          Format("Updating Tags of {} is not supported by stratus: replace the group instead",
                 kind_.type));
    }
    return Outcome(request.stack, name);
  }

  Status Delete(const ResourceRequest& request) override {
    if (request.physical_id.empty()) {
      return Status::Ok();
    }
    Status status = Call(request, Format("Delete{}", kind_.noun),
                         {{std::string(kind_.name_property), request.physical_id}});
    return IsNotFound(status) ? Status::Ok() : status;
  }

 private:
  static Result<Json> Parameters(const Json& properties) {
    const Json parameters = properties.value("Parameters", Json::object());
    if (!parameters.is_object()) {
      return Status::InvalidArgument(
          "Property validation failure: value of property Parameters must be an object");
    }
    return parameters;
  }

  // Calls Modify<Noun> or Reset<Noun> with at most 20 parameters a call (the API's limit).
  Status Modify(const ResourceRequest& request,
                const std::string& name,
                const Json& parameters,
                std::string_view verb) const {
    constexpr size_t kPerCall = 20;
    for (size_t at = 0; at < parameters.size(); at += kPerCall) {
      Json batch = Json::array();
      for (size_t i = at; i < std::min(parameters.size(), at + kPerCall); ++i) {
        batch.push_back(parameters[i]);
      }
      STRATUS_RETURN_IF_ERROR(
          Call(request, Format("{}{}", verb, kind_.noun),
               {{std::string(kind_.name_property), name}, {"Parameters", batch}}));
    }
    return Status::Ok();
  }

  Status Call(const ResourceRequest& request, const std::string& operation, Json input) const {
    return caller_->Call(request.stack, "rds", operation, std::move(input)).status();
  }

  ResourceOutcome Outcome(const StackIdentity& stack, const std::string& name) const {
    return ResourceOutcome{
        .physical_id = name,
        .ref = {},
        .attributes = {{std::string(kind_.name_property), name},
                       {"Arn", Format("arn:aws:rds:{}:{}:{}:{}", stack.region, stack.account_id,
                                      kind_.arn_kind, name)}},
    };
  }

  SharedCaller caller_;
  const GroupKind& kind_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeRdsParameterGroupProvider(SharedCaller caller) {
  return std::make_shared<RdsParameterGroupProvider>(std::move(caller), kInstanceGroups);
}

std::shared_ptr<ResourceProvider> MakeRdsClusterParameterGroupProvider(SharedCaller caller) {
  return std::make_shared<RdsParameterGroupProvider>(std::move(caller), kClusterGroups);
}

}  // namespace stratus::cloudformation
