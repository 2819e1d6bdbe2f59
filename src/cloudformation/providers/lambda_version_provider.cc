#include <string>
#include <vector>

#include "base/format.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"

namespace stratus::cloudformation {
namespace {

constexpr std::string_view kType = "AWS::Lambda::Version";
constexpr std::string_view kProperties[] = {"CodeSha256", "Description", "FunctionName",
                                            "ProvisionedConcurrencyConfig", "RuntimePolicy"};

// A published version of a function. AWS: every property change replaces the
// version (a new one is published, the old one deleted after the update);
// Ref is the version's ARN, GetAtt Version its number and FunctionArn the
// function's ARN. Deleting the resource deletes the version (unless its
// DeletionPolicy is Retain, which the stack engine honours).
class LambdaVersionProvider final : public ResourceProvider {
 public:
  explicit LambdaVersionProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(std::string function, RequiredString(properties, "FunctionName"));
    Json input{{"FunctionName", function}};
    for (const char* member : {"CodeSha256", "Description"}) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                               OptionalString(properties, member));
      if (value.has_value()) {
        input[member] = *value;
      }
    }
    STRATUS_ASSIGN_OR_RETURN(Json published,
                             caller_->Call(request.stack, "lambda", "PublishVersion", input));
    const std::string arn = published.value("FunctionArn", "");
    const std::string version = published.value("Version", "");
    const std::string function_arn = arn.substr(0, arn.rfind(':'));
    return ResourceOutcome{.physical_id = arn,
                           .ref = {},
                           .attributes = {{"Version", version}, {"FunctionArn", function_arn}}};
  }

  // Nothing to delete: a version has no generated name, and an interrupted
  // PublishVersion either published nothing or a version of unchanged code.
  Status DeleteGenerated(const ResourceRequest& /*request*/) override { return Status::Ok(); }

  UpdateKind KindOfUpdate(const ResourceRequest& /*request*/) const override {
    return UpdateKind::kReplacement;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    return Status::Internal(Format("{} is replaced, never updated in place", request.type));
  }

  Status Delete(const ResourceRequest& request) override {
    if (request.physical_id.empty()) {
      return Status::Ok();
    }
    Status status = caller_
                        ->Call(request.stack, "lambda", "DeleteFunction",
                               {{"FunctionName", request.physical_id}})
                        .status();
    return IsNotFound(status) ? Status::Ok() : status;
  }

 private:
  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeLambdaVersionProvider(SharedCaller caller) {
  return std::make_shared<LambdaVersionProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
