#include <string>
#include <vector>

#include "base/format.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/iam_principals.h"
#include "cloudformation/providers/physical_name.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"

namespace stratus::cloudformation {
namespace {

constexpr std::string_view kType = "AWS::IAM::InstanceProfile";
constexpr std::string_view kProperties[] = {"InstanceProfileName", "Path", "Roles"};

class IamInstanceProfileProvider final : public ResourceProvider {
 public:
  explicit IamInstanceProfileProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    if (HasProperty(request.properties, "InstanceProfileName")) {
      return std::nullopt;
    }
    return PhysicalNameRules{
        .max_length = 128, .lowercase = false, .extra_characters = "-_+=,.@", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(IamPrincipals roles, ReadIamPrincipals(properties));
    // AWS: an instance profile holds at most one role.
    if (roles.roles.size() > 1) {
      return Status::InvalidArgument("Roles of AWS::IAM::InstanceProfile takes at most one role");
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name,
                             OptionalString(properties, "InstanceProfileName"));
    if (!name.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    Json input = {{"InstanceProfileName", *name}};
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> path, OptionalString(properties, "Path"));
    if (path.has_value()) {
      input["Path"] = *path;
    }
    STRATUS_ASSIGN_OR_RETURN(Json created,
                             caller_->Call(request.stack, "iam", "CreateInstanceProfile", input));
    for (const std::string& role : roles.roles) {
      Status added = AddRole(request.stack, *name, role, true);
      if (!added.ok()) {
        (void)caller_->Call(request.stack, "iam", "DeleteInstanceProfile",
                            {{"InstanceProfileName", *name}});
        return added;
      }
    }
    return Outcome(*name, created["InstanceProfile"].value("Arn", ""));
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    return AnyPropertyChanged(request, {"InstanceProfileName", "Path"})
               ? UpdateKind::kReplacement
               : UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    STRATUS_RETURN_IF_ERROR(CheckSupported(request.properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(IamPrincipals before, ReadIamPrincipals(request.previous_properties));
    STRATUS_ASSIGN_OR_RETURN(IamPrincipals after, ReadIamPrincipals(request.properties));
    for (const std::string& role : PrincipalsMissingFrom(before, after).roles) {
      STRATUS_RETURN_IF_ERROR(AddRole(request.stack, request.physical_id, role, false));
    }
    for (const std::string& role : PrincipalsMissingFrom(after, before).roles) {
      STRATUS_RETURN_IF_ERROR(AddRole(request.stack, request.physical_id, role, true));
    }
    STRATUS_ASSIGN_OR_RETURN(Json profile,
                             caller_->Call(request.stack, "iam", "GetInstanceProfile",
                                           {{"InstanceProfileName", request.physical_id}}));
    return Outcome(request.physical_id, profile["InstanceProfile"].value("Arn", ""));
  }

  Status Delete(const ResourceRequest& request) override {
    if (request.physical_id.empty()) {
      return Status::Ok();
    }
    Result<Json> profile = caller_->Call(request.stack, "iam", "GetInstanceProfile",
                                         {{"InstanceProfileName", request.physical_id}});
    if (!profile.ok()) {
      return IsNotFound(profile.status()) ? Status::Ok() : profile.status();
    }
    for (const Json& role : (*profile)["InstanceProfile"].value("Roles", Json::array())) {
      STRATUS_RETURN_IF_ERROR(
          AddRole(request.stack, request.physical_id, role.value("RoleName", ""), false));
    }
    Status status = caller_
                        ->Call(request.stack, "iam", "DeleteInstanceProfile",
                               {{"InstanceProfileName", request.physical_id}})
                        .status();
    return IsNotFound(status) ? Status::Ok() : status;
  }

 private:
  Status AddRole(const StackIdentity& stack,
                 const std::string& profile,
                 const std::string& role,
                 bool add) const {
    Status status =
        caller_
            ->Call(stack, "iam", add ? "AddRoleToInstanceProfile" : "RemoveRoleFromInstanceProfile",
                   {{"InstanceProfileName", profile}, {"RoleName", role}})
            .status();
    return !add && IsNotFound(status) ? Status::Ok() : status;
  }

  static ResourceOutcome Outcome(const std::string& name, const std::string& arn) {
    return ResourceOutcome{.physical_id = name, .ref = {}, .attributes = {{"Arn", arn}}};
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeIamInstanceProfileProvider(SharedCaller caller) {
  return std::make_shared<IamInstanceProfileProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
