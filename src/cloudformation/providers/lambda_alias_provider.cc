#include <cstdlib>
#include <string>
#include <vector>

#include "base/format.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"

namespace stratus::cloudformation {
namespace {

constexpr std::string_view kType = "AWS::Lambda::Alias";
constexpr std::string_view kProperties[] = {
    "Description",  "FunctionName", "FunctionVersion", "Name", "ProvisionedConcurrencyConfig",
    "RoutingConfig"};

// RoutingConfig {AdditionalVersionWeights: [{FunctionVersion, FunctionWeight}]}
// as Lambda's {AdditionalVersionWeights: {VERSION: WEIGHT}}.
Result<Json> RoutingInput(const Json& properties) {
  Json weights = Json::object();
  STRATUS_ASSIGN_OR_RETURN(std::optional<Json> routing,
                           OptionalDocument(properties, "RoutingConfig"));
  if (routing.has_value() && routing->contains("AdditionalVersionWeights")) {
    const Json& list = (*routing)["AdditionalVersionWeights"];
    if (!list.is_array()) {
      return Status::InvalidArgument(
          "Property validation failure: RoutingConfig.AdditionalVersionWeights must be a list");
    }
    for (const Json& entry : list) {
      STRATUS_ASSIGN_OR_RETURN(std::string version, RequiredString(entry, "FunctionVersion"));
      if (!entry.contains("FunctionWeight")) {
        return Status::InvalidArgument(
            "Property validation failure: required key [FunctionWeight] not found");
      }
      const Json& weight = entry["FunctionWeight"];
      double share = 0;
      if (weight.is_number()) {
        share = weight.get<double>();
      } else if (weight.is_string()) {
        char* end = nullptr;
        const std::string text = weight.get<std::string>();
        share = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size()) {
          return Status::InvalidArgument(
              Format("Property validation failure: FunctionWeight {} is not a number", text));
        }
      } else {
        return Status::InvalidArgument(
            "Property validation failure: FunctionWeight must be a number");
      }
      weights[version] = share;
    }
  }
  return Json{{"AdditionalVersionWeights", std::move(weights)}};
}

// A name for one version of a function. AWS: FunctionName and Name replace
// the alias; FunctionVersion, Description and RoutingConfig update it in
// place. Ref is the alias ARN (also GetAtt AliasArn).
class LambdaAliasProvider final : public ResourceProvider {
 public:
  explicit LambdaAliasProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    STRATUS_ASSIGN_OR_RETURN(Json input, Input(request));
    STRATUS_ASSIGN_OR_RETURN(Json alias,
                             caller_->Call(request.stack, "lambda", "CreateAlias", input));
    return Outcome(alias);
  }

  // An alias is named by the template (Name is required): recovery leaves it,
  // as for every resource the template names (it may not be this stack's).
  Status DeleteGenerated(const ResourceRequest& /*request*/) override { return Status::Ok(); }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    return AnyPropertyChanged(request, {"FunctionName", "Name"}) ? UpdateKind::kReplacement
                                                                 : UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    STRATUS_ASSIGN_OR_RETURN(Json input, Input(request));
    STRATUS_ASSIGN_OR_RETURN(Json alias,
                             caller_->Call(request.stack, "lambda", "UpdateAlias", input));
    return Outcome(alias);
  }

  Status Delete(const ResourceRequest& request) override {
    Result<std::optional<std::string>> function =
        OptionalString(request.properties, "FunctionName");
    Result<std::optional<std::string>> name = OptionalString(request.properties, "Name");
    if (request.physical_id.empty() || !function.ok() || !function->has_value() || !name.ok() ||
        !name->has_value()) {
      return Status::Ok();
    }
    Status status = caller_
                        ->Call(request.stack, "lambda", "DeleteAlias",
                               {{"FunctionName", **function}, {"Name", **name}})
                        .status();
    return IsNotFound(status) ? Status::Ok() : status;
  }

 private:
  static Result<Json> Input(const ResourceRequest& request) {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    Json input = Json::object();
    for (const char* required : {"FunctionName", "FunctionVersion", "Name"}) {
      STRATUS_ASSIGN_OR_RETURN(input[required], RequiredString(properties, required));
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> description,
                             OptionalString(properties, "Description"));
    input["Description"] = description.value_or("");
    STRATUS_ASSIGN_OR_RETURN(input["RoutingConfig"], RoutingInput(properties));
    return input;
  }

  static ResourceOutcome Outcome(const Json& alias) {
    const std::string arn = alias.value("AliasArn", "");
    return ResourceOutcome{.physical_id = arn, .ref = {}, .attributes = {{"AliasArn", arn}}};
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeLambdaAliasProvider(SharedCaller caller) {
  return std::make_shared<LambdaAliasProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
