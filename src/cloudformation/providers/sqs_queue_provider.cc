#include <string>
#include <vector>

#include "base/format.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/physical_name.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"
#include "cloudformation/providers/tag_changes.h"

namespace stratus::cloudformation {
namespace {

constexpr std::string_view kType = "AWS::SQS::Queue";
constexpr std::string_view kProperties[] = {"ContentBasedDeduplication",
                                            "DeduplicationScope",
                                            "DelaySeconds",
                                            "FifoQueue",
                                            "FifoThroughputLimit",
                                            "KmsDataKeyReusePeriodSeconds",
                                            "KmsMasterKeyId",
                                            "MaximumMessageSize",
                                            "MessageRetentionPeriod",
                                            "QueueName",
                                            "ReceiveMessageWaitTimeSeconds",
                                            "RedriveAllowPolicy",
                                            "RedrivePolicy",
                                            "SqsManagedSseEnabled",
                                            "Tags",
                                            "VisibilityTimeout"};

// AWS: these properties are queue attributes of the same name; the values a
// removed property falls back to are SQS's defaults.
struct QueueAttribute {
  std::string_view name;
  std::string_view default_value;
};

constexpr QueueAttribute kAttributes[] = {
    {"ContentBasedDeduplication", "false"},
    {"DeduplicationScope", "queue"},
    {"DelaySeconds", "0"},
    {"FifoThroughputLimit", "perQueue"},
    {"KmsDataKeyReusePeriodSeconds", "300"},
    {"KmsMasterKeyId", ""},
    {"MaximumMessageSize", "262144"},
    {"MessageRetentionPeriod", "345600"},
    {"ReceiveMessageWaitTimeSeconds", "0"},
    {"RedriveAllowPolicy", ""},
    {"RedrivePolicy", ""},
    {"SqsManagedSseEnabled", "true"},
    {"VisibilityTimeout", "30"},
};

bool IsPolicy(std::string_view name) {
  return name == "RedrivePolicy" || name == "RedriveAllowPolicy";
}

// Returns the attribute value of a property: policies as JSON text (they may
// be written as objects or strings), everything else as a string.
Result<std::optional<std::string>> AttributeValue(const Json& properties, std::string_view name) {
  if (IsPolicy(name)) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<Json> policy, OptionalDocument(properties, name));
    if (!policy.has_value()) {
      return std::optional<std::string>();
    }
    return std::optional<std::string>(DumpJson(StringifyScalars(*policy)));
  }
  return OptionalString(properties, name);
}

class SqsQueueProvider final : public ResourceProvider {
 public:
  explicit SqsQueueProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    if (HasProperty(request.properties, "QueueName")) {
      return std::nullopt;
    }
    Result<std::optional<bool>> fifo = OptionalBool(request.properties, "FifoQueue");
    return PhysicalNameRules{.max_length = 80,
                             .lowercase = false,
                             .extra_characters = "-_",
                             .suffix = fifo.ok() && fifo->value_or(false) ? ".fifo" : ""};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(std::optional<bool> fifo, OptionalBool(properties, "FifoQueue"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name,
                             OptionalString(properties, "QueueName"));
    Json attributes = Json::object();
    for (const QueueAttribute& attribute : kAttributes) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                               AttributeValue(properties, attribute.name));
      if (value.has_value()) {
        attributes[std::string(attribute.name)] = *value;
      }
    }
    if (fifo.value_or(false)) {
      attributes["FifoQueue"] = "true";
    }
    STRATUS_ASSIGN_OR_RETURN(Json tags, TagMap(properties));
    if (name.has_value()) {
      // AWS: a named queue that already exists fails the resource rather than adopting it.
      Result<Json> existing =
          caller_->Call(request.stack, "sqs", "GetQueueUrl", Json{{"QueueName", *name}});
      if (existing.ok()) {
        return Status::AlreadyExists(Format("{} already exists", *name));
      }
    } else {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    Json input = {{"QueueName", *name}, {"Attributes", attributes}};
    if (!tags.empty()) {
      input["tags"] = tags;
    }
    STRATUS_ASSIGN_OR_RETURN(Json created,
                             caller_->Call(request.stack, "sqs", "CreateQueue", input));
    const std::string url = created.value("QueueUrl", "");
    return Describe(request, url);
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    return AnyPropertyChanged(request, {"QueueName", "FifoQueue"}) ? UpdateKind::kReplacement
                                                                   : UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    STRATUS_RETURN_IF_ERROR(CheckSupported(request.properties, kType, kProperties));
    Json attributes = Json::object();
    for (const QueueAttribute& attribute : kAttributes) {
      if (!PropertyChanged(request, attribute.name)) {
        continue;
      }
      STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                               AttributeValue(request.properties, attribute.name));
      attributes[std::string(attribute.name)] =
          value.value_or(std::string(attribute.default_value));
    }
    const std::string& url = request.physical_id;
    if (!attributes.empty()) {
      STRATUS_RETURN_IF_ERROR(caller_
                                  ->Call(request.stack, "sqs", "SetQueueAttributes",
                                         Json{{"QueueUrl", url}, {"Attributes", attributes}})
                                  .status());
    }
    STRATUS_ASSIGN_OR_RETURN(TagChanges tags, DiffTags(request));
    if (!tags.added.empty()) {
      STRATUS_RETURN_IF_ERROR(caller_
                                  ->Call(request.stack, "sqs", "TagQueue",
                                         Json{{"QueueUrl", url}, {"Tags", tags.added}})
                                  .status());
    }
    if (!tags.removed.empty()) {
      STRATUS_RETURN_IF_ERROR(caller_
                                  ->Call(request.stack, "sqs", "UntagQueue",
                                         Json{{"QueueUrl", url}, {"TagKeys", tags.removed}})
                                  .status());
    }
    return Describe(request, url);
  }

  Status Delete(const ResourceRequest& request) override {
    if (request.physical_id.empty()) {
      return Status::Ok();
    }
    Status status =
        caller_->Call(request.stack, "sqs", "DeleteQueue", Json{{"QueueUrl", request.physical_id}})
            .status();
    return IsNotFound(status) ? Status::Ok() : status;
  }

  // The queue's URL comes from its name.
  Status DeleteGenerated(const ResourceRequest& request) override {
    if (request.generated_name.empty()) {
      return Status::Ok();
    }
    Result<Json> found = caller_->Call(request.stack, "sqs", "GetQueueUrl",
                                       Json{{"QueueName", request.generated_name}});
    if (!found.ok()) {
      return IsNotFound(found.status()) ? Status::Ok() : found.status();
    }
    ResourceRequest named = request;
    named.physical_id = found->value("QueueUrl", "");
    return Delete(named);
  }

 private:
  Result<ResourceOutcome> Describe(const ResourceRequest& request, const std::string& url) const {
    STRATUS_ASSIGN_OR_RETURN(
        Json described,
        caller_->Call(request.stack, "sqs", "GetQueueAttributes",
                      Json{{"QueueUrl", url}, {"AttributeNames", Json::array({"QueueArn"})}}));
    const std::string arn = described["Attributes"].value("QueueArn", "");
    const std::string name = arn.substr(arn.rfind(':') + 1);
    return ResourceOutcome{
        .physical_id = url,
        .ref = {},
        .attributes = {{"Arn", arn}, {"QueueName", name}, {"QueueUrl", url}},
    };
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeSqsQueueProvider(SharedCaller caller) {
  return std::make_shared<SqsQueueProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
