#include <string>
#include <vector>

#include "base/digest.h"
#include "base/format.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/physical_name.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"
#include "cloudformation/providers/tag_changes.h"

namespace stratus::cloudformation {
namespace {

constexpr std::string_view kType = "AWS::StepFunctions::StateMachine";
constexpr std::string_view kProperties[] = {"Definition",
                                            "DefinitionS3Location",
                                            "DefinitionString",
                                            "DefinitionSubstitutions",
                                            "EncryptionConfiguration",
                                            "LoggingConfiguration",
                                            "RoleArn",
                                            "StateMachineName",
                                            "StateMachineType",
                                            "Tags",
                                            "TracingConfiguration"};

// Replaces every ${name} whose name is a key of `substitutions` with its value.
std::string Substitute(const std::string& definition, const Json& substitutions) {
  std::string out;
  size_t at = 0;
  while (at < definition.size()) {
    const size_t open = definition.find("${", at);
    const size_t close = open == std::string::npos ? open : definition.find('}', open + 2);
    if (close == std::string::npos) {
      break;
    }
    const std::string name = definition.substr(open + 2, close - open - 2);
    out.append(definition, at, open - at);
    if (substitutions.contains(name)) {
      out += substitutions[name].get<std::string>();
    } else {
      out.append(definition, open, close + 1 - open);
    }
    at = close + 1;
  }
  out.append(definition, at, std::string::npos);
  return out;
}

// Returns CloudFormation's LoggingConfiguration as the API's (camelCase members).
Json LoggingConfiguration(const Json& logging) {
  Json out = Json::object();
  if (logging.contains("Level")) {
    out["level"] = logging["Level"];
  }
  if (logging.contains("IncludeExecutionData")) {
    out["includeExecutionData"] = logging["IncludeExecutionData"];
  }
  Json destinations = Json::array();
  for (const Json& destination : logging.value("Destinations", Json::array())) {
    destinations.push_back(
        {{"cloudWatchLogsLogGroup",
          {{"logGroupArn", destination.value("CloudWatchLogsLogGroup", Json::object())
                               .value("LogGroupArn", "")}}}});
  }
  if (!destinations.empty()) {
    out["destinations"] = destinations;
  }
  return out;
}

Json ApiTags(const Json& tags) {
  Json list = Json::array();
  for (const auto& [key, value] : tags.items()) {
    list.push_back({{"key", key}, {"value", value}});
  }
  return list;
}

class StateMachineProvider final : public ResourceProvider {
 public:
  explicit StateMachineProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    if (HasProperty(request.properties, "StateMachineName")) {
      return std::nullopt;
    }
    return PhysicalNameRules{
        .max_length = 80, .lowercase = false, .extra_characters = "-_", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(std::string definition, Definition(request));
    STRATUS_ASSIGN_OR_RETURN(std::string role, RequiredString(properties, "RoleArn"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name,
                             OptionalString(properties, "StateMachineName"));
    if (!name.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    Json input = {{"name", *name}, {"definition", definition}, {"roleArn", role}};
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> type,
                             OptionalString(properties, "StateMachineType"));
    if (type.has_value()) {
      input["type"] = *type;
    }
    STRATUS_RETURN_IF_ERROR(AddConfigurations(properties, /*for_update=*/false, &input));
    STRATUS_ASSIGN_OR_RETURN(Json tags, TagMap(properties));
    if (!tags.empty()) {
      input["tags"] = ApiTags(tags);
    }
    STRATUS_ASSIGN_OR_RETURN(Json created,
                             caller_->Call(request.stack, "states", "CreateStateMachine", input));
    return Describe(request.stack, created.value("stateMachineArn", ""));
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    return AnyPropertyChanged(request, {"StateMachineName", "StateMachineType"})
               ? UpdateKind::kReplacement
               : UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    const std::string& arn = request.physical_id;
    Json input = {{"stateMachineArn", arn}};
    if (AnyPropertyChanged(request, {"Definition", "DefinitionString", "DefinitionS3Location",
                                     "DefinitionSubstitutions"})) {
      STRATUS_ASSIGN_OR_RETURN(input["definition"], Definition(request));
    }
    if (PropertyChanged(request, "RoleArn")) {
      STRATUS_ASSIGN_OR_RETURN(input["roleArn"], RequiredString(properties, "RoleArn"));
    }
    if (AnyPropertyChanged(
            request, {"LoggingConfiguration", "TracingConfiguration", "EncryptionConfiguration"})) {
      STRATUS_RETURN_IF_ERROR(AddConfigurations(properties, /*for_update=*/true, &input));
    }
    if (input.size() > 1) {
      STRATUS_RETURN_IF_ERROR(
          caller_->Call(request.stack, "states", "UpdateStateMachine", input).status());
    }
    STRATUS_ASSIGN_OR_RETURN(TagChanges tags, DiffTags(request));
    if (!tags.added.empty()) {
      STRATUS_RETURN_IF_ERROR(caller_
                                  ->Call(request.stack, "states", "TagResource",
                                         {{"resourceArn", arn}, {"tags", ApiTags(tags.added)}})
                                  .status());
    }
    if (!tags.removed.empty()) {
      STRATUS_RETURN_IF_ERROR(caller_
                                  ->Call(request.stack, "states", "UntagResource",
                                         {{"resourceArn", arn}, {"tagKeys", tags.removed}})
                                  .status());
    }
    return Describe(request.stack, arn);
  }

  Status Delete(const ResourceRequest& request) override {
    if (request.physical_id.empty()) {
      return Status::Ok();
    }
    Status status = caller_
                        ->Call(request.stack, "states", "DeleteStateMachine",
                               {{"stateMachineArn", request.physical_id}})
                        .status();
    return IsNotFound(status) ? Status::Ok() : status;
  }

  // The state machine's ARN comes from its name.
  Status DeleteGenerated(const ResourceRequest& request) override {
    if (request.generated_name.empty()) {
      return Status::Ok();
    }
    ResourceRequest named = request;
    named.physical_id = Format("arn:aws:states:{}:{}:stateMachine:{}", request.stack.region,
                               request.stack.account_id, request.generated_name);
    return Delete(named);
  }

 private:
  // Returns the definition from exactly one of Definition (an object),
  // DefinitionString and DefinitionS3Location, with the substitutions applied.
  Result<std::string> Definition(const ResourceRequest& request) const {
    const Json& properties = request.properties;
    const int sources = static_cast<int>(properties.contains("Definition")) +
                        static_cast<int>(properties.contains("DefinitionString")) +
                        static_cast<int>(properties.contains("DefinitionS3Location"));
    if (sources != 1) {
      return Status::InvalidArgument(
          "AWS::StepFunctions::StateMachine needs exactly one of Definition, DefinitionString "
          "and DefinitionS3Location");
    }
    std::string definition;
    if (properties.contains("Definition")) {
      if (!properties["Definition"].is_object()) {
        return Status::InvalidArgument(
            "Definition of AWS::StepFunctions::StateMachine must be an object");
      }
      definition = properties["Definition"].dump();
    } else if (properties.contains("DefinitionString")) {
      STRATUS_ASSIGN_OR_RETURN(definition, RequiredString(properties, "DefinitionString"));
    } else {
      STRATUS_ASSIGN_OR_RETURN(definition, ReadS3Definition(request));
    }
    const Json substitutions =
        StringifyScalars(properties.value("DefinitionSubstitutions", Json::object()));
    if (!substitutions.is_object()) {
      return Status::InvalidArgument("DefinitionSubstitutions must be an object");
    }
    return substitutions.empty() ? definition : Substitute(definition, substitutions);
  }

  Result<std::string> ReadS3Definition(const ResourceRequest& request) const {
    const Json& location = request.properties["DefinitionS3Location"];
    STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(location, "Bucket"));
    STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(location, "Key"));
    Json input = {{"Bucket", bucket}, {"Key", key}};
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> version,
                             OptionalString(location, "Version"));
    if (version.has_value()) {
      input["VersionId"] = *version;
    }
    STRATUS_ASSIGN_OR_RETURN(Json object, caller_->Call(request.stack, "s3", "GetObject", input));
    std::string body;
    if (!Base64Decode(object.value("Body", ""), &body)) {
      return Status::Internal(Format("GetObject of s3://{}/{} returned no body", bucket, key));
    }
    return body;
  }

  static Status AddConfigurations(const Json& properties, bool for_update, Json* input) {
    if (properties.contains("LoggingConfiguration")) {
      (*input)["loggingConfiguration"] = LoggingConfiguration(properties["LoggingConfiguration"]);
    } else if (for_update) {
      (*input)["loggingConfiguration"] = {{"level", "OFF"}};
    }
    if (properties.contains("TracingConfiguration")) {
      (*input)["tracingConfiguration"] = {
          {"enabled", properties["TracingConfiguration"].value("Enabled", false)}};
    }
    if (properties.contains("EncryptionConfiguration")) {
      const Json& encryption = properties["EncryptionConfiguration"];
      Json api = {{"type", encryption.value("Type", "AWS_OWNED_KEY")}};
      if (encryption.contains("KmsKeyId")) {
        api["kmsKeyId"] = encryption["KmsKeyId"];
      }
      if (encryption.contains("KmsDataKeyReusePeriodSeconds")) {
        api["kmsDataKeyReusePeriodSeconds"] = encryption["KmsDataKeyReusePeriodSeconds"];
      }
      (*input)["encryptionConfiguration"] = api;
    }
    return Status::Ok();
  }

  Result<ResourceOutcome> Describe(const StackIdentity& stack, const std::string& arn) const {
    STRATUS_ASSIGN_OR_RETURN(Json described, caller_->Call(stack, "states", "DescribeStateMachine",
                                                           {{"stateMachineArn", arn}}));
    std::map<std::string, Json> attributes = {{"Arn", arn}, {"Name", described.value("name", "")}};
    // AWS: StateMachineRevisionId is the revision id, or the ARN before any update.
    attributes["StateMachineRevisionId"] = described.value("revisionId", arn);
    return ResourceOutcome{.physical_id = arn, .ref = {}, .attributes = std::move(attributes)};
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeStateMachineProvider(SharedCaller caller) {
  return std::make_shared<StateMachineProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
