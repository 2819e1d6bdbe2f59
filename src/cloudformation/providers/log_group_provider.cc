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

constexpr std::string_view kType = "AWS::Logs::LogGroup";
constexpr std::string_view kProperties[] = {"KmsKeyId", "LogGroupClass", "LogGroupName",
                                            "RetentionInDays", "Tags"};

class LogGroupProvider final : public ResourceProvider {
 public:
  explicit LogGroupProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    if (HasProperty(request.properties, "LogGroupName")) {
      return std::nullopt;
    }
    return PhysicalNameRules{
        .max_length = 512, .lowercase = false, .extra_characters = "-_./#", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name,
                             OptionalString(properties, "LogGroupName"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> retention,
                             OptionalInteger(properties, "RetentionInDays"));
    STRATUS_ASSIGN_OR_RETURN(Json tags, TagMap(properties));
    if (!name.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    Json input = {{"logGroupName", *name}};
    if (!tags.empty()) {
      input["tags"] = tags;
    }
    for (const auto& [property, member] :
         {std::pair{"KmsKeyId", "kmsKeyId"}, std::pair{"LogGroupClass", "logGroupClass"}}) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                               OptionalString(properties, property));
      if (value.has_value()) {
        input[member] = *value;
      }
    }
    STRATUS_RETURN_IF_ERROR(caller_->Call(request.stack, "logs", "CreateLogGroup", input).status());
    if (retention.has_value()) {
      Status status = caller_
                          ->Call(request.stack, "logs", "PutRetentionPolicy",
                                 Json{{"logGroupName", *name}, {"retentionInDays", *retention}})
                          .status();
      if (!status.ok()) {
        (void)caller_->Call(request.stack, "logs", "DeleteLogGroup", Json{{"logGroupName", *name}});
        return status;
      }
    }
    return Outcome(request.stack, *name);
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    return AnyPropertyChanged(request, {"LogGroupName", "LogGroupClass"})
               ? UpdateKind::kReplacement
               : UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    STRATUS_RETURN_IF_ERROR(CheckSupported(request.properties, kType, kProperties));
    const std::string& name = request.physical_id;
    if (PropertyChanged(request, "RetentionInDays")) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> retention,
                               OptionalInteger(request.properties, "RetentionInDays"));
      Json input = {{"logGroupName", name}};
      if (retention.has_value()) {
        input["retentionInDays"] = *retention;
      }
      STRATUS_RETURN_IF_ERROR(
          caller_
              ->Call(request.stack, "logs",
                     retention.has_value() ? "PutRetentionPolicy" : "DeleteRetentionPolicy", input)
              .status());
    }
    if (PropertyChanged(request, "KmsKeyId")) {
      return Status::InvalidArgument(
          "Updating KmsKeyId of AWS::Logs::LogGroup is not supported by stratus");
    }
    STRATUS_ASSIGN_OR_RETURN(TagChanges tags, DiffTags(request));
    if (!tags.added.empty()) {
      STRATUS_RETURN_IF_ERROR(caller_
                                  ->Call(request.stack, "logs", "TagLogGroup",
                                         Json{{"logGroupName", name}, {"tags", tags.added}})
                                  .status());
    }
    if (!tags.removed.empty()) {
      STRATUS_RETURN_IF_ERROR(caller_
                                  ->Call(request.stack, "logs", "UntagLogGroup",
                                         Json{{"logGroupName", name}, {"tags", tags.removed}})
                                  .status());
    }
    return Outcome(request.stack, name);
  }

  Status Delete(const ResourceRequest& request) override {
    if (request.physical_id.empty()) {
      return Status::Ok();
    }
    Status status = caller_
                        ->Call(request.stack, "logs", "DeleteLogGroup",
                               Json{{"logGroupName", request.physical_id}})
                        .status();
    return IsNotFound(status) ? Status::Ok() : status;
  }

 private:
  static ResourceOutcome Outcome(const StackIdentity& stack, const std::string& name) {
    // AWS: the Arn attribute ends in ":*".
    return ResourceOutcome{
        .physical_id = name,
        .ref = {},
        .attributes = {{"Arn", Format("arn:aws:logs:{}:{}:log-group:{}:*", stack.region,
                                      stack.account_id, name)}},
    };
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeLogGroupProvider(SharedCaller caller) {
  return std::make_shared<LogGroupProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
