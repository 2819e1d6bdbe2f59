#include <string>
#include <vector>

#include "base/format.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/layer_version_arn.h"
#include "cloudformation/providers/physical_name.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"

namespace stratus::cloudformation {
namespace {

constexpr std::string_view kType = "AWS::Lambda::LayerVersion";
constexpr std::string_view kProperties[] = {"CompatibleArchitectures",
                                            "CompatibleRuntimes",
                                            "Content",
                                            "Description",
                                            "LayerName",
                                            "LicenseInfo"};

// Returns the Content property as the API's LayerVersionContentInput.
Result<Json> LayerContent(const Json& properties) {
  if (!properties.contains("Content") || !properties["Content"].is_object()) {
    return Status::InvalidArgument("Property validation failure: required key [Content] not found");
  }
  Json out = Json::object();
  for (const char* member : {"S3Bucket", "S3Key", "S3ObjectVersion"}) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                             OptionalString(properties["Content"], member));
    if (value.has_value()) {
      out[member] = *value;
    }
  }
  if (!out.contains("S3Bucket") || !out.contains("S3Key")) {
    return Status::InvalidArgument("Content of AWS::Lambda::LayerVersion needs S3Bucket and S3Key");
  }
  return out;
}

// A published layer version. AWS: every property change replaces it (a new
// version is published, the old one deleted after the update); Ref is the
// layer version's ARN. The name is generated (STACK-LOGICALID-RANDOM) when
// the template gives no LayerName.
class LambdaLayerVersionProvider final : public ResourceProvider {
 public:
  explicit LambdaLayerVersionProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    if (HasProperty(request.properties, "LayerName")) {
      return std::nullopt;
    }
    return PhysicalNameRules{
        .max_length = 140, .lowercase = false, .extra_characters = "-_", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name,
                             OptionalString(properties, "LayerName"));
    if (!name.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    STRATUS_ASSIGN_OR_RETURN(Json content, LayerContent(properties));
    Json input{{"LayerName", *name}, {"Content", std::move(content)}};
    for (const char* member : {"Description", "LicenseInfo"}) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                               OptionalString(properties, member));
      if (value.has_value()) {
        input[member] = *value;
      }
    }
    for (const char* member : {"CompatibleRuntimes", "CompatibleArchitectures"}) {
      STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> values, StringList(properties, member));
      if (!values.empty()) {
        input[member] = values;
      }
    }
    STRATUS_ASSIGN_OR_RETURN(Json published,
                             caller_->Call(request.stack, "lambda", "PublishLayerVersion", input));
    const std::string arn = published.value("LayerVersionArn", "");
    return ResourceOutcome{.physical_id = arn, .ref = {}, .attributes = {{"LayerVersionArn", arn}}};
  }

  // Deletes every version published under the generated name.
  Status DeleteGenerated(const ResourceRequest& request) override {
    if (request.generated_name.empty()) {
      return Status::Ok();
    }
    STRATUS_ASSIGN_OR_RETURN(Json listed,
                             caller_->Call(request.stack, "lambda", "ListLayerVersions",
                                           {{"LayerName", request.generated_name}}));
    for (const Json& version : listed.value("LayerVersions", Json::array())) {
      STRATUS_RETURN_IF_ERROR(caller_
                                  ->Call(request.stack, "lambda", "DeleteLayerVersion",
                                         {{"LayerName", request.generated_name},
                                          {"VersionNumber", version.value("Version", 0)}})
                                  .status());
    }
    return Status::Ok();
  }

  UpdateKind KindOfUpdate(const ResourceRequest& /*request*/) const override {
    return UpdateKind::kReplacement;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    return Status::Internal(Format("{} is replaced, never updated in place", request.type));
  }

  Status Delete(const ResourceRequest& request) override {
    Result<Json> input = LayerVersionMembers(request.physical_id);
    if (!input.ok()) {
      return Status::Ok();
    }
    return caller_->Call(request.stack, "lambda", "DeleteLayerVersion", *input).status();
  }

 private:
  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeLambdaLayerVersionProvider(SharedCaller caller) {
  return std::make_shared<LambdaLayerVersionProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
