#include <string>
#include <vector>

#include "base/format.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/layer_version_arn.h"
#include "cloudformation/providers/physical_name.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"
#include "cloudformation/providers/statement_id_rules.h"

namespace stratus::cloudformation {
namespace {

constexpr std::string_view kType = "AWS::Lambda::LayerVersionPermission";
constexpr std::string_view kProperties[] = {"Action", "LayerVersionArn", "OrganizationId",
                                            "Principal"};

// One statement of a layer version's policy. AWS: every property requires
// replacement; the Ref is "LAYER_VERSION_ARN#STATEMENT_ID" with a generated
// statement id.
class LambdaLayerVersionPermissionProvider final : public ResourceProvider {
 public:
  explicit LambdaLayerVersionPermissionProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& /*request*/) const override {
    return kStatementIdRules;
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(std::string arn, RequiredString(properties, "LayerVersionArn"));
    STRATUS_ASSIGN_OR_RETURN(Json input, LayerVersionMembers(arn));
    for (const char* required : {"Action", "Principal"}) {
      STRATUS_ASSIGN_OR_RETURN(input[required], RequiredString(properties, required));
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> organization,
                             OptionalString(properties, "OrganizationId"));
    if (organization.has_value()) {
      input["OrganizationId"] = *organization;
    }
    STRATUS_ASSIGN_OR_RETURN(const std::string statement_id, RequireGeneratedName(request));
    input["StatementId"] = statement_id;
    STRATUS_RETURN_IF_ERROR(
        caller_->Call(request.stack, "lambda", "AddLayerVersionPermission", input).status());
    return ResourceOutcome{
        .physical_id = Format("{}#{}", arn, statement_id), .ref = {}, .attributes = {}};
  }

  Status DeleteGenerated(const ResourceRequest& request) override {
    Result<std::string> arn = RequiredString(request.properties, "LayerVersionArn");
    if (request.generated_name.empty() || !arn.ok()) {
      return Status::Ok();
    }
    return Remove(request.stack, Format("{}#{}", *arn, request.generated_name));
  }

  UpdateKind KindOfUpdate(const ResourceRequest& /*request*/) const override {
    return UpdateKind::kReplacement;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    return ResourceOutcome{.physical_id = request.physical_id, .ref = {}, .attributes = {}};
  }

  Status Delete(const ResourceRequest& request) override {
    return Remove(request.stack, request.physical_id);
  }

 private:
  Status Remove(const StackIdentity& stack, const std::string& physical_id) {
    const size_t hash = physical_id.find('#');
    if (hash == std::string::npos) {
      return Status::Ok();
    }
    Result<Json> input = LayerVersionMembers(std::string_view(physical_id).substr(0, hash));
    if (!input.ok()) {
      return Status::Ok();
    }
    (*input)["StatementId"] = physical_id.substr(hash + 1);
    Status status = caller_->Call(stack, "lambda", "RemoveLayerVersionPermission", *input).status();
    return IsNotFound(status) ? Status::Ok() : status;
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeLambdaLayerVersionPermissionProvider(SharedCaller caller) {
  return std::make_shared<LambdaLayerVersionPermissionProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
