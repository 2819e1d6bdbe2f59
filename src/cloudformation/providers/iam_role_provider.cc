#include <map>
#include <string>
#include <vector>

#include "base/format.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/iam_principals.h"
#include "cloudformation/providers/physical_name.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"
#include "cloudformation/providers/tag_changes.h"

namespace stratus::cloudformation {
namespace {

constexpr std::string_view kType = "AWS::IAM::Role";
constexpr std::string_view kProperties[] = {"AssumeRolePolicyDocument",
                                            "Description",
                                            "ManagedPolicyArns",
                                            "MaxSessionDuration",
                                            "Path",
                                            "PermissionsBoundary",
                                            "Policies",
                                            "RoleName",
                                            "Tags"};

// Returns the Policies property as policy name → document text.
Result<std::map<std::string, std::string>> InlinePolicies(const Json& properties) {
  std::map<std::string, std::string> policies;
  const Json list = properties.value("Policies", Json::array());
  if (!list.is_array()) {
    return Status::InvalidArgument("Property validation failure: Policies must be a list");
  }
  for (const Json& policy : list) {
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(policy, "PolicyName"));
    STRATUS_ASSIGN_OR_RETURN(std::string document, PolicyDocumentText(policy, "PolicyDocument"));
    policies[name] = document;
  }
  return policies;
}

class IamRoleProvider final : public ResourceProvider {
 public:
  explicit IamRoleProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    if (HasProperty(request.properties, "RoleName")) {
      return std::nullopt;
    }
    return PhysicalNameRules{
        .max_length = 64, .lowercase = false, .extra_characters = "-_+=,.@", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(std::string trust,
                             PolicyDocumentText(properties, "AssumeRolePolicyDocument"));
    STRATUS_ASSIGN_OR_RETURN(auto policies, InlinePolicies(properties));
    STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> managed,
                             StringList(properties, "ManagedPolicyArns"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name,
                             OptionalString(properties, "RoleName"));
    if (!name.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    Json input = {{"RoleName", *name}, {"AssumeRolePolicyDocument", trust}};
    for (const char* member : {"Path", "Description", "PermissionsBoundary"}) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                               OptionalString(properties, member));
      if (value.has_value()) {
        input[member] = *value;
      }
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> duration,
                             OptionalInteger(properties, "MaxSessionDuration"));
    if (duration.has_value()) {
      input["MaxSessionDuration"] = *duration;
    }
    if (properties.contains("Tags")) {
      STRATUS_ASSIGN_OR_RETURN(Json tags, TagMap(properties));
      input["Tags"] = TagList(tags);
    }
    STRATUS_ASSIGN_OR_RETURN(Json created,
                             caller_->Call(request.stack, "iam", "CreateRole", input));
    Status attached = AttachAll(request.stack, *name, policies, managed);
    if (!attached.ok()) {
      ResourceRequest cleanup = request;
      cleanup.physical_id = *name;
      (void)Delete(cleanup);
      return attached;
    }
    return Outcome(*name, created["Role"]);
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    return AnyPropertyChanged(request, {"RoleName", "Path"}) ? UpdateKind::kReplacement
                                                             : UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    const std::string& name = request.physical_id;
    if (PropertyChanged(request, "AssumeRolePolicyDocument")) {
      STRATUS_ASSIGN_OR_RETURN(std::string trust,
                               PolicyDocumentText(properties, "AssumeRolePolicyDocument"));
      STRATUS_RETURN_IF_ERROR(
          Call(request, "UpdateAssumeRolePolicy", {{"RoleName", name}, {"PolicyDocument", trust}}));
    }
    if (AnyPropertyChanged(request, {"Description", "MaxSessionDuration"})) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> description,
                               OptionalString(properties, "Description"));
      STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> duration,
                               OptionalInteger(properties, "MaxSessionDuration"));
      STRATUS_RETURN_IF_ERROR(Call(request, "UpdateRole",
                                   {{"RoleName", name},
                                    {"Description", description.value_or("")},
                                    {"MaxSessionDuration", duration.value_or(3600)}}));
    }
    if (PropertyChanged(request, "PermissionsBoundary")) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> boundary,
                               OptionalString(properties, "PermissionsBoundary"));
      STRATUS_RETURN_IF_ERROR(
          boundary.has_value()
              ? Call(request, "PutRolePermissionsBoundary",
                     {{"RoleName", name}, {"PermissionsBoundary", *boundary}})
              : Call(request, "DeleteRolePermissionsBoundary", {{"RoleName", name}}));
    }
    STRATUS_RETURN_IF_ERROR(UpdatePolicies(request));
    STRATUS_ASSIGN_OR_RETURN(TagChanges tags, DiffTags(request));
    if (!tags.added.empty()) {
      STRATUS_RETURN_IF_ERROR(
          Call(request, "TagRole", {{"RoleName", name}, {"Tags", TagList(tags.added)}}));
    }
    if (!tags.removed.empty()) {
      STRATUS_RETURN_IF_ERROR(
          Call(request, "UntagRole", {{"RoleName", name}, {"TagKeys", tags.removed}}));
    }
    STRATUS_ASSIGN_OR_RETURN(Json role,
                             caller_->Call(request.stack, "iam", "GetRole", {{"RoleName", name}}));
    return Outcome(name, role["Role"]);
  }

  Status Delete(const ResourceRequest& request) override {
    const std::string& name = request.physical_id;
    if (name.empty()) {
      return Status::Ok();
    }
    // AWS: a role is deleted with its inline policies and attachments.
    Result<Json> inline_policies =
        caller_->Call(request.stack, "iam", "ListRolePolicies", {{"RoleName", name}});
    if (!inline_policies.ok()) {
      return IsNotFound(inline_policies.status()) ? Status::Ok() : inline_policies.status();
    }
    for (const Json& policy : (*inline_policies).value("PolicyNames", Json::array())) {
      STRATUS_RETURN_IF_ERROR(IgnoreNotFound(
          Call(request, "DeleteRolePolicy", {{"RoleName", name}, {"PolicyName", policy}})));
    }
    STRATUS_ASSIGN_OR_RETURN(
        Json attached,
        caller_->Call(request.stack, "iam", "ListAttachedRolePolicies", {{"RoleName", name}}));
    for (const Json& policy : attached.value("AttachedPolicies", Json::array())) {
      STRATUS_RETURN_IF_ERROR(IgnoreNotFound(Call(
          request, "DetachRolePolicy", {{"RoleName", name}, {"PolicyArn", policy["PolicyArn"]}})));
    }
    return IgnoreNotFound(Call(request, "DeleteRole", {{"RoleName", name}}));
  }

 private:
  static Status IgnoreNotFound(Status status) { return IsNotFound(status) ? Status::Ok() : status; }

  static Json TagList(const Json& tags) {
    Json list = Json::array();
    for (const auto& [key, value] : tags.items()) {
      list.push_back({{"Key", key}, {"Value", value}});
    }
    return list;
  }

  Status Call(const ResourceRequest& request, const char* operation, Json input) const {
    return caller_->Call(request.stack, "iam", operation, std::move(input)).status();
  }

  Status AttachAll(const StackIdentity& stack,
                   const std::string& name,
                   const std::map<std::string, std::string>& policies,
                   const std::vector<std::string>& managed) const {
    for (const auto& [policy, document] : policies) {
      STRATUS_RETURN_IF_ERROR(
          PutInlinePolicy(*caller_, stack, IamPrincipals{.roles = {name}}, policy, document));
    }
    for (const std::string& arn : managed) {
      STRATUS_RETURN_IF_ERROR(
          AttachManagedPolicy(*caller_, stack, IamPrincipals{.roles = {name}}, arn, true));
    }
    return Status::Ok();
  }

  // Puts new and changed inline policies, deletes removed ones; attaches and
  // detaches managed policies by difference.
  Status UpdatePolicies(const ResourceRequest& request) const {
    const IamPrincipals role{.roles = {request.physical_id}};
    STRATUS_ASSIGN_OR_RETURN(auto before, InlinePolicies(request.previous_properties));
    STRATUS_ASSIGN_OR_RETURN(auto after, InlinePolicies(request.properties));
    for (const auto& [policy, document] : after) {
      auto it = before.find(policy);
      if (it == before.end() || it->second != document) {
        STRATUS_RETURN_IF_ERROR(PutInlinePolicy(*caller_, request.stack, role, policy, document));
      }
    }
    for (const auto& [policy, document] : before) {
      if (!after.contains(policy)) {
        STRATUS_RETURN_IF_ERROR(DeleteInlinePolicy(*caller_, request.stack, role, policy));
      }
    }
    STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> managed_before,
                             StringList(request.previous_properties, "ManagedPolicyArns"));
    STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> managed_after,
                             StringList(request.properties, "ManagedPolicyArns"));
    const IamPrincipals attach = PrincipalsMissingFrom(IamPrincipals{.roles = managed_after},
                                                       IamPrincipals{.roles = managed_before});
    const IamPrincipals detach = PrincipalsMissingFrom(IamPrincipals{.roles = managed_before},
                                                       IamPrincipals{.roles = managed_after});
    for (const std::string& arn : attach.roles) {
      STRATUS_RETURN_IF_ERROR(AttachManagedPolicy(*caller_, request.stack, role, arn, true));
    }
    for (const std::string& arn : detach.roles) {
      STRATUS_RETURN_IF_ERROR(AttachManagedPolicy(*caller_, request.stack, role, arn, false));
    }
    return Status::Ok();
  }

  static ResourceOutcome Outcome(const std::string& name, const Json& role) {
    return ResourceOutcome{
        .physical_id = name,
        .ref = {},
        .attributes = {{"Arn", role.value("Arn", "")}, {"RoleId", role.value("RoleId", "")}},
    };
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeIamRoleProvider(SharedCaller caller) {
  return std::make_shared<IamRoleProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
