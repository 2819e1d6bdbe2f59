#include <string>
#include <vector>

#include "base/format.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/physical_name.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"
#include "cloudformation/providers/statement_id_rules.h"

namespace stratus::cloudformation {
namespace {

constexpr std::string_view kType = "AWS::Lambda::Permission";
constexpr std::string_view kProperties[] = {
    "Action",    "EventSourceToken", "FunctionName",  "FunctionUrlAuthType",
    "Principal", "PrincipalOrgID",   "SourceAccount", "SourceArn"};

// One statement of a function's resource-based policy. AWS: every property
// requires replacement; the Ref is the generated statement id.
class LambdaPermissionProvider final : public ResourceProvider {
 public:
  explicit LambdaPermissionProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& /*request*/) const override {
    return kStatementIdRules;
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    Json input = Json::object();
    for (std::string_view property : kProperties) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                               OptionalString(properties, property));
      if (value.has_value()) {
        input[std::string(property)] = *value;
      }
    }
    for (const char* required : {"Action", "FunctionName", "Principal"}) {
      if (!input.contains(required)) {
        return Status::InvalidArgument(
            Format("Property validation failure: required key [{}] not found", required));
      }
    }
    STRATUS_ASSIGN_OR_RETURN(const std::string statement_id, RequireGeneratedName(request));
    input["StatementId"] = statement_id;
    STRATUS_RETURN_IF_ERROR(
        caller_->Call(request.stack, "lambda", "AddPermission", input).status());
    return ResourceOutcome{.physical_id = statement_id, .ref = {}, .attributes = {}};
  }

  UpdateKind KindOfUpdate(const ResourceRequest& /*request*/) const override {
    return UpdateKind::kReplacement;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    return ResourceOutcome{.physical_id = request.physical_id, .ref = {}, .attributes = {}};
  }

  Status Delete(const ResourceRequest& request) override {
    Result<std::optional<std::string>> function =
        OptionalString(request.properties, "FunctionName");
    if (request.physical_id.empty() || !function.ok() || !function->has_value()) {
      return Status::Ok();
    }
    Status status = caller_
                        ->Call(request.stack, "lambda", "RemovePermission",
                               {{"FunctionName", **function}, {"StatementId", request.physical_id}})
                        .status();
    return IsNotFound(status) ? Status::Ok() : status;
  }

 private:
  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeLambdaPermissionProvider(SharedCaller caller) {
  return std::make_shared<LambdaPermissionProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
