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

constexpr std::string_view kType = "AWS::IAM::Policy";
constexpr std::string_view kProperties[] = {"Groups", "PolicyDocument", "PolicyName", "Roles",
                                            "Users"};

// An inline policy put on roles, users and groups. AWS: its Ref is a
// generated id ("mysta-MyPol-1ABCDEFGHIJK"), not the policy's name.
class IamPolicyProvider final : public ResourceProvider {
 public:
  explicit IamPolicyProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& /*request*/) const override {
    return PhysicalNameRules{
        .max_length = 64, .lowercase = false, .extra_characters = "-", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    STRATUS_ASSIGN_OR_RETURN(Parsed policy, Parse(request.properties));
    Status put =
        PutInlinePolicy(*caller_, request.stack, policy.principals, policy.name, policy.document);
    if (!put.ok()) {
      (void)DeleteInlinePolicy(*caller_, request.stack, policy.principals, policy.name);
      return put;
    }
    STRATUS_ASSIGN_OR_RETURN(const std::string id, RequireGeneratedName(request));
    return ResourceOutcome{.physical_id = id, .ref = {}, .attributes = {{"Id", id}}};
  }

  UpdateKind KindOfUpdate(const ResourceRequest& /*request*/) const override {
    return UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    STRATUS_ASSIGN_OR_RETURN(Parsed after, Parse(request.properties));
    STRATUS_ASSIGN_OR_RETURN(Parsed before, Parse(request.previous_properties));
    STRATUS_RETURN_IF_ERROR(
        PutInlinePolicy(*caller_, request.stack, after.principals, after.name, after.document));
    // The old policy leaves the principals it no longer applies to, and all
    // of them when it was renamed.
    const IamPrincipals leaving = before.name == after.name
                                      ? PrincipalsMissingFrom(before.principals, after.principals)
                                      : before.principals;
    STRATUS_RETURN_IF_ERROR(DeleteInlinePolicy(*caller_, request.stack, leaving, before.name));
    return ResourceOutcome{
        .physical_id = request.physical_id, .ref = {}, .attributes = {{"Id", request.physical_id}}};
  }

  Status Delete(const ResourceRequest& request) override {
    Result<Parsed> policy = Parse(request.properties);
    if (!policy.ok()) {
      return Status::Ok();  // Never created: its properties were invalid.
    }
    return DeleteInlinePolicy(*caller_, request.stack, policy->principals, policy->name);
  }

 private:
  struct Parsed {
    std::string name;
    std::string document;
    IamPrincipals principals;
  };

  static Result<Parsed> Parse(const Json& properties) {
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    Parsed parsed;
    STRATUS_ASSIGN_OR_RETURN(parsed.name, RequiredString(properties, "PolicyName"));
    STRATUS_ASSIGN_OR_RETURN(parsed.document, PolicyDocumentText(properties, "PolicyDocument"));
    STRATUS_ASSIGN_OR_RETURN(parsed.principals, ReadIamPrincipals(properties));
    if (parsed.principals.empty()) {
      return Status::InvalidArgument(
          "At least one of [Groups,Roles,Users] must be non-empty for AWS::IAM::Policy");
    }
    return parsed;
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeIamPolicyProvider(SharedCaller caller) {
  return std::make_shared<IamPolicyProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
