#include <string>
#include <vector>

#include "base/digest.h"
#include "base/format.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/inline_zip.h"
#include "cloudformation/providers/physical_name.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"

namespace stratus::cloudformation {
namespace {

constexpr std::string_view kType = "AWS::Lambda::Function";
constexpr std::string_view kProperties[] = {"Architectures",
                                            "Code",
                                            "DeadLetterConfig",
                                            "Description",
                                            "Environment",
                                            "EphemeralStorage",
                                            "FunctionName",
                                            "Handler",
                                            "KmsKeyArn",
                                            "Layers",
                                            "LoggingConfig",
                                            "MemorySize",
                                            "PackageType",
                                            "ReservedConcurrentExecutions",
                                            "Role",
                                            "Runtime",
                                            "Tags",
                                            "Timeout",
                                            "TracingConfig"};

// Properties passed to CreateFunction and UpdateFunctionConfiguration as
// they are (the API member's name when it differs).
struct ConfigMember {
  const char* property;
  const char* member;
};

constexpr ConfigMember kObjectMembers[] = {{"DeadLetterConfig", "DeadLetterConfig"},
                                           {"EphemeralStorage", "EphemeralStorage"},
                                           {"LoggingConfig", "LoggingConfig"},
                                           {"TracingConfig", "TracingConfig"}};
constexpr ConfigMember kStringMembers[] = {{"Description", "Description"},
                                           {"Handler", "Handler"},
                                           {"KmsKeyArn", "KMSKeyArn"},
                                           {"Role", "Role"},
                                           {"Runtime", "Runtime"}};
constexpr ConfigMember kIntegerMembers[] = {{"MemorySize", "MemorySize"}, {"Timeout", "Timeout"}};

// AWS: CloudFormation writes an inline ZipFile to index.js (Node.js) or
// index.py (Python); other runtimes cannot take inline code.
Result<std::string> InlineFileName(const Json& properties) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> runtime,
                           OptionalString(properties, "Runtime"));
  const std::string value = runtime.value_or("");
  if (value.starts_with("nodejs")) {
    return std::string("index.js");
  }
  if (value.starts_with("python")) {
    return std::string("index.py");
  }
  return Status::InvalidArgument(Format(
      "Code.ZipFile of AWS::Lambda::Function needs a nodejs or python Runtime, not '{}'", value));
}

// Returns the Code property as the API's FunctionCode (ZipFile base64).
Result<Json> FunctionCode(const Json& properties) {
  if (!properties.contains("Code") || !properties["Code"].is_object()) {
    return Status::InvalidArgument("Property validation failure: required key [Code] not found");
  }
  const Json& code = properties["Code"];
  Json out = Json::object();
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> inline_code, OptionalString(code, "ZipFile"));
  if (inline_code.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(std::string file, InlineFileName(properties));
    out["ZipFile"] = Base64Encode(ZipSingleFile(file, *inline_code));
    return out;
  }
  if (code.contains("ImageUri")) {
    return Status::InvalidArgument(
        "Code.ImageUri of AWS::Lambda::Function is not supported by stratus: use ZipFile or "
        "S3Bucket/S3Key");
  }
  for (const char* member : {"S3Bucket", "S3Key", "S3ObjectVersion"}) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(code, member));
    if (value.has_value()) {
      out[member] = *value;
    }
  }
  if (!out.contains("S3Bucket") || !out.contains("S3Key")) {
    return Status::InvalidArgument(
        "Code of AWS::Lambda::Function needs ZipFile, or S3Bucket and S3Key");
  }
  return out;
}

// Returns the function's configuration members of `properties`; with
// `for_update`, only those that changed, removed ones reset.
Result<Json> Configuration(const ResourceRequest& request, bool for_update) {
  const Json& properties = request.properties;
  Json out = Json::object();
  for (const ConfigMember& config : kStringMembers) {
    if (for_update && !PropertyChanged(request, config.property)) {
      continue;
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                             OptionalString(properties, config.property));
    if (value.has_value() || for_update) {
      out[config.member] = value.value_or("");
    }
  }
  for (const ConfigMember& config : kIntegerMembers) {
    if (for_update && !PropertyChanged(request, config.property)) {
      continue;
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> value,
                             OptionalInteger(properties, config.property));
    if (value.has_value()) {
      out[config.member] = *value;
    } else if (for_update) {
      // AWS: the defaults are 3 seconds and 128 MB.
      out[config.member] = std::string_view(config.property) == "Timeout" ? 3 : 128;
    }
  }
  for (const ConfigMember& config : kObjectMembers) {
    if ((for_update && !PropertyChanged(request, config.property)) ||
        !properties.contains(config.property)) {
      continue;
    }
    out[config.member] = properties[config.property];
  }
  if (!for_update || PropertyChanged(request, "Layers")) {
    // AWS: Layers lists layer version ARNs, in the order they are overlaid.
    STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> layers, StringList(properties, "Layers"));
    if (for_update || !layers.empty()) {
      out["Layers"] = layers;
    }
  }
  if (!for_update || PropertyChanged(request, "Environment")) {
    const Json variables =
        properties.value("Environment", Json::object()).value("Variables", Json::object());
    if (!variables.is_object()) {
      return Status::InvalidArgument("Environment.Variables must be an object");
    }
    if (for_update || !variables.empty()) {
      out["Environment"] = {{"Variables", StringifyScalars(variables)}};
    }
  }
  return out;
}

class LambdaFunctionProvider final : public ResourceProvider {
 public:
  explicit LambdaFunctionProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    if (HasProperty(request.properties, "FunctionName")) {
      return std::nullopt;
    }
    return PhysicalNameRules{
        .max_length = 64, .lowercase = false, .extra_characters = "-_", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> package,
                             OptionalString(properties, "PackageType"));
    if (package.value_or("Zip") != "Zip") {
      return Status::InvalidArgument(
          "PackageType Image of AWS::Lambda::Function is not supported by stratus");
    }
    STRATUS_ASSIGN_OR_RETURN(Json input, Configuration(request, /*for_update=*/false));
    STRATUS_ASSIGN_OR_RETURN(input["Code"], FunctionCode(properties));
    STRATUS_ASSIGN_OR_RETURN(Json tags, TagMap(properties));
    if (!tags.empty()) {
      input["Tags"] = tags;
    }
    if (properties.contains("Architectures")) {
      input["Architectures"] = properties["Architectures"];
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name,
                             OptionalString(properties, "FunctionName"));
    if (!name.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    input["FunctionName"] = *name;
    STRATUS_RETURN_IF_ERROR(
        caller_->Call(request.stack, "lambda", "CreateFunction", input).status());
    Result<ResourceOutcome> outcome = [&]() -> Result<ResourceOutcome> {
      if (HasProperty(properties, "ReservedConcurrentExecutions")) {
        STRATUS_RETURN_IF_ERROR(ApplyReservedConcurrency(request, *name));
      }
      return WaitUntilActive(request.stack, *name);
    }();
    if (!outcome.ok()) {
      (void)caller_->Call(request.stack, "lambda", "DeleteFunction", {{"FunctionName", *name}});
    }
    return outcome;
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    return AnyPropertyChanged(request, {"FunctionName", "PackageType"})
               ? UpdateKind::kReplacement
               : UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    STRATUS_RETURN_IF_ERROR(CheckSupported(request.properties, kType, kProperties));
    if (AnyPropertyChanged(request, {"Tags", "Architectures"})) {
      return Status::InvalidArgument(
          "Updating Tags or Architectures of an AWS::Lambda::Function is not supported by "
          "stratus yet: replace the function (change its FunctionName) instead");
    }
    const std::string& name = request.physical_id;
    STRATUS_ASSIGN_OR_RETURN(Json configuration, Configuration(request, /*for_update=*/true));
    if (!configuration.empty()) {
      configuration["FunctionName"] = name;
      STRATUS_RETURN_IF_ERROR(
          caller_->Call(request.stack, "lambda", "UpdateFunctionConfiguration", configuration)
              .status());
    }
    if (PropertyChanged(request, "ReservedConcurrentExecutions")) {
      STRATUS_RETURN_IF_ERROR(ApplyReservedConcurrency(request, name));
    }
    // A new runtime changes the inline file's name, hence the code.
    if (AnyPropertyChanged(request, {"Code", "Runtime"})) {
      STRATUS_ASSIGN_OR_RETURN(Json code, FunctionCode(request.properties));
      code["FunctionName"] = name;
      STRATUS_RETURN_IF_ERROR(
          caller_->Call(request.stack, "lambda", "UpdateFunctionCode", code).status());
    }
    return WaitUntilActive(request.stack, name);
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
  // AWS: ReservedConcurrentExecutions is PutFunctionConcurrency; removing
  // the property is DeleteFunctionConcurrency. Pinned by
  // test/wire/test_lambda_concurrency.py::test_cloudformation_reserved_concurrency.
  Status ApplyReservedConcurrency(const ResourceRequest& request, const std::string& name) const {
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> reserved,
                             OptionalInteger(request.properties, "ReservedConcurrentExecutions"));
    if (!reserved.has_value()) {
      return caller_
          ->Call(request.stack, "lambda", "DeleteFunctionConcurrency", {{"FunctionName", name}})
          .status();
    }
    return caller_
        ->Call(request.stack, "lambda", "PutFunctionConcurrency",
               {{"FunctionName", name}, {"ReservedConcurrentExecutions", *reserved}})
        .status();
  }

  // Waits until the function leaves Pending (and its last update
  // InProgress); Failed is the function's error.
  Result<ResourceOutcome> WaitUntilActive(const StackIdentity& stack,
                                          const std::string& name) const {
    auto check = [](const Json& output) -> Result<ServiceCaller::Poll> {
      const std::string state = output.value("State", "Active");
      const std::string update = output.value("LastUpdateStatus", "Successful");
      if (state == "Failed" || update == "Failed") {
        return Status::InvalidArgument(
            Format("The function failed to become active: {}",
                   output.value("StateReason", output.value("LastUpdateStatusReason", ""))));
      }
      return state == "Pending" || update == "InProgress" ? ServiceCaller::Poll::kPending
                                                          : ServiceCaller::Poll::kDone;
    };
    STRATUS_ASSIGN_OR_RETURN(
        Json configuration,
        caller_->WaitFor(
            stack, "lambda", "GetFunctionConfiguration", {{"FunctionName", name}}, check,
            ServiceCaller::WaitOptions{.interval = std::chrono::milliseconds(200),
                                       .timeout = std::chrono::minutes(5),
                                       .what = Format("function {} to be active", name)}));
    return ResourceOutcome{
        .physical_id = name,
        .ref = {},
        .attributes = {{"Arn", configuration.value("FunctionArn", "")}},
    };
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeLambdaFunctionProvider(SharedCaller caller) {
  return std::make_shared<LambdaFunctionProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
