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

constexpr std::string_view kType = "AWS::IAM::ManagedPolicy";
constexpr std::string_view kProperties[] = {
    "Description", "Groups", "ManagedPolicyName", "Path", "PolicyDocument", "Roles", "Users"};

// AWS: a managed policy keeps at most five versions.
constexpr size_t kMaxVersions = 5;

class IamManagedPolicyProvider final : public ResourceProvider {
 public:
  explicit IamManagedPolicyProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    if (HasProperty(request.properties, "ManagedPolicyName")) {
      return std::nullopt;
    }
    return PhysicalNameRules{
        .max_length = 128, .lowercase = false, .extra_characters = "-_+=,.@", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(std::string document,
                             PolicyDocumentText(properties, "PolicyDocument"));
    STRATUS_ASSIGN_OR_RETURN(IamPrincipals principals, ReadIamPrincipals(properties));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name,
                             OptionalString(properties, "ManagedPolicyName"));
    if (!name.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    Json input = {{"PolicyName", *name}, {"PolicyDocument", document}};
    for (const char* member : {"Path", "Description"}) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                               OptionalString(properties, member));
      if (value.has_value()) {
        input[member] = *value;
      }
    }
    STRATUS_ASSIGN_OR_RETURN(Json created,
                             caller_->Call(request.stack, "iam", "CreatePolicy", input));
    const std::string arn = created["Policy"].value("Arn", "");
    Status attached = AttachManagedPolicy(*caller_, request.stack, principals, arn, true);
    if (!attached.ok()) {
      ResourceRequest cleanup = request;
      cleanup.physical_id = arn;
      (void)Delete(cleanup);
      return attached;
    }
    return Outcome(arn);
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    return AnyPropertyChanged(request, {"ManagedPolicyName", "Path", "Description"})
               ? UpdateKind::kReplacement
               : UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    STRATUS_RETURN_IF_ERROR(CheckSupported(request.properties, kType, kProperties));
    const std::string& arn = request.physical_id;
    if (PropertyChanged(request, "PolicyDocument")) {
      STRATUS_ASSIGN_OR_RETURN(std::string document,
                               PolicyDocumentText(request.properties, "PolicyDocument"));
      STRATUS_RETURN_IF_ERROR(DropOldestVersionIfFull(request.stack, arn));
      STRATUS_RETURN_IF_ERROR(
          caller_
              ->Call(request.stack, "iam", "CreatePolicyVersion",
                     {{"PolicyArn", arn}, {"PolicyDocument", document}, {"SetAsDefault", true}})
              .status());
    }
    STRATUS_ASSIGN_OR_RETURN(IamPrincipals before, ReadIamPrincipals(request.previous_properties));
    STRATUS_ASSIGN_OR_RETURN(IamPrincipals after, ReadIamPrincipals(request.properties));
    STRATUS_RETURN_IF_ERROR(AttachManagedPolicy(*caller_, request.stack,
                                                PrincipalsMissingFrom(after, before), arn, true));
    STRATUS_RETURN_IF_ERROR(AttachManagedPolicy(*caller_, request.stack,
                                                PrincipalsMissingFrom(before, after), arn, false));
    return Outcome(arn);
  }

  Status Delete(const ResourceRequest& request) override {
    const std::string& arn = request.physical_id;
    if (arn.empty()) {
      return Status::Ok();
    }
    Result<IamPrincipals> principals = ReadIamPrincipals(request.properties);
    if (principals.ok()) {
      STRATUS_RETURN_IF_ERROR(
          AttachManagedPolicy(*caller_, request.stack, *principals, arn, false));
    }
    Result<Json> versions =
        caller_->Call(request.stack, "iam", "ListPolicyVersions", {{"PolicyArn", arn}});
    if (!versions.ok()) {
      return IsNotFound(versions.status()) ? Status::Ok() : versions.status();
    }
    for (const Json& version : versions->value("Versions", Json::array())) {
      if (!version.value("IsDefaultVersion", false)) {
        STRATUS_RETURN_IF_ERROR(
            caller_
                ->Call(request.stack, "iam", "DeletePolicyVersion",
                       {{"PolicyArn", arn}, {"VersionId", version["VersionId"]}})
                .status());
      }
    }
    Status status =
        caller_->Call(request.stack, "iam", "DeletePolicy", {{"PolicyArn", arn}}).status();
    return IsNotFound(status) ? Status::Ok() : status;
  }

  // The policy's ARN comes from its path and name.
  Status DeleteGenerated(const ResourceRequest& request) override {
    if (request.generated_name.empty()) {
      return Status::Ok();
    }
    Result<std::optional<std::string>> path = OptionalString(request.properties, "Path");
    const std::string arn =
        Format("arn:aws:iam::{}:policy{}{}", request.stack.account_id,
               path.ok() ? path->value_or("/") : std::string("/"), request.generated_name);
    Result<Json> found = caller_->Call(request.stack, "iam", "GetPolicy", {{"PolicyArn", arn}});
    if (!found.ok()) {
      return IsNotFound(found.status()) ? Status::Ok() : found.status();
    }
    ResourceRequest named = request;
    named.physical_id = arn;
    return Delete(named);
  }

 private:
  // Deletes the oldest non-default version when the policy has five, so that
  // CreatePolicyVersion has room.
  Status DropOldestVersionIfFull(const StackIdentity& stack, const std::string& arn) const {
    STRATUS_ASSIGN_OR_RETURN(
        Json versions, caller_->Call(stack, "iam", "ListPolicyVersions", {{"PolicyArn", arn}}));
    const Json list = versions.value("Versions", Json::array());
    if (list.size() < kMaxVersions) {
      return Status::Ok();
    }
    const Json* oldest = nullptr;
    for (const Json& version : list) {
      if (!version.value("IsDefaultVersion", false) &&
          (oldest == nullptr ||
           version.value("CreateDate", Json(0)) < (*oldest).value("CreateDate", Json(0)))) {
        oldest = &version;
      }
    }
    if (oldest == nullptr) {
      return Status::Ok();
    }
    return caller_
        ->Call(stack, "iam", "DeletePolicyVersion",
               {{"PolicyArn", arn}, {"VersionId", (*oldest)["VersionId"]}})
        .status();
  }

  static ResourceOutcome Outcome(const std::string& arn) {
    return ResourceOutcome{.physical_id = arn, .ref = {}, .attributes = {{"PolicyArn", arn}}};
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeIamManagedPolicyProvider(SharedCaller caller) {
  return std::make_shared<IamManagedPolicyProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
